// Wrappers an instrumentation installs only when one of its wrappers is called: kafkajs wraps the
// producer's `send` each time `Kafka.prototype.producer()` returns one, and the consumer's `run` wraps
// the `eachMessage` of the config it is given; express wraps the `handle` of the layer `use()` pushed
// onto the router's stack. After patching, each wrapper is called once per call style (a bounded call:
// see call-with-timeout.ts) and what the call touched — its return value (and what a returned promise
// resolved to), its receiver, its arguments — is searched for wrappers that were not there before.
// Each one found is called in turn, to a bounded number of steps. A search that fails, throws or runs
// out of time finds less; it never takes the wrappers already listed with it. The same calls tell
// whether a wrapper — the member itself as much as those it installs — starts spans only inside an
// active span (express layers, requireParentSpan-style configurations): then it is measured inside one.
import { isRealFunction } from './auto-mock.js';
import { STYLES, shapeFor } from './invoke.js';
import { callWithTimeout, type BoundedCall } from './call-with-timeout.js';
import type { NestedStep } from '../protocol/child-protocol.js';
import { findNewWrappers, isShimmerWrapped, type WrappedMember } from './find-wrapped.js';
import { inParentSpan } from './in-parent-span.js';
import type { SpanCounter } from './tracing.js';

export interface NestedWrapper<R extends WrappedMember = WrappedMember> {
  /** the wrapper `patch` installed whose call leads to this one */
  root: R;
  via: NestedStep[];
  /** starts spans only inside an active span */
  parentSpan: boolean;
  /** the wrapper itself, as found while listing */
  fn: unknown;
  /** put in place of a member by plain assignment (`transaction.send = function send…`), not by a shimmer wrap */
  assigned: boolean;
}

export interface NestedSearch {
  counter: SpanCounter;
  /** Date.now() past which no more calls are made (a budget per package) */
  deadline: number;
  /** how long one call may run before it is stopped, and how long its promise or callback is waited for, ms */
  syncMs: number;
  settleMs: number;
  /** setup calls on the way to a wrapper, at most */
  maxSteps: number;
}

type Origin = Omit<NestedStep, 'style' | 'path'>;

/** Where a call's effects are looked for, in this order (the first place a wrapper is found names it). */
function origins(call: BoundedCall, self: unknown, args: readonly unknown[]): { origin: Origin; root: unknown }[] {
  const list: { origin: Origin; root: unknown }[] = [{ origin: { from: 'return' }, root: call.returned }];
  if (call.resolved !== undefined) list.push({ origin: { from: 'return', awaited: true }, root: call.resolved.value });
  list.push({ origin: { from: 'this' }, root: self });
  args.forEach((a, i) => list.push({ origin: { from: 'arg', argIndex: i }, root: a }));
  return list;
}

const stepKey = (s: NestedStep): string => `${s.from}${s.awaited === true ? '+' : ''}${s.argIndex ?? ''}:${s.path.join('.')}`;

/** Whether the wrapper starts a span when a parent span is active (it started none without one). */
async function startsInParentSpan(w: WrappedMember, search: NestedSearch): Promise<boolean> {
  for (const style of STYLES) {
    if (Date.now() > search.deadline) return false;
    const shape = shapeFor(w.owner, w.path);
    const before = search.counter.started;
    const call = await inParentSpan(() => callWithTimeout(w.fn, shape.receiver(), shape.args(), style, search));
    if (search.counter.started > before) return true;
    if (call.error?.startsWith('did not return') === true) return false;
  }
  return false;
}

interface Exploration<R extends WrappedMember> {
  root: R;
  /** every wrapper seen so far: one found again is not new */
  known: Set<unknown>;
  /** `key source` of the wrappers listed: the same wrapper code on the same key, reached by a longer way, is not listed again */
  codes: Set<string>;
  out: NestedWrapper<R>[];
  search: NestedSearch;
}

function codeKey(w: WrappedMember): string {
  let source: string;
  try {
    source = Function.prototype.toString.call(w.fn);
  } catch {
    source = '';
  }
  return `${w.path[w.path.length - 1] ?? ''} ${source}`;
}

