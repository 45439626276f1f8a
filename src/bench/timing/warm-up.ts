// Calls a hook until V8 has finished optimising it. The span code of the SDK takes a couple of hundred
// thousand calls to reach its steady speed (interpreter, baseline, then optimised code): timing before
// that measures the compiler, and differently in every process. Batches of calls are timed on the CPU
// clock until three in a row agree within 5%, or the budget is spent.

const cpuNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
};

async function batch(fn: () => unknown, calls: number): Promise<number> {
  const start = cpuNow();
  for (let i = 0; i < calls; i++) {
    const r = fn();
    if (r instanceof Promise) await r;
  }
  return (cpuNow() - start) / calls;
}

/** How a warm-up went: the wall time it took, and the CPU ns per call of its last batch. */
export interface WarmedUp {
  ms: number;
  nsPerCall: number;
}

/** Calls `fn` until its speed settles (three batches in a row within 5%, after `minMs`) or `maxMs` is spent. */
export async function warmUpRate(fn: () => unknown, maxMs: number, minMs = 10): Promise<WarmedUp> {
  const started = performance.now();
  let calls = 64;
  let previous = Number.POSITIVE_INFINITY;
  let steady = 0;
  while (performance.now() - started < maxMs) {
    const t0 = performance.now();
    const perCall = await batch(fn, calls);
    // batches of about 5 ms: long enough to time on a microsecond clock, short enough to see the trend
    if (performance.now() - t0 < 5) calls *= 2;
    steady = Math.abs(perCall - previous) <= 0.05 * previous ? steady + 1 : 0;
    previous = perCall;
    if (steady >= 3 && performance.now() - started >= minMs) break;
  }
  return { ms: performance.now() - started, nsPerCall: previous };
}

/** Returns the wall time spent, ms. */
export async function warmUp(fn: () => unknown, maxMs: number, minMs = 10): Promise<number> {
  return (await warmUpRate(fn, maxMs, minMs)).ms;
}
