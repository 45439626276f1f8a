// Hooks: the entry points of code that runs on every instrumented call. Wrappers returned by the
// factories handed to `_wrap`/`_massWrap`/`shimmer.wrap`, SDK components by shape, and functions
// assigned over an SDK component's per-span methods. diagnostics_channel subscribers live in
// find-channel-hooks.ts. Setup code found on the way (factories, patch callbacks) is returned too:
// it runs once.
import { ts } from '../util/ts.cjs';
import type { HookKind } from '../model/report.js';
import { moduleOrigin, type ModuleOrigin } from '../model/set-up-methods.js';
import type { CallGraph } from './call-graph.js';
import { exportTable } from './export-table.js';
import { className } from './function-name.js';
import { componentUses } from './component-uses.js';
import { memberName, moduleRef, unwrap } from './module-ref.js';
import { constantString } from './context.js';
import { compactText } from './expressions.js';
import type { RegistrationLifter } from './registrations.js';
import { factoryProducts, returnedFunctions } from './returned-functions.js';
import { enclosingFunction, isFunctionLike, resolveIdentifier, type FunctionNode } from './scope.js';
import type { SyntaxIndex } from './syntax-index.js';
import type { Values } from './values.js';

export interface HookSite {
  kind: HookKind;
  target: string;
  /** where the hook is registered or declared (for file:line) */
  site: ts.Node;
  /** the functions that run per call */
  fns: FunctionNode[];
  /** the wrapped or replaced method's name, when a wrap or an assignment names it (decides set-up hooks, see set-up-methods.ts) */
  method?: string;
  /** the module (and file) the patch callback around the hook was registered for, when a module definition says */
  origin?: ModuleOrigin;
}

export interface Setup {
  /** patch/unpatch callbacks of module definitions, with the module they patch */
  definitions: Array<{ module: string; origin: ModuleOrigin; fns: FunctionNode[]; site: ts.Node }>;
  /** wrapper factories and other code that runs once per patch */
  factories: FunctionNode[];
}

const WRAPPERS = new Set(['_wrap', '_massWrap', 'wrap', 'massWrap']);
type WrapRole = 'target' | 'names' | 'factory';
const DEFINITIONS = /InstrumentationNodeModule(Definition|File)$/;

/**
 * SDK interfaces; the listed hooks run per span / per record. A class or object is taken for one when
 * it has the `needs` and either the rest of the interface (`complete`: what the SDK calls besides, or
 * the exporter's `export(items, resultCallback)` signature) or a use as that component in the package
 * (component-uses.ts): a method named `extract` alone makes no propagator.
 */
const SDK_SHAPES: Array<{ kind: HookKind; needs: string[]; complete: string[]; hooks: string[] }> = [
  { kind: 'span-processor', needs: ['onStart', 'onEnd'], complete: ['forceFlush', 'shutdown'], hooks: ['onStart', 'onEnding', 'onEnd'] },
  { kind: 'sampler', needs: ['shouldSample'], complete: ['toString'], hooks: ['shouldSample'] },
  { kind: 'propagator', needs: ['inject', 'extract'], complete: ['fields'], hooks: ['inject', 'extract'] },
  { kind: 'exporter', needs: ['export', 'shutdown'], complete: [], hooks: ['export'] },
  { kind: 'log-processor', needs: ['onEmit'], complete: ['forceFlush', 'shutdown'], hooks: ['onEmit'] },
];

/** `export(items, resultCallback)`: the exporter interface's signature (a plain `export(data)` is not one). */
function looksComplete(shape: (typeof SDK_SHAPES)[number], members: ReadonlyMap<string, ts.Node>): boolean {
  if (!shape.complete.every((n) => members.has(n))) return false;
  if (shape.kind !== 'exporter') return true;
  const m = members.get('export');
  const fn = m && (isFunctionLike(m) ? m : ts.isPropertyDeclaration(m) || ts.isPropertyAssignment(m) ? unwrap(m.initializer!) : undefined);
  return fn !== undefined && isFunctionLike(fn) && fn.parameters.length >= 2;
}
const ASSIGNED_HOOKS = new Map<string, HookKind>(SDK_SHAPES.flatMap((s) => s.hooks.map((h) => [h, s.kind] as [string, HookKind])));

/** A per-span method of an SDK component (`onEnd`, `shouldSample` …): assigning one is an SDK hook. */
export function isSdkHookName(name: string): boolean {
  return ASSIGNED_HOOKS.has(name);
}

