// Framework and SDK hooks that are not `_wrap`: a listener of a per-operation event
// (`client.on('spanEnd', fn)`, `addEventListener('message', fn)`), a framework's per-request hook
// (`fastify.addHook('onRequest', fn)`, `server.ext('onPreHandler', fn)`, route options
// `{ onRequest: fn }`), request middleware (`app.use(fn)`, a factory handing out
// `(req, res, next) => …` or `async (c, next) => …`), an event processor (`addEventProcessor(fn)`),
// per-event methods of an integration object (`{ setupOnce() {}, processEvent(event) {…} }`), and an
// instrumentation's per-operation configuration callbacks (`requestHook`, `responseHook`). Event and
// hook names decide whether the hook fires per operation (event-names.ts); registrations made inside
// the package's helpers are lifted to their callers (registrations.ts).
import { ts } from '../util/ts.cjs';
import type { HookKind } from '../model/report.js';
import type { CallGraph } from './call-graph.js';
import { constantString, isProcess } from './context.js';
import { isConfigHookName, isPerEventMethodName, isPerOperationName, isRouteHookName, stagePairMethods } from './event-names.js';
import { ownerPath, type HookSite } from './find-hooks.js';
import { memberName, unwrap } from './module-ref.js';
import type { RegistrationLifter } from './registrations.js';
import { returnedFunctions } from './returned-functions.js';
import { className, functionName } from './function-name.js';
import { enclosingFunction, isFunctionLike, isWithin, resolveIdentifier, type FunctionNode } from './scope.js';
import type { SyntaxIndex } from './syntax-index.js';
import type { Values } from './values.js';

/** Registration methods taking (name, handler), and the kind of hook they make. */
const NAMED_REGISTRATIONS = new Map<string, HookKind>([
  ['on', 'event'],
  ['addListener', 'event'],
  ['prependListener', 'event'],
  ['addEventListener', 'event'],
  ['addHook', 'middleware'],
  ['ext', 'middleware'],
]);
type Role = 'name' | 'handler';

/** Does `fn` call its last parameter (`next()`, `await next()`, `done(err)`)? What middleware does. */
function callsLastParameter(fn: FunctionNode): boolean {
  const last = fn.parameters[fn.parameters.length - 1];
  if (!last || !ts.isIdentifier(last.name) || !fn.body) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const c = unwrap(n.expression);
      if (ts.isIdentifier(c) && resolveIdentifier(c) === last) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return found;
}

/** `(req, res, next) => …`, `async (ctx, next) => …`: two to four parameters, the last one called. */
function isMiddleware(fn: FunctionNode): boolean {
  return fn.parameters.length >= 2 && fn.parameters.length <= 4 && callsLastParameter(fn);
}

/** Middleware that stands alone: its last parameter is called and named `next` (the handlers' convention). */
function isNamedMiddleware(fn: FunctionNode): boolean {
  const last = fn.parameters[fn.parameters.length - 1];
  return last !== undefined && ts.isIdentifier(last.name) && /^_?next$/i.test(last.name.text) && isMiddleware(fn);
}

