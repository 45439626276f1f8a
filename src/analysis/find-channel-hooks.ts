// diagnostics_channel subscribers: `dc.subscribe(name, fn)`, `dc.channel(name).subscribe(fn)` (also
// through a variable or a class field holding the channel), `channel.bindStore(store, transform)`,
// `dc.tracingChannel(name).subscribe({ start, end, … })`, from `diagnostics_channel` or a polyfill of
// it (`dc-polyfill`), and the same made inside the package's own helpers, at any depth and in any
// module (`this.subscribeToChannel('undici:request:create', this.onRequestCreated.bind(this))`,
// `addSub(name, handler)` → `new Subscription(name, wrapped)` → `this._channel.subscribe(this._handler)`):
// registrations.ts lifts those to the helpers' callers.
import { ts } from '../util/ts.cjs';
import { constantString } from './context.js';
import { isSetUpChannelName } from './event-names.js';
import type { HookSite } from './find-hooks.js';
import { memberName, moduleRef, unwrap } from './module-ref.js';
import type { RegistrationLifter } from './registrations.js';
import { resolveIdentifier } from './scope.js';
import type { SyntaxIndex } from './syntax-index.js';
import { thisClass, type Values } from './values.js';

/** The diagnostics_channel API, as Node ships it or as a polyfill package does. */
const DC_MODULES = new Set(['diagnostics_channel', 'dc-polyfill']);
const TRACING_EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];
/** Channel methods that take a function run on every publish, with the argument that holds it. */
const SUBSCRIBERS = new Map([
  ['subscribe', 0],
  ['bindStore', 1],
]);

interface Subscription {
  channel: ts.Expression | undefined;
  tracing: boolean;
  handler: ts.Expression;
  call: ts.CallExpression;
}

/** The `dc.channel(name)` / `dc.tracingChannel(name)` call an expression holds, if any. */
function channelFactory(expr: ts.Expression, depth = 0): { call: ts.CallExpression; tracing: boolean } | undefined {
  if (depth > 4) return undefined;
  const e = unwrap(expr);
  if (ts.isCallExpression(e)) {
    const ref = moduleRef(e.expression);
    if (ref && DC_MODULES.has(ref.module) && ref.path.length === 1 && (ref.path[0] === 'channel' || ref.path[0] === 'tracingChannel')) return { call: e, tracing: ref.path[0] === 'tracingChannel' };
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
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        n.left.name.text === name &&
        n.left.expression.kind === ts.SyntaxKind.ThisKeyword
      ) {
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
  const method = ts.isIdentifier(callee) ? callee.text : memberName(callee);
  const at = method === undefined ? undefined : SUBSCRIBERS.get(method);
  if (at === undefined) return undefined;
  const ref = moduleRef(callee);
  if (ref && DC_MODULES.has(ref.module) && ref.path.length === 1 && ref.path[0] === 'subscribe') {
    const [channel, handler] = call.arguments;
    return handler ? { channel, tracing: false, handler, call } : undefined;
  }
  const handler = call.arguments[at];
  if (!ts.isPropertyAccessExpression(callee) || !handler) return undefined;
  const factory = channelFactory(callee.expression);
  if (!factory) return undefined;
  return { channel: factory.call.arguments[0], tracing: factory.tracing, handler, call };
}

type Role = 'channel' | 'handler';

export class ChannelHookFinder {
  /** Every place the package subscribes, hooks or not (a set-up channel's subscription is not a hook): each names its channel. */
  readonly subscriptionSites = new Set<ts.Node>();

  constructor(
    private readonly values: Values,
    private readonly lifter: RegistrationLifter,
  ) {}

  find(indexes: SyntaxIndex[]): HookSite[] {
    const hooks: HookSite[] = [];
    // a helper that subscribes one way or the other (`dc.subscribe(name, fn)` on newer Node,
    // `dc.channel(name).subscribe(fn)` on older) makes one registration per call of it, not two
    const seen = new Map<ts.Node, Map<string, HookSite>>();
    const add = (h: HookSite): void => {
      const at = seen.get(h.site) ?? new Map<string, HookSite>();
      seen.set(h.site, at);
      const same = at.get(h.target);
      if (same !== undefined) {
        same.fns = [...new Set([...same.fns, ...h.fns])];
        return;
      }
      at.set(h.target, h);
      hooks.push(h);
    };
    for (const idx of indexes) {
      for (const call of idx.calls) {
        const sub = subscriptionOf(call);
        if (!sub) continue;
        const args: Partial<Record<Role, ts.Expression>> = { handler: sub.handler };
        if (sub.channel) args.channel = sub.channel;
        for (const reg of this.lifter.lift<Role>({ args, site: call, wrappers: [] }, 'handler', ['handler', 'channel'])) {
          this.subscriptionSites.add(reg.site);
          const handler = reg.args.handler;
          // a helper nothing in the package calls: its parameter holds whatever its users pass
          if (!handler || isParameter(handler)) continue;
          const chArg = reg.args.channel;
          const constant = chArg ? constantString(chArg) : undefined;
          // a channel of set-up or session events is not a per-call hook
          if (constant !== undefined && isSetUpChannelName(constant)) continue;
          const channel = constant ?? chArg?.getText() ?? '?';
          for (const h of this.hooksFor(channel, sub.tracing, handler, reg.site)) add({ ...h, fns: [...new Set([...h.fns, ...reg.wrappers])] });
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

function isParameter(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return false;
  const d = resolveIdentifier(e);
  return d !== undefined && ts.isParameter(d);
}