/** A constant string, also as `String.raw\`…\`` (how regular-expression sources are written). */
function rawString(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isTaggedTemplateExpression(e) && ts.isNoSubstitutionTemplateLiteral(e.template) && e.tag.getText() === 'String.raw') return e.template.rawText;
  return constantString(e);
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const c = unwrap(call.expression);
  return ts.isIdentifier(c) ? c.text : memberName(c);
}

/** `moduleExports.Client.prototype` → `Client.prototype` (the patch callback's parameter is the module). */
export function objectPath(expr: ts.Expression): string {
  const parts: string[] = [];
  let e = unwrap(expr);
  for (;;) {
    const name = memberName(e);
    if (name !== undefined && (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))) {
      parts.unshift(name);
      e = unwrap(e.expression);
      continue;
    }
    break;
  }
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(e);
    if (!d || !ts.isParameter(d)) parts.unshift(e.text);
  } else if (e.kind === ts.SyntaxKind.ThisKeyword) parts.unshift('this');
  else parts.unshift(compactText(e).slice(0, 40));
  return parts.join('.');
}

/** `objectPath`, or the text when that is empty (a parameter by itself): a readable owner for a target. */
export function ownerPath(expr: ts.Expression): string {
  return objectPath(expr) || compactText(unwrap(expr)).slice(0, 40);
}

function methodNames(cls: ts.ClassLikeDeclaration): Map<string, ts.ClassElement> {
  const out = new Map<string, ts.ClassElement>();
  for (const m of cls.members) {
    if (!m.name || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) continue;
    if (ts.isMethodDeclaration(m) || (ts.isPropertyDeclaration(m) && m.initializer && isFunctionLike(unwrap(m.initializer)))) out.set(m.name.text, m);
  }
  return out;
}

export class HookFinder {
  constructor(
    private readonly values: Values,
    private readonly graph: CallGraph,
  ) {}

  setup(indexes: SyntaxIndex[]): Setup {
    const definitions: Setup['definitions'] = [];
    for (const idx of indexes) {
      for (const n of idx.news) {
        const name = calleeName(n);
        if (!name || !DEFINITIONS.test(name) || !n.arguments) continue;
        const [modArg, , patch, unpatch] = n.arguments;
        const module = (modArg && this.constantOf(modArg)) ?? modArg?.getText() ?? '?';
        definitions.push({ module, origin: moduleOrigin(module), fns: this.functionsOf([patch, unpatch]), site: n });
      }
      for (const call of idx.calls) {
        const d = this.describedDefinition(call);
        if (d) definitions.push(d);
      }
    }
    return { definitions, factories: [] };
  }

  private functionsOf(args: Array<ts.Expression | undefined>): FunctionNode[] {
    return args.flatMap((a) => {
      const v = a ? this.values.valueOf(a) : undefined;
      return v?.kind === 'function' ? [v.node] : [];
    });
  }

