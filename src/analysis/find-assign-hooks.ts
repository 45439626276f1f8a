// Patching without `_wrap`: a function put in place of a function that user code calls. By plain
// assignment (`globalThis.fetch = wrapped`, `http.request = function …`, `Cls.prototype.m = …`,
// `client.query = instrumented`), by `Object.defineProperty(target, 'm', { value })` or a getter that
// hands a wrapper out, or as the replacement a patch callback returns for the module it was given. And
// `new Proxy(target, { apply, construct, get })`: its traps run on every call or property read.
//
// Precision: an assignment is a hook only when the stored function replaces something the package
// does not own — the old value is read and used by the new one (`const orig = obj.m; obj.m = function
// () { … orig.apply(this, arguments) }`, `obj.m = wrap(obj.m)`), or the target is a module, a global,
// a patch callback's module parameter, or the prototype of a class defined elsewhere. The package's
// own prototypes (ES5 classes), fields (`this.x = …`) and exports are not patches.
import { ts } from '../util/ts.cjs';
import type { CallGraph } from './call-graph.js';
import { constantString } from './context.js';
import { isSdkHookName, objectPath, ownerPath, type HookSite } from './find-hooks.js';
import { compactText, isGlobalIdentifier, memberName, moduleRef, unwrap } from './module-ref.js';
import { className } from './function-name.js';
import { returnedFunctions } from './returned-functions.js';
import { enclosingFunction, isFunctionLike, isWithin, resolveIdentifier, type FunctionNode } from './scope.js';
import type { SyntaxIndex } from './syntax-index.js';
import type { Values } from './values.js';

/** Globals whose functions user code calls: what patching them replaces. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self', 'process', 'console']);
/** Functions of Node's module loader: patching them hooks module loading, which is set-up. */
const MODULE_LOADER = new Set(['require', 'getBuiltinModule', '_load', '_compile', '_resolveFilename', '_findPath', 'createRequire']);
/** Proxy traps that run per call (`apply`, `construct`) or per property read (`get`). */
const TRAPS = ['apply', 'construct', 'get'];

function isExportsObject(e: ts.Expression): boolean {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return x.text === 'exports' || x.text === 'module';
  return ts.isPropertyAccessExpression(x) && x.name.text === 'exports' && ts.isIdentifier(x.expression) && x.expression.text === 'module';
}

/** The root of `a.b.c` (`a`), past parentheses. */
function rootOf(expr: ts.Expression): ts.Expression {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) e = unwrap(e.expression);
  return e;
}

/**
 * Does `expr` read the slot being replaced: member `name` of the same object (`obj.name`,
 * `obj['name']`, `Object.getOwnPropertyDescriptor(obj, 'name')`)?
 */
function readsSlot(expr: ts.Node, obj: string, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n)) return;
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && memberName(n) === name && compactText(n.expression) === obj) found = true;
    else if (
      ts.isCallExpression(n) &&
      memberName(unwrap(n.expression)) === 'getOwnPropertyDescriptor' &&
      n.arguments[1] &&
      constantString(n.arguments[1]) === name &&
      n.arguments[0] &&
      compactText(n.arguments[0]) === obj
    )
      found = true;
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

/** An identifier bound, outside `scope`, to a read of the slot: the old value. */
function holdsOldValue(id: ts.Identifier, obj: string, name: string, scope?: ts.Node): boolean {
  const d = resolveIdentifier(id);
  return d !== undefined && ts.isVariableDeclaration(d) && d.initializer !== undefined && !(scope && isWithin(d, scope)) && readsSlot(d.initializer, obj, name);
}

/** Does `fn` use the old value of the slot it is stored in (`orig.apply(this, arguments)`)? */
function usesOldValue(fn: FunctionNode, obj: string, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && holdsOldValue(n, obj, name, fn)) found = true;
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

