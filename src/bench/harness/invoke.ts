// How a hook is called: with a receiver and made-up arguments, in one of three call styles the stub
// originals follow (return a value, return a resolved promise, call the trailing callback), and always
// to completion — a returned promise is awaited, a callback waited for. The probe picks the style in
// which the hook completes and ends the spans it starts, since that is the call it was written for.
import { createObjectMock, setStubStyle, stubCalls, type CallStyle } from './auto-mock.js';
import { asyncErrors } from './async-errors.js';
import type { SpanCounter } from './tracing.js';

export const STYLES: readonly CallStyle[] = ['sync', 'promise', 'callback'];

type Fn = (...args: unknown[]) => unknown;
/** returns undefined when the call finished synchronously, else a promise that settles when it completes */
export type Call = () => Promise<void> | undefined;

const noop = (): void => undefined;

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/**
 * Fresh arguments and receiver for every call, inheriting from shared mocks: reads find what earlier
 * calls materialised, but what a wrapper writes (`args[0].callback = wrap(args[0].callback)`) stays
 * on the throw-away object — shared objects would pile up wrappers and slow every later call.
 */
export interface CallShape {
  receiver: () => unknown;
  args: () => unknown[];
}

export function defaultShape(owner: object | undefined, onPrototype: boolean): CallShape {
  const a0 = createObjectMock('arg0');
  const a1 = createObjectMock('arg1');
  return {
    receiver: owner === undefined ? () => undefined : onPrototype ? () => Object.create(owner) as unknown : () => owner,
    args: () => [Object.create(a0) as unknown, Object.create(a1) as unknown],
  };
}

/**
 * The shape for the wrapper at `path` on `owner`: a prototype method is called on an instance, a
 * member on the object it sits on, a replacement for the whole module (`path` empty) with no receiver.
 */
export function shapeFor(owner: object | undefined, path: readonly string[]): CallShape {
  const onPrototype = path.length >= 2 && path[path.length - 2] === 'prototype';
  return defaultShape(path.length === 0 ? undefined : owner, onPrototype);
}

export function makeCall(fn: Fn, shape: CallShape, style: CallStyle): Call {
  if (style === 'callback') {
    return () => {
      let resolve: () => void = noop;
      const done = new Promise<void>((r) => (resolve = r));
      // called outside the promise executor: a hook that throws at once throws here, as in the other
      // styles — inside the executor the throw became a rejection, which counts as a completed call
      const r = fn.apply(shape.receiver(), [...shape.args(), () => resolve()]);
      // a wrapper that returns a promise and never calls back must not hang the case
      if (isThenable(r)) r.then(noop, noop);
      return done;
    };
  }
  return () => {
    const r = fn.apply(shape.receiver(), shape.args());
    // a rejection still completes the call; Benchmark.js would wait forever for an unsettled one
    return isThenable(r) ? Promise.resolve(r).then(noop, noop) : undefined;
  };
}

export interface ProbeResult {
  style: CallStyle;
  completed: boolean;
  error: string | null;
  started: number;
  ended: number;
  stubCalls: number;
}

function withTimeout(p: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(
      () => (clearTimeout(timer), resolve(true)),
      () => (clearTimeout(timer), resolve(true)),
    );
  });
}

/** Runs one call to completion (or until `timeoutMs`); throws what the call throws synchronously. */
export async function runOnce(call: Call, timeoutMs: number): Promise<boolean> {
  const p = call();
  return p === undefined ? true : withTimeout(p, timeoutMs);
}

async function probeStyle(build: (style: CallStyle) => Call, style: CallStyle, counter: SpanCounter, timeoutMs: number): Promise<ProbeResult> {
  setStubStyle(style);
  const result: ProbeResult = { style, completed: false, error: null, started: 0, ended: 0, stubCalls: 0 };
  try {
    const call = build(style);
    // the first call may do one-off work (lazy caches): the second is the one looked at
    if (!(await runOnce(call, timeoutMs))) return result;
    const [s, e, c, errors] = [counter.started, counter.ended, stubCalls(), asyncErrors().count];
    result.completed = await runOnce(call, timeoutMs);
    await new Promise((r) => setImmediate(r)); // spans ended in a later tick still count
    [result.started, result.ended, result.stubCalls] = [counter.started - s, counter.ended - e, stubCalls() - c];
    if (asyncErrors().count > errors) {
      result.error = `threw later (in a callback or promise): ${asyncErrors().last}`;
      result.completed = false;
    }
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    result.completed = false;
  }
  return result;
}

/** How good a style is: completes, ends what it starts, starts something, calls its original. */
function score(p: ProbeResult): number {
  if (!p.completed) return -1;
  return (p.started > 0 && p.ended >= p.started ? 4 : 0) + (p.started > 0 ? 2 : 0) + (p.stubCalls > 0 ? 1 : 0);
}

/** Probes every style and picks the best (ties: sync, promise, callback); undefined when none completes. */
export async function chooseStyle(build: (style: CallStyle) => Call, counter: SpanCounter, timeoutMs: number): Promise<{ best: ProbeResult | undefined; probes: ProbeResult[] }> {
  const probes: ProbeResult[] = [];
  for (const style of STYLES) probes.push(await probeStyle(build, style, counter, timeoutMs));
  let best: ProbeResult | undefined;
  for (const p of probes) if (score(p) >= 0 && (best === undefined || score(p) > score(best))) best = p;
  if (best !== undefined) setStubStyle(best.style);
  return { best, probes };
}