  /**
   * A module definition written as a description and a patch callback: `addHook({ name: 'mocha', versions:
   * ['>=5'], file: 'lib/runner.js' }, (exports) => …)` (the loader-hook registries of vendor tracers). The
   * object must name the module and say which versions or which file, so that an options object with a
   * `name` handed to some other call is not taken for one.
   */
  private describedDefinition(call: ts.CallExpression): Setup['definitions'][number] | undefined {
    const [desc, ...rest] = call.arguments;
    const spec = desc && unwrap(desc);
    if (!spec || !ts.isObjectLiteralExpression(spec) || rest.length === 0) return undefined;
    const props = new Map<string, ts.Expression>();
    for (const p of spec.properties) if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) props.set(p.name.text, p.initializer);
    const nameExpr = props.get('name');
    const module = nameExpr && this.constantOf(nameExpr);
    if (module === undefined || !['versions', 'file', 'filePattern'].some((k) => props.has(k))) return undefined;
    const fns = this.functionsOf(rest);
    if (fns.length === 0) return undefined;
    const fileExpr = props.get('file');
    const file = fileExpr && this.constantOf(fileExpr);
    const patternExpr = props.get('filePattern');
    const filePattern = patternExpr && rawString(patternExpr);
    const origin: ModuleOrigin = { name: module, ...(file ? { file } : {}), ...(filePattern ? { filePattern } : {}) };
    return { module: file ? `${module}/${file}` : module, origin, fns: fns.slice(0, 1), site: call };
  }

  /**
   * A constant string, also when it is a static class field (`TediousInstrumentation.COMPONENT`) or
   * an exported constant of another file (`internal_types_1.HapiComponentName`).
   */
  private constantOf(expr: ts.Expression): string | undefined {
    const direct = constantString(expr);
    if (direct !== undefined) return direct;
    const e = unwrap(expr);
    const name = memberName(e);
    if (name === undefined || !(ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))) return undefined;
    const base = this.values.valueOf(e.expression);
    if (base?.kind === 'class') {
      const m = this.values.findMember(base.node, name, true);
      return m && ts.isPropertyDeclaration(m) && m.initializer ? constantString(m.initializer) : undefined;
    }
    if (base?.kind === 'module') {
      const entry = exportTable(this.values.workspaceUnit(base.file)!.sf).named.get(name);
      if (entry?.kind === 'expr') return constantString(entry.expr);
      if (entry?.kind === 'decl' && ts.isVariableDeclaration(entry.node) && entry.node.initializer) return constantString(entry.node.initializer);
    }
    return undefined;
  }

  wrapHooks(indexes: SyntaxIndex[], modules: Map<ts.Node, string>, setup: Setup, lifter: RegistrationLifter, origins: Map<ts.Node, ModuleOrigin> = new Map()): HookSite[] {
    const hooks: HookSite[] = [];
    for (const idx of indexes) {
      for (const call of idx.calls) {
        const name = calleeName(call);
        if (!name || !WRAPPERS.has(name) || call.arguments.length < 3) continue;
        const callee = unwrap(call.expression);
        // a bare `wrap(…)` must come from a module (shimmer, @opentelemetry/instrumentation, a re-export)
        if (ts.isIdentifier(callee) && !moduleRef(callee)) continue;
        const [target, names, factory] = call.arguments as unknown as [ts.Expression, ts.Expression, ts.Expression];
        // made inside a helper (`ensureWrapped(obj, name, wrapper)`): what its callers pass
        for (const reg of lifter.lift<WrapRole>({ args: { target, names, factory }, site: call, wrappers: [] }, undefined, ['factory', 'names'])) {
          hooks.push(...this.wrapHooksOf(reg.args, reg.site, modules, setup, origins));
        }
      }
    }
    return hooks;
  }

  private wrapHooksOf(args: Partial<Record<WrapRole, ts.Expression>>, site: ts.Node, modules: Map<ts.Node, string>, setup: Setup, origins: Map<ts.Node, ModuleOrigin>): HookSite[] {
    const { target: targetArg, names: namesArg, factory: factoryArg } = args;
    if (!targetArg || !namesArg || !factoryArg) return [];
    const { factories, products } = factoryProducts(factoryArg, this.values, this.graph);
    if (factories.length === 0 && products.length === 0) return [];
    setup.factories.push(...factories);
    const mod = this.moduleFor(site, modules);
    const origin = this.moduleFor(site, origins);
    const methods = ts.isArrayLiteralExpression(namesArg) ? namesArg.elements.map((e) => constantString(e) ?? '*') : [constantString(namesArg) ?? '*'];
    const targets = ts.isArrayLiteralExpression(targetArg) ? targetArg.elements.map(objectPath) : [objectPath(targetArg)];
    const hooks: HookSite[] = [];
    for (const t of targets) {
      for (const m of methods) {
        const target = `${mod ? `${mod}:` : ''}${t ? `${t}.` : ''}${m}`;
        hooks.push({ kind: 'wrap', target, site, fns: products, ...(m === '*' ? {} : { method: m }), ...(origin ? { origin } : {}) });
      }
    }
    return hooks;
  }

  private moduleFor<T>(node: ts.Node, modules: Map<ts.Node, T>): T | undefined {
    for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
      const m = modules.get(fn);
      if (m) return m;
    }
    return undefined;
  }

  sdkHooks(indexes: SyntaxIndex[]): HookSite[] {
    const hooks: HookSite[] = [];
    // looked for only when an incomplete shape needs its provenance: most packages have none
    let usedCache: Map<ts.Node, Set<HookKind>> | undefined;
    const used = (): Map<ts.Node, Set<HookKind>> => (usedCache ??= componentUses(indexes, this.values));
    const isComponent = (cls: ts.ClassLikeDeclaration, shape: (typeof SDK_SHAPES)[number], members: ReadonlyMap<string, ts.Node>, depth = 0): boolean => {
      if (looksComplete(shape, members) || used().get(cls)?.has(shape.kind)) return true;
      // a subclass of a component (`class MyProcessor extends BatchSpanProcessor`) is one
      const base = depth < 4 ? this.values.baseClass(cls) : undefined;
      return base !== undefined && isComponent(base, shape, methodNames(base), depth + 1);
    };
    for (const idx of indexes) {
      for (const cls of idx.classes) {
        const members = methodNames(cls);
        for (const shape of SDK_SHAPES) {
          if (!shape.needs.every((n) => members.has(n)) || !isComponent(cls, shape, members)) continue;
          for (const h of shape.hooks) {
            const m = members.get(h);
            if (!m) continue;
            const v = ts.isMethodDeclaration(m) ? ({ kind: 'function', node: m } as const) : this.values.valueOf((m as ts.PropertyDeclaration).initializer!);
            if (v?.kind !== 'function') continue;
            hooks.push({ kind: shape.kind, target: `${className(cls)}.${h}`, site: m, fns: [v.node] });
          }
        }
      }
      // `processor.onEnd = makeOnEnd(processor.onEnd)` or `= function (span) {…}`
      for (const a of idx.propertyAssignments) {
        const left = unwrap(a.left) as ts.PropertyAccessExpression | ts.ElementAccessExpression;
        const name = memberName(left);
        const kind = name === undefined ? undefined : ASSIGNED_HOOKS.get(name);
        if (!kind || left.expression.kind === ts.SyntaxKind.ThisKeyword || !this.isAssignedComponent(a, kind, used, idx)) continue;
        const right = unwrap(a.right);
        const v = this.values.valueOf(right);
        let fns: FunctionNode[] = v?.kind === 'function' ? [v.node] : [];
        if (fns.length === 0 && ts.isCallExpression(right)) fns = this.graph.direct(right).flatMap((f) => returnedFunctions(f, this.values, this.graph));
        if (fns.length === 0) continue;
        hooks.push({ kind, target: `${objectPath(left.expression)}.${name}`, site: a, fns });
      }
    }
    return hooks;
  }

  /**
   * `obj.extract = fn` makes `obj` a propagator only when it is one already or is used as one: the
   * new function wraps the method it replaces (`x.onEnd = wrap(x.onEnd)`), the object is handed to the
   * SDK as that component, or the object gets the whole interface.
   */
  private isAssignedComponent(a: ts.BinaryExpression, kind: HookKind, used: () => Map<ts.Node, Set<HookKind>>, idx: SyntaxIndex): boolean {
    const left = unwrap(a.left) as ts.PropertyAccessExpression | ts.ElementAccessExpression;
    const obj = unwrap(left.expression);
    // `exports.extract = …`, `module.exports.export = …`: a module's export, not a component
    if (ts.isIdentifier(obj) && (obj.text === 'exports' || obj.text === 'module') && !resolveIdentifier(obj)) return false;
    if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'exports') return false;
    if (replacesItself(a)) return true;
    const v = this.values.valueOf(obj);
    const node = v?.kind === 'instance' ? v.cls : v?.kind === 'object' || v?.kind === 'class' ? v.node : undefined;
    if (node && used().get(node)?.has(kind)) return true;
    const shape = SDK_SHAPES.find((s) => s.kind === kind)!;
    const members = new Map<string, ts.Node>();
    if (node && ts.isObjectLiteralExpression(node)) for (const p of node.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) members.set(p.name.text, p);
    for (const [name, other] of assignedMembers(idx).get(obj.getText()) ?? []) members.set(name, other);
    return [...shape.needs, ...shape.complete].every((n) => members.has(n));
  }
}