export class AssignHookFinder {
  constructor(
    private readonly values: Values,
    private readonly graph: CallGraph,
    /** is this the package's own code */
    private readonly own: (node: ts.Node) => boolean,
    /** functions reached from patch callbacks, with the module they patch */
    private readonly modules: Map<ts.Node, string>,
  ) {}

  find(indexes: SyntaxIndex[], patchCallbacks: FunctionNode[]): HookSite[] {
    const hooks: HookSite[] = [];
    for (const idx of indexes) {
      for (const a of idx.propertyAssignments) {
        const left = unwrap(a.left) as ts.PropertyAccessExpression | ts.ElementAccessExpression;
        const name = memberName(left);
        if (name === undefined) continue;
        const hook = this.replacement(left.expression, name, a.right, a, idx.keptMembers);
        if (hook) hooks.push(hook);
      }
      for (const call of idx.calls) {
        const hook = this.definedProperty(call, idx.keptMembers);
        if (hook) hooks.push(hook);
      }
      for (const n of idx.news) hooks.push(...this.proxyTraps(n));
    }
    for (const patch of patchCallbacks) {
      const hook = this.returnedReplacement(patch);
      if (hook) hooks.push(hook);
      hooks.push(...this.handedComponents(patch));
    }
    return hooks;
  }

