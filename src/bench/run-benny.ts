// Times one function with benny (suite/add/cycle/complete) and reads its result object: nanoseconds
// of CPU time per call (the median of benny's samples, steadier than the mean on a shared machine),
// the relative margin of error and the number of samples. A function that returns a promise is timed to its
// settlement (benny turns it into a deferred Benchmark.js case).
//
// benny is loaded with require and typed here by the little we use: its typings reference
// @types/benchmark, which this project does not install.
import { createRequire } from 'node:module';
import type { Timing } from './child-protocol.js';
import { warmUp } from './warm-up.js';

interface CaseResult {
  name: string;
  ops: number;
  margin: number;
  samples: number;
  details: { median: number; mean: number };
}
interface Summary {
  results: CaseResult[];
}
type Step = (config: unknown) => Promise<unknown>;
interface Benny {
  suite(name: string, ...steps: unknown[]): Promise<Summary>;
  add(name: string, fn: () => unknown, options?: Record<string, number>): Step;
  cycle(fn?: (result: CaseResult, summary: Summary) => unknown): Step;
  complete(fn?: (summary: Summary) => unknown): Step;
  configure(config: { cases?: Record<string, number>; minDisplayPrecision?: number }): unknown;
}

const benny = createRequire(import.meta.url)('benny') as Benny;

/**
 * Benchmark.js options from `timeMs`: the budget as the case's maximum time (Benchmark.js finishes the
 * sample it is in, and calibrates first: a case takes about twice its budget), samples of a twentieth
 * of it — about twenty, so that the median shrugs off the few a neighbour's burst lands in — at least
 * 5 of them, and a short pause between samples so timers and the GC get a turn outside the measurement.
 */
export function caseOptions(timeMs: number): Record<string, number> {
  const seconds = Math.max(timeMs, 1) / 1000;
  return { minSamples: 5, maxTime: seconds, minTime: Math.max(seconds / 20, 0.0005), delay: 0.001, initCount: 1 };
}

/**
 * CPU time of this process in `process.hrtime`'s shape. Benchmark.js times with `process.hrtime`,
 * picked up on its first run: handing it this clock makes benny measure what a call costs in CPU
 * rather than wall time, which other processes on a shared machine (the other bench child, CI
 * neighbours) do not inflate by preempting us. The total of user and system time is exact (the
 * scheduler's runtime); V8's GC helper threads count too, as the cost of the garbage a call makes.
 */
function cpuHrtime(previous?: [number, number]): [number, number] {
  const { user, system } = process.cpuUsage();
  let ns = (user + system) * 1000;
  if (previous !== undefined) ns -= previous[0] * 1e9 + previous[1];
  return [Math.floor(ns / 1e9), ns % 1e9];
}
cpuHrtime.bigint = (): bigint => {
  const { user, system } = process.cpuUsage();
  return BigInt(user + system) * 1000n;
};

export async function timeIt(name: string, fn: () => unknown, timeMs: number): Promise<Timing> {
  const wallClock = process.hrtime;
  process.hrtime = cpuHrtime as typeof process.hrtime;
  try {
    return await timeWithBenny(name, fn, timeMs);
  } finally {
    process.hrtime = wallClock;
  }
}

async function timeWithBenny(name: string, fn: () => unknown, timeMs: number): Promise<Timing> {
  // each variant runs a while before it is timed, so its first samples do not time the optimiser
  await warmUp(fn, Math.min(Math.max(timeMs / 2, 20), 100));
  let done: Summary | undefined;
  const summary = await benny.suite(
    name,
    benny.add(name, fn),
    // benny prints progress from cycle/complete by default: ours stay silent (stdout is not ours in a child)
    benny.cycle(() => undefined),
    benny.complete((s) => {
      done = s;
    }),
    benny.configure({ cases: caseOptions(timeMs) }),
  );
  const result = (done ?? summary).results[0];
  if (result === undefined || result.samples === 0) throw new Error(`benny returned no samples for ${name}`);
  const seconds = Number.isFinite(result.details.median) && result.details.median > 0 ? result.details.median : 1 / result.ops;
  return { nsPerCall: seconds * 1e9, marginPct: result.margin, samples: result.samples };
}