/** Handed on or handed out: an argument, a returned value, an exported or stored value (not a local helper). */
function isHandedOn(fn: FunctionNode): boolean {
  let n: ts.Node = fn;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isCallExpression(p) || ts.isNewExpression(p) || ts.isReturnStatement(p)) return true;
  if (ts.isArrowFunction(p) && p.body === n) return true;
  if (ts.isBinaryExpression(p) && p.right === n) return true;
  return ts.isFunctionDeclaration(fn) && (ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/** An object made inside the function that registers on it: `const req = http.get(…)`, `const { signal } = request`. */
function isLocalObject(expr: ts.Expression, call: ts.Node): boolean {
  let root = unwrap(expr);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
  if (!ts.isIdentifier(root)) return false;
  const d = resolveIdentifier(root);
  if (!d || !(ts.isVariableDeclaration(d) || ts.isBindingElement(d))) return false;
  for (let n: ts.Node | undefined = call.parent; n; n = n.parent) {
    if (isFunctionLike(n)) return isWithin(d, n);
  }
  return false;
}

export class FrameworkHookFinder {
  constructor(
    private readonly values: Values,
    private readonly graph: CallGraph,
    private readonly lifter: RegistrationLifter,
    private readonly own: (node: ts.Node) => boolean,
  ) {}

  find(indexes: SyntaxIndex[]): HookSite[] {
    const hooks: HookSite[] = [];
    for (const idx of indexes) {
      for (const call of idx.calls) hooks.push(...this.registration(call));
      for (const fn of idx.functions) {
        if (isNamedMiddleware(fn) && isHandedOn(fn)) hooks.push({ kind: 'middleware', target: this.ownerName(fn), site: fn, fns: [fn] });
      }
      for (const obj of idx.objects) hooks.push(...this.members(obj, obj.properties, (p) => (p.name ? (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined) : undefined)));
      for (const cls of idx.classes) hooks.push(...this.members(cls, cls.members, (m) => (m.name && ts.isIdentifier(m.name) ? m.name.text : undefined)));
      for (const a of idx.propertyAssignments) {
        const name = memberName(unwrap(a.left));
        if (name === undefined || !isConfigHookName(name)) continue;
        const fns = this.functionsOf(a.right);
        if (fns.length > 0) hooks.push({ kind: 'event', target: `${ownerPath((unwrap(a.left) as ts.PropertyAccessExpression).expression)}.${name}`, site: a, fns });
      }
    }
    return hooks;
  }

  /** `x.on('spanEnd', fn)`, `x.addHook('onRequest', opts?, fn)`, `x.use(fn)`, `x.addEventProcessor(fn)`. */
  private registration(call: ts.CallExpression): HookSite[] {
    const callee = unwrap(call.expression);
    const method = memberName(callee);
    if (method === undefined || !ts.isPropertyAccessExpression(callee)) return [];
    const kind = NAMED_REGISTRATIONS.get(method);
    if (kind) {
      // process lifecycle events (`exit`, `SIGTERM`, IPC) are not per operation; an emitter the function
      // creates itself (`const req = http.get(…); req.on('response', …)`) lives as long as that call
      // (a framework app it creates, `const app = fastify(); app.addHook('onRequest', …)`, does not)
      if (isProcess(callee.expression) || call.arguments.length < 2 || (kind === 'event' && isLocalObject(callee.expression, call))) return [];
      const args = { name: call.arguments[0], handler: call.arguments[call.arguments.length - 1] };
      return this.lifter.lift<Role>({ args, site: call, wrappers: [] }, 'handler', ['handler', 'name']).flatMap((reg) => {
        const name = reg.args.name ? constantString(reg.args.name) : undefined;
        const fns = reg.args.handler ? this.functionsOf(reg.args.handler) : [];
        if (name === undefined || !isPerOperationName(name) || fns.length === 0) return [];
        return [{ kind, target: `${ownerPath(callee.expression)}.${name}`, site: reg.site, fns: [...fns, ...reg.wrappers] }];
      });
    }
    if (method === 'use') {
      const fns = call.arguments.flatMap((a) => this.functionsOf(a)).filter(isMiddleware);
      return fns.length > 0 ? [{ kind: 'middleware', target: `${ownerPath(callee.expression)}.use`, site: call, fns }] : [];
    }
    if (/^add\w*Processor$/.test(method)) {
      const fns = call.arguments.flatMap((a) => this.functionsOf(a));
      return fns.length > 0 ? [{ kind: 'event', target: `${ownerPath(callee.expression)}.${method}`, site: call, fns }] : [];
    }
    return [];
  }

  /** Per-event methods (`processEvent`, `beforeEnvelope`) of an integration (it has `setupOnce`/`setup`) and route hooks (`onRequest: fn`). */
  private members<M extends ts.Node>(owner: ts.ObjectLiteralExpression | ts.ClassLikeDeclaration, members: ts.NodeArray<M>, nameOf: (m: M) => string | undefined): HookSite[] {
    const names = members.map(nameOf);
    const integration = names.includes('setupOnce') || names.includes('setup');
    const stages = stagePairMethods(names);
    const out: HookSite[] = [];
    members.forEach((m, i) => {
      const name = names[i];
      if (name === undefined) return;
      // an integration's per-event methods, or the two halves of a before/after hook interface
      const perEvent = (integration && isPerEventMethodName(name)) || stages.has(name);
      // route options and instrumentation configs: `{ onRequest: fn }`, `{ requestHook: fn }`
      const routeHook = ts.isObjectLiteralExpression(owner) && (isRouteHookName(name) || isConfigHookName(name));
      if (!perEvent && !routeHook) return;
      const value = isFunctionLike(m) ? [m] : ts.isPropertyAssignment(m) || ts.isPropertyDeclaration(m) ? (m.initializer ? this.functionsOf(m.initializer) : []) : [];
      if (value.length > 0) out.push({ kind: isRouteHookName(name) ? 'middleware' : 'event', target: `${this.ownerName(owner)}.${name}`, site: m, fns: value });
    });
    return out;
  }

  /** The package's own functions an expression holds or a call hands out. */
  private functionsOf(expr: ts.Expression): FunctionNode[] {
    const e = unwrap(expr);
    const v = this.values.valueOf(e);
    if (v?.kind === 'function') return this.own(v.node) ? [v.node] : [];
    if (!ts.isCallExpression(e)) return [];
    const made = this.graph.direct(e).flatMap((f) => returnedFunctions(f, this.values, this.graph));
    // `createMiddleware(async (c, next) => …)`: a library's decorator around the package's function
    const handed = made.length > 0 ? made : e.arguments.flatMap((a) => (isFunctionLike(unwrap(a)) ? [unwrap(a) as FunctionNode] : []));
    return handed.filter((f) => this.own(f));
  }

  /** A readable owner: the class or function name, or `factory()` for what a named function hands out. */
  private ownerName(node: ts.Node): string {
    if (ts.isClassLike(node)) return className(node);
    if (isFunctionLike(node)) {
      const own = functionName(node);
      if (own !== '<anonymous>') return own;
      const maker = enclosingFunction(node);
      return maker ? `${functionName(maker)}()` : own;
    }
    const p = node.parent;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
    const fn = enclosingFunction(node);
    return fn ? `${functionName(fn)}()` : '<object>';
  }
}
