// diagnostics_channel subscribers: `dc.subscribe(name, fn)`, `dc.channel(name).subscribe(fn)` (also
// through a variable or a class field holding the channel), `dc.tracingChannel(name).subscribe({ start,
// end, … })`, and helpers that pass their parameter on to one of these
// (`this.subscribeToChannel('undici:request:create', this.onRequestCreated.bind(this))`).
import { ts } from '../util/ts.cjs';
import type { CallGraph } from './call-graph.js';
import { constantString } from './context.js';
import type { HookSite } from './find-hooks.js';
import { memberName, moduleRef, unwrap } from './module-ref.js';
import { enclosingFunction, resolveIdentifier, type FunctionNode } from './scope.js';
import type { SyntaxIndex } from './syntax-index.js';
import { thisClass, type Values } from './values.js';

const DC = 'diagnostics_channel';
const TRACING_EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

interface Subscription {
  channel: ts.Expression | undefined;
  tracing: boolean;
  handler: ts.Expression;
  call: ts.CallExpression;
}

interface Helper {
  fn: FunctionNode;
  handlerIndex: number;
  channelIndex: number | undefined;
  tracing: boolean;
}

/** The `dc.channel(name)` / `dc.tracingChannel(name)` call an expression holds, if any. */
function channelFactory(expr: ts.Expression, depth = 0): { call: ts.CallExpression; tracing: boolean } | undefined {
  if (depth > 4) return undefined;
  const e = unwrap(expr);
  if (ts.isCallExpression(e)) {
    const ref = moduleRef(e.expression);
    if (ref?.module === DC && ref.path.length === 1 && (ref.path[0] === 'channel' || ref.path[0] === 'tracingChannel')) return { call: e, tracing: ref.path[0] === 'tracingChannel' };
    return undefined;
  }
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(e);
    return d && ts.isVariableDeclaration(d) && d.initializer ? channelFactory(d.initializer, depth + 1) : undefined;
  }
  // `this._channel`: find where the class assigns or declares that field
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = thisClass(e);
    if (!cls) return undefined;
    const name = e.name.text;
    for (const m of cls.members) {
      if (ts.isPropertyDeclaration(m) && m.name.getText() === name && m.initializer) return channelFactory(m.initializer, depth + 1);
    }
    let found: ReturnType<typeof channelFactory>;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === name && n.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
        found = channelFactory(n.right, depth + 1);
      }
      ts.forEachChild(n, visit);
    };
    visit(cls);
    return found;
  }
  return undefined;
}

function subscriptionOf(call: ts.CallExpression): Subscription | undefined {
  const callee = unwrap(call.expression);
  if (memberName(callee) !== 'subscribe' && !(ts.isIdentifier(callee) && callee.text === 'subscribe')) return undefined;
  const ref = moduleRef(callee);
  if (ref?.module === DC && ref.path.length === 1 && ref.path[0] === 'subscribe') {
    const [channel, handler] = call.arguments;
    return handler ? { channel, tracing: false, handler, call } : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee) || !call.arguments[0]) return undefined;
  const factory = channelFactory(callee.expression);
  if (!factory) return undefined;
  return { channel: factory.call.arguments[0], tracing: factory.tracing, handler: call.arguments[0], call };
}

function paramIndex(expr: ts.Expression | undefined, fn: FunctionNode): number | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return undefined;
  const d = resolveIdentifier(e);
  if (!d || !ts.isParameter(d) || d.parent !== fn) return undefined;
  return fn.parameters.indexOf(d);
}

export class ChannelHookFinder {
  constructor(
    private readonly values: Values,
    private readonly graph: CallGraph,
  ) {}

  find(indexes: SyntaxIndex[]): HookSite[] {
    const hooks: HookSite[] = [];
    const helpers: Helper[] = [];
    for (const idx of indexes) {
      for (const call of idx.calls) {
        const sub = subscriptionOf(call);
        if (!sub) continue;
        const fn = enclosingFunction(call);
        const hIdx = fn ? paramIndex(sub.handler, fn) : undefined;
        if (fn && hIdx !== undefined) {
          helpers.push({ fn, handlerIndex: hIdx, channelIndex: paramIndex(sub.channel, fn), tracing: sub.tracing });
          continue;
        }
        hooks.push(...this.hooksFor(sub.channel ? (constantString(sub.channel) ?? sub.channel.getText()) : '?', sub.tracing, sub.handler, call));
      }
    }
    if (helpers.length === 0) return hooks;
    // calls of the helpers: the argument in the handler position is the subscriber
    for (const idx of indexes) {
      for (const call of idx.calls) {
        const targets = this.graph.direct(call);
        for (const h of helpers) {
          if (!targets.includes(h.fn)) continue;
          const handler = call.arguments[h.handlerIndex];
          if (!handler) continue;
          const chArg = h.channelIndex !== undefined ? call.arguments[h.channelIndex] : undefined;
          const channel = chArg ? (constantString(chArg) ?? chArg.getText()) : '?';
          hooks.push(...this.hooksFor(channel, h.tracing, handler, call));
        }
      }
    }
    return hooks;
  }

  private hooksFor(channel: string, tracing: boolean, handler: ts.Expression, site: ts.Node): HookSite[] {
    const h = unwrap(handler);
    if (tracing && ts.isObjectLiteralExpression(h)) {
      const out: HookSite[] = [];
      for (const ev of TRACING_EVENTS) {
        const v = this.values.member({ kind: 'object', node: h }, ev);
        if (v?.kind === 'function') out.push({ kind: 'diagnostics-channel', target: `${channel}:${ev}`, site, fns: [v.node] });
      }
      return out;
    }
    const v = this.values.valueOf(h);
    if (v?.kind === 'object' && tracing) return this.hooksFor(channel, tracing, v.node, site);
    return v?.kind === 'function' ? [{ kind: 'diagnostics-channel', target: channel, site, fns: [v.node] }] : [{ kind: 'diagnostics-channel', target: channel, site, fns: [] }];
  }
}