/**
 * A function the call returned (or resolved to) that it made itself: a stub original returns mocks, so
 * a real function there is the wrapper's own — a handler factory's handler (`create(instance, callback)`
 * returning `function (req, res, next) {…}` that starts the span per request). It runs per call of
 * what it serves, like a wrapper the call installed; it stands where it was returned (path empty).
 */
function madeAndReturned(origin: Origin, value: unknown, known: ReadonlySet<unknown>): WrappedMember[] {
  if (origin.from !== 'return' || !isRealFunction(value) || known.has(value)) return [];
  return [{ path: [], fn: value, owner: value }];
}

/** Calls `member` in every style, records what it installs, and goes on from there; returns the most spans one call started. */
async function explore<R extends WrappedMember>(member: WrappedMember, chain: NestedStep[], x: Exploration<R>): Promise<number> {
  const { known, search } = x;
  let started = 0;
  const keys = new Set<string>();
  for (const style of STYLES) {
    if (Date.now() > search.deadline) break;
    const shape = shapeFor(member.owner, member.path);
    const self = shape.receiver();
    const args = shape.args();
    const before = search.counter.started;
    let call: BoundedCall;
    try {
      call = await callWithTimeout(member.fn, self, args, style, search);
    } catch {
      continue;
    }
    started = Math.max(started, search.counter.started - before);
    // one that never returns would not in the other styles either: what it installed before it was
    // stopped is looked for, then the budget is better spent elsewhere
    const hung = call.error?.startsWith('did not return') === true;
    if (chain.length >= search.maxSteps) {
      if (hung) break;
      continue;
    }
    // everything this call installed is known before any of it is called: siblings (the producer's
    // `send` beside its `sendBatch`) are found here, not again through each other's receiver. The
    // same wrapper code on the same key is listed once: aws-sdk's `constructStack().clone()` returns
    // a stack wrapped like the first, and its `clone().resolve` is `resolve` again.
    const fresh: { w: WrappedMember; found: NestedWrapper<R> }[] = [];
    for (const { origin, root: where } of origins(call, self, args)) {
      for (const w of [...madeAndReturned(origin, where, known), ...findNewWrappers(where, known)]) {
        known.add(w.fn);
        const step: NestedStep = { style, ...origin, path: w.path };
        if (keys.has(stepKey(step)) || x.codes.has(codeKey(w))) continue;
        keys.add(stepKey(step));
        x.codes.add(codeKey(w));
        fresh.push({ w, found: { root: x.root, via: [...chain, step], parentSpan: false, fn: w.fn, assigned: w.path.length > 0 && !isShimmerWrapped(w.fn) } });
      }
    }
    for (const { w, found } of fresh) {
      x.out.push(found);
      const spans = await explore(w, found.via, x);
      if (spans === 0) found.parentSpan = await startsInParentSpan(w, search);
    }
    if (hung) break;
  }
  return started;
}

export interface NestedFindings<R extends WrappedMember = WrappedMember> {
  nested: NestedWrapper<R>[];
  /**
   * The member itself starts no span on its own but does inside an active sampled span: its case is
   * measured inside one too (requireParentSpan-style configurations, instrumentations that never start
   * a root span). Decided as for the nested wrappers, with the same calls; false when the budget ran out.
   */
  parentSpan: boolean;
}

/**
 * The wrappers that calling `member` (one a patch installed) installs, each with the steps that reach
 * it again, and whether `member` starts spans only inside an active span. `patched`: every wrapper that
 * patch installed (none of them is new). Give it a fresh patch per member, as the measuring child has:
 * what one member's calls leave behind (express marks the router layer it wrapped) would otherwise
 * decide what the next one is credited with.
 */
export async function findNested<R extends WrappedMember>(member: R, patched: readonly WrappedMember[], search: NestedSearch): Promise<NestedFindings<R>> {
  const x: Exploration<R> = { root: member, known: new Set<unknown>([member.fn, ...patched.map((m) => m.fn)]), codes: new Set(), out: [], search };
  let parentSpan = false;
  try {
    const spans = await explore(member, [], x);
    if (spans === 0) parentSpan = await startsInParentSpan(member, search);
  } catch {
    // a failed search finds less, nothing more
  }
  return { nested: x.out, parentSpan };
}