  /**
   * An object of the package's own class handed to the patched module in its patch callback
   * (`moduleExports.useInstrumenter(new OpenTelemetryInstrumenter())`, `mod.setTracer(new Tracer())`):
   * the module keeps it and calls its methods on its own operations, so each method is a hook — named by
   * the module, the registering member and the class (`@azure/core-tracing:useInstrumenter→
   * OpenTelemetryInstrumenter.startSpan`), and set-up by its own name like any method.
   */
  private handedComponents(patch: FunctionNode): HookSite[] {
    const moduleParam = patch.parameters[0];
    if (!moduleParam || !ts.isIdentifier(moduleParam.name) || !patch.body) return [];
    const out: HookSite[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = unwrap(n.expression);
        const registrar = memberName(callee);
        let root: ts.Expression = callee;
        while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
        if (registrar !== undefined && ts.isIdentifier(root) && resolveIdentifier(root) === moduleParam) {
          for (const arg of n.arguments) {
            const v = this.values.valueOf(arg);
            if (v?.kind !== 'instance' || !this.own(v.cls)) continue;
            const cls = className(v.cls);
            for (const m of v.cls.members) {
              if (!ts.isMethodDeclaration(m) || !m.body || !ts.isIdentifier(m.name) || m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
              out.push({ kind: 'assign', target: `${this.modules.get(patch) ?? '?'}:${registrar}→${cls}.${m.name.text}`, site: n, fns: [m], method: m.name.text });
            }
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(patch.body);
    return out;
  }

  /** Functions an expression stores: a function, a bound one, or what a wrapper-making call returns. */
  private storedFunctions(value: ts.Expression): FunctionNode[] {
    const e = unwrap(value);
    if (ts.isConditionalExpression(e)) return [...this.storedFunctions(e.whenTrue), ...this.storedFunctions(e.whenFalse)];
    const v = this.values.valueOf(e);
    // reading a getter stores what it returns (`process.env.X = this.logFilePath`), not the getter
    if (v?.kind === 'function' && ts.isGetAccessorDeclaration(v.node)) return returnedFunctions(v.node, this.values, this.graph, 3, false).filter(this.own);
    if (v?.kind === 'function') return this.own(v.node) ? [v.node] : [];
    if (!ts.isCallExpression(e)) return [];
    // a wrapper maker's product (`obj.m = wrap(obj.m)`); not a callback the made value merely uses
    // (`run.events = filterEvents(run.events)` returning `events.filter((e) => …)`)
    return this.graph
      .direct(e)
      .flatMap((f) => returnedFunctions(f, this.values, this.graph, 3, false))
      .filter(this.own);
  }

  /** `obj.name = value` (or defined with `value`): a hook when it replaces a function the package does not own. */
  private replacement(obj: ts.Expression, name: string, value: ts.Expression, site: ts.Node, kept: ReadonlySet<string>, extra: FunctionNode[] = []): HookSite | undefined {
    const o = unwrap(obj);
    if (o.kind === ts.SyntaxKind.ThisKeyword || isExportsObject(o)) return undefined;
    if (isSdkHookName(name)) return undefined; // `processor.onEnd = …`: an SDK hook (find-hooks.ts)
    const v = unwrap(value);
    // only what can hold a function; most assignments store data
    if (!(isFunctionLike(v) || ts.isIdentifier(v) || ts.isCallExpression(v) || ts.isConditionalExpression(v) || ts.isObjectLiteralExpression(v) || ts.isPropertyAccessExpression(v))) return undefined;
    // cheap tests first: the old value can be used only if a variable of the file keeps a member of
    // that name, or the new value is made from it (`obj.m = wrap(obj.m)`)
    const slot = compactText(o);
    const maybeOld = kept.has(name) || (ts.isCallExpression(v) && v.arguments.some((arg) => readsSlot(arg, slot, name)));
    const module = this.foreignTarget(o, site);
    if (!maybeOld && module === undefined) return undefined;
    const fns = [...extra, ...this.storedFunctions(value)];
    if (fns.length === 0) return undefined;
    // `obj.m = wrap(obj.m)`, or the new function uses the old value it read before
    const wrapsOld =
      maybeOld &&
      ((ts.isCallExpression(v) && v.arguments.some((arg) => readsSlot(arg, slot, name) || (ts.isIdentifier(unwrap(arg)) && holdsOldValue(unwrap(arg) as ts.Identifier, slot, name)))) ||
        fns.some((f) => usesOldValue(f, slot, name)));
    if (!wrapsOld && module === undefined) return undefined;
    // a module's own member reads as the bench names it: `http:request`, `pg:Client.prototype.query`
    const ref = moduleRef(o);
    // Node's module loader (`Module.prototype.require`, `_compile`, `process.getBuiltinModule`) runs per
    // module load, not per call
    if (ref?.module === 'module' || MODULE_LOADER.has(name)) return undefined;
    // the member replaced is the method, as for a wrap: a set-up API replaced by assignment is a set-up hook
    if (ref && !ref.module.startsWith('.')) return { kind: 'assign', target: `${ref.module}:${[...ref.path, name].join('.')}`, site, fns, method: name };
    // a patch callback's module parameter is the module itself: `mysql:query`, `pg:Client.prototype.query`
    const owner = module ? objectPath(o) : ownerPath(o);
    return { kind: 'assign', target: `${module ? `${module}:` : ''}${owner ? `${owner}.` : ''}${name}`, site, fns, method: name };
  }

  /**
   * The module (or '' for a global or an unknown owner) of a target the package does not own: a module
   * import, a global object, a patch callback's parameter, the prototype of a class defined elsewhere.
   */
  private foreignTarget(obj: ts.Expression, site: ts.Node): string | undefined {
    const ref = moduleRef(obj);
    if (ref && !ref.module.startsWith('.')) return ref.module;
    const root = rootOf(obj);
    // `process.env.X = …` sets an environment variable: a string, never a function user code calls
    if (ts.isIdentifier(root) && root.text === 'process' && /^process\s*\.\s*env\b/.test(compactText(unwrap(obj)))) return undefined;
    if (ts.isIdentifier(root) && GLOBAL_OBJECTS.has(root.text) && isGlobalIdentifier(root, root.text)) return '';
    if (ts.isIdentifier(root)) {
      const d = resolveIdentifier(root);
      if (d && ts.isParameter(d) && this.modules.has(d.parent)) return this.modules.get(d.parent);
    }
    // `X.prototype.m = …` where X is not the package's own class or function
    const u = unwrap(obj);
    if ((ts.isPropertyAccessExpression(u) || ts.isElementAccessExpression(u)) && memberName(u) === 'prototype') {
      const owner = this.values.valueOf(u.expression);
      const ownCode = (owner?.kind === 'class' || owner?.kind === 'function') && this.own(owner.node);
      if (!ownCode && enclosingFunction(site)) return this.moduleOf(site) ?? '';
    }
    return undefined;
  }

  private moduleOf(site: ts.Node): string | undefined {
    for (let fn = enclosingFunction(site); fn; fn = enclosingFunction(fn)) {
      const m = this.modules.get(fn);
      if (m) return m;
    }
    return undefined;
  }

  /** `Object.defineProperty(target, 'm', { value: wrapper })` or `{ get() { return wrapper } }`. */
  private definedProperty(call: ts.CallExpression, kept: ReadonlySet<string>): HookSite | undefined {
    const callee = unwrap(call.expression);
    if (memberName(callee) !== 'defineProperty' || !ts.isPropertyAccessExpression(callee)) return undefined;
    if (!isGlobalIdentifier(callee.expression, 'Object') && !isGlobalIdentifier(callee.expression, 'Reflect')) return undefined;
    const [target, key, descArg] = call.arguments;
    // tsc's `Object.defineProperty(exports, 'x', { get })` re-exports: the package's own, and the most common
    if (!target || !descArg || isExportsObject(target) || unwrap(target).kind === ts.SyntaxKind.ThisKeyword) return undefined;
    const name = key && constantString(key);
    const desc = name === undefined ? undefined : this.values.valueOf(descArg);
    if (name === undefined || desc?.kind !== 'object') return undefined;
    const value = this.values.member(desc, 'value');
    if (value?.kind === 'function') return this.replacement(target, name, descArg, call, kept, this.own(value.node) ? [value.node] : []);
    const getter = this.values.member(desc, 'get');
    if (getter?.kind !== 'function' || !this.own(getter.node)) return undefined;
    // the getter runs on every read of the property, and what it hands out runs when called
    const handed = returnedFunctions(getter.node, this.values, this.graph).filter(this.own);
    if (handed.length === 0) return undefined;
    return this.replacement(target, name, descArg, call, kept, [getter.node, ...handed]);
  }

  private proxyTraps(n: ts.NewExpression): HookSite[] {
    if (!isGlobalIdentifier(n.expression, 'Proxy') || !n.arguments?.[1]) return [];
    const handler = this.values.valueOf(n.arguments[1]);
    if (handler?.kind !== 'object') return [];
    const target = n.arguments[0] ? ownerPath(n.arguments[0]) : '?';
    const out: HookSite[] = [];
    for (const trap of TRAPS) {
      const v = this.values.member(handler, trap);
      if (v?.kind === 'function' && this.own(v.node)) out.push({ kind: 'proxy', target: `${target}[${trap}]`, site: n, fns: [v.node] });
    }
    return out;
  }

  /**
   * A patch callback that returns a function of its own in place of the module it was given, calling
   * the original inside (`(moduleExports) => function patched(...a) { return moduleExports.apply(this, a) }`).
   */
  private returnedReplacement(patch: FunctionNode): HookSite | undefined {
    const moduleParam = patch.parameters[0];
    if (!moduleParam || !ts.isIdentifier(moduleParam.name)) return undefined;
    const param = moduleParam.name.text;
    const fns = returnedFunctions(patch, this.values, this.graph, 1).filter((f) => this.own(f) && f !== patch && mentions(f, param, moduleParam));
    if (fns.length === 0) return undefined;
    return { kind: 'assign', target: this.modules.get(patch) ?? '?', site: fns[0]!, fns };
  }
}

/** Does `fn` use the parameter `decl` (by name) of an enclosing function? */
function mentions(fn: FunctionNode, name: string, decl: ts.ParameterDeclaration): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name && resolveIdentifier(n) === decl) found = true;
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}
