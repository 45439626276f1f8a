// A registration — `channel.subscribe(fn)`, `this._wrap(obj, name, factory)`, `emitter.on(event, fn)` —
// made inside a helper with the helper's parameters (`addSub(name, handler) { … subscribe(handler) }`,
// `ensureWrapped(obj, name, wrapper) { this._wrap(obj, name, wrapper) }`) registers what the helper's
// callers pass: the registration is lifted to each call site of the helper, argument by argument, as
// many helper levels up as it takes (bounded). On the way, closures that only forward to a parameter
// (`const wrapped = (m) => handler.call(this, m)`, a field `this._handler = (m) => handler(m)` set in
// the constructor) are kept as wrappers: they run per call too. Roles are the arguments that matter
// to the registration kind (the channel and the handler; the target, names and factory).
import { ts } from '../util/ts.cjs';
import type { Call, CallSites } from './call-sites.js';
import { fieldAssignments } from './field-values.js';
import { unwrap } from './module-ref.js';
import { enclosingFunction, isFunctionLike, isWithin, resolveIdentifier, type FunctionNode } from './scope.js';
import { thisClass, type Values } from './values.js';

export interface Registration<R extends string = string> {
  /** the expressions that matter, by role, as seen at `site` */
  args: Partial<Record<R, ts.Expression>>;
  /** the call the registration is attributed to: the registering call, or the outermost helper call */
  site: Call;
  /** forwarding closures between the registering call and the handler: they run per call as well */
  wrappers: FunctionNode[];
}

const MAX_LEVELS = 4;
const MAX_RESULTS = 256;

/** The parameter an expression names, if it is one (of any function). */
function parameterOf(expr: ts.Expression | undefined): ts.ParameterDeclaration | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return undefined;
  const d = resolveIdentifier(e);
  return d && ts.isParameter(d) && !d.dotDotDotToken ? d : undefined;
}

/** A parameter of an enclosing function that `fn` calls (`handler(m)`, `handler.call(this, m)`): `fn` forwards to it. */
function forwardedParameter(fn: FunctionNode): ts.Identifier | undefined {
  let found: ts.Identifier | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      let callee = unwrap(n.expression);
      if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) callee = unwrap(callee.expression);
      const p = ts.isIdentifier(callee) ? parameterOf(callee) : undefined;
      if (p && p.parent !== fn && isWithin(fn, p.parent)) found = callee as ts.Identifier;
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

export class RegistrationLifter {
  constructor(
    private readonly values: Values,
    private readonly sites: CallSites,
  ) {}

  /**
   * The registration as made by the outermost callers that give its parameters values. It is lifted
   * only while one of the `decisive` roles is a parameter (the handler, the wrapped names): a target
   * object passed in alone (`_patchLoad(proto)`) says where, not what, and stays where it is.
   */
  lift<R extends string>(reg: Registration<R>, handlerRole: R | undefined, decisive: readonly R[]): Array<Registration<R>> {
    const out: Array<Registration<R>> = [];
    this.climb(reg, handlerRole, decisive, 0, out);
    return out;
  }

  private climb<R extends string>(reg: Registration<R>, handlerRole: R | undefined, decisive: readonly R[], level: number, out: Array<Registration<R>>): void {
    if (out.length >= MAX_RESULTS) return;
    const r = this.forwarded(reg, handlerRole);
    const roles = Object.keys(r.args) as R[];
    const params = new Map<R, ts.ParameterDeclaration>();
    for (const role of roles) {
      const p = parameterOf(r.args[role]);
      if (p) params.set(role, p);
    }
    const owners = new Set([...params.values()].map((p) => p.parent));
    const [helper] = owners;
    // nothing decisive to lift, parameters of different functions, or too deep: as it is
    if (!helper || !decisive.some((d) => params.has(d)) || owners.size > 1 || level >= MAX_LEVELS || !isFunctionLike(helper)) {
      out.push(r);
      return;
    }
    const calls = this.sites.of(helper);
    if (calls.length === 0) {
      out.push(r);
      return;
    }
    for (const call of calls) {
      const args: Partial<Record<R, ts.Expression>> = { ...r.args };
      for (const [role, p] of params) args[role] = call.arguments?.[helper.parameters.indexOf(p)];
      this.climb({ args, site: call, wrappers: r.wrappers }, handlerRole, decisive, level + 1, out);
    }
  }

  /**
   * The handler seen through forwarding: a closure (or a constructor field holding one) that calls a
   * parameter of its enclosing function stands for that parameter; the closure is kept as a wrapper.
   */
  private forwarded<R extends string>(reg: Registration<R>, handlerRole: R | undefined): Registration<R> {
    if (!handlerRole) return reg;
    const h = reg.args[handlerRole];
    if (!h) return reg;
    const e = unwrap(h);
    let candidates: ts.Expression[] = [e];
    // `this._handler`: what the class assigns it
    if (ts.isPropertyAccessExpression(e) && unwrap(e.expression).kind === ts.SyntaxKind.ThisKeyword) {
      const cls = thisClass(e);
      candidates = (cls && fieldAssignments(cls).get(e.name.text)) ?? [e];
    }
    for (const c of candidates) {
      const cu = unwrap(c);
      if (parameterOf(cu)) return { ...reg, args: { ...reg.args, [handlerRole]: cu } };
      const v = ts.isIdentifier(cu) || isFunctionLike(cu) ? this.values.valueOf(cu) : undefined;
      if (v?.kind !== 'function') continue;
      const target = forwardedParameter(v.node);
      if (target && enclosingFunction(v.node)) return { ...reg, args: { ...reg.args, [handlerRole]: target }, wrappers: [...reg.wrappers, v.node] };
    }
    return reg;
  }
}