const membersByObject = new WeakMap<SyntaxIndex, Map<string, Map<string, ts.Node>>>();

/**
 * The members a file assigns, by the text of the object they are assigned on (`obj.name = …` and
 * `obj['name'] = …`, as tsc writes names that are not identifiers): built once per file, where asking
 * per assignment was quadratic in a bundle of one big file. The last assignment of a name wins, as before.
 */
function assignedMembers(idx: SyntaxIndex): Map<string, Map<string, ts.Node>> {
  let byObject = membersByObject.get(idx);
  if (byObject) return byObject;
  byObject = new Map();
  for (const other of idx.propertyAssignments) {
    const l = unwrap(other.left);
    if (!ts.isPropertyAccessExpression(l) && !ts.isElementAccessExpression(l)) continue;
    const name = memberName(l);
    if (name === undefined) continue;
    const key = unwrap(l.expression).getText();
    let members = byObject.get(key);
    if (!members) byObject.set(key, (members = new Map<string, ts.Node>()));
    members.set(name, other);
  }
  membersByObject.set(idx, byObject);
  return byObject;
}

/** `x.onEnd = makeOnEnd(x.onEnd)`, or a function that reads the method it replaces: a wrapper of an existing one. */
function replacesItself(a: ts.BinaryExpression): boolean {
  const target = compactText(a.left);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) && compactText(n) === target) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(a.right);
  return found;
}
