// Times the variants of a case with benny (suite/add/cycle/complete) in interleaved rounds: every round
// gives each variant (plain, hooked, …) one sample, and a variant's figure is its fastest round. The
// variants of a case are compared with one another, so they must see the same machine: timed one after
// the other, each for its whole budget, a slow spell of the machine lands on one variant only and moves
// the difference by its full size; interleaved, every variant has rounds before, in and after it.
//
// Each sample is nanoseconds of CPU time per call. A function that returns a promise is timed to its
// settlement (benny turns it into a deferred Benchmark.js case).
//
// benny is loaded with require and typed here by the little we use: its typings reference
// @types/benchmark, which this project does not install.
import { createRequire } from 'node:module';
import type { Timing } from '../protocol/child-protocol.js';
import { warmUpRate } from './warm-up.js';

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

/** One timed variant of a case: `enter` puts the process in its state (plain, sampled, unsampled). */
export interface Variant {
  name: string;
  fn: () => unknown;
  enter?: () => void;
}

/** Rounds a budget is cut into: one per 20 ms of it, 3 to 40. */
export function roundsFor(timeMs: number): number {
  return Math.min(40, Math.max(3, Math.round(timeMs / 20)));
}

/**
 * Benchmark.js options for one benny run: a single sample of `sampleMs` of CPU time (`minSamples: 1`,
 * and `maxTime` is spent by then). Every Benchmark.js sample costs some milliseconds of its own — it
 * compiles a fresh test loop through lodash templates — so a variant gets one long sample per round
 * rather than many short ones; the rounds are its samples. No pause after it (`delay: 0`: a pause
 * costs wall time and buys nothing on the CPU clock). `initCount` is the number of calls the sample
 * needs, when known: Benchmark.js then skips its ramp-up cycles.
 */
export function caseOptions(sampleMs: number, initCount = 1): Record<string, number> {
  return { minSamples: 1, maxTime: 1e-6, minTime: Math.max(sampleMs, 0.5) / 1000, delay: 0, initCount };
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of nothing');
  const s = [...values].sort((a, b) => a - b);
  const i = q * (s.length - 1);
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Student's t, two-sided 95%, by degrees of freedom 1…30 (Benchmark.js's table); 1.96 beyond. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045,
  2.042,
];

/** Relative margin of error (95%, in percent) of the mean of `values`, as Benchmark.js computes it for its samples. */
export function relativeMargin(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (mean === 0) return 0;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const t = T95[n - 2] ?? 1.96;
  return ((t * Math.sqrt(variance)) / Math.sqrt(n) / Math.abs(mean)) * 100;
}

/**
 * One variant's figure from its runs: the fastest round. On a shared machine a round can only be slowed
 * down — by a neighbour's traffic through the caches and memory we share with it, which CPU time does
 * not leave out — never sped up, so the fastest round is the one nearest the code's own cost, and the
 * figure that comes back run after run; the median is whatever share of the rounds a slow spell took.
 * (The minimum is also the estimator BenchmarkTools.jl's `judge` uses, for the same reason.) The
 * margin is the relative margin of error (95%) of all the rounds' figures — how far they spread, which
 * says how busy the machine was — as Benchmark.js gives it for its samples; samples are benny's
 * samples behind the figure, one per round.
 */
export function combineRuns(runs: readonly Timing[]): Timing {
  if (runs.length === 0) throw new Error('no runs to combine');
  const figures = runs.map((r) => r.nsPerCall);
  return { nsPerCall: Math.min(...figures), marginPct: relativeMargin(figures), samples: runs.reduce((a, r) => a + r.samples, 0) };
}

const cpuNs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
};

/**
 * CPU time of this process in `process.hrtime`'s shape. Benchmark.js times with `process.hrtime`,
 * picked up on its first run: handing it this clock makes benny measure what a call costs in CPU
 * rather than wall time, which other processes on a shared machine (the other bench child, CI
 * neighbours) do not inflate by preempting us. The total of user and system time is exact (the
 * scheduler's runtime); V8's GC helper threads count too, as the cost of the garbage a call makes.
 */
function cpuHrtime(previous?: [number, number]): [number, number] {
  let ns = cpuNs();
  if (previous !== undefined) ns -= previous[0] * 1e9 + previous[1];
  return [Math.floor(ns / 1e9), ns % 1e9];
}
cpuHrtime.bigint = (): bigint => {
  const { user, system } = process.cpuUsage();
  return BigInt(user + system) * 1000n;
};

/** A young-generation GC when the process was started with --expose-gc (run-child.ts does): cheap, and it leaves no run the previous one's garbage to collect. */
function minorGc(): void {
  (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc?.({ type: 'minor' });
}

/** One benny run of `fn` on the CPU clock: one sample of `sampleMs`. */
export async function timeOnce(name: string, fn: () => unknown, sampleMs: number, initCount = 1): Promise<Timing> {
  const wallClock = process.hrtime;
  process.hrtime = cpuHrtime;
  try {
    return await runBenny(name, fn, caseOptions(sampleMs, initCount));
  } finally {
    process.hrtime = wallClock;
  }
}

async function runBenny(name: string, fn: () => unknown, options: Record<string, number>): Promise<Timing> {
  let done: Summary | undefined;
  const summary = await benny.suite(
    name,
    benny.add(name, fn),
    // benny prints progress from cycle/complete by default: ours stay silent (stdout is not ours in a child)
    benny.cycle(() => undefined),
    benny.complete((s) => {
      done = s;
    }),
    benny.configure({ cases: options }),
  );
  const result = (done ?? summary).results[0];
  if (result === undefined || result.samples === 0) throw new Error(`benny returned no samples for ${name}`);
  const seconds = Number.isFinite(result.details.median) && result.details.median > 0 ? result.details.median : 1 / result.ops;
  return { nsPerCall: seconds * 1e9, marginPct: result.margin, samples: result.samples };
}

/**
 * Times `variants` in `rounds` interleaved rounds and returns every variant's runs, in the order given.
 * A variant is sampled for half of `timeMs` of CPU time in all, one sample per round; Benchmark.js's
 * overhead per sample takes about the other half, so a variant costs about `timeMs`, as one benny run
 * of `timeMs` used to. Each variant is warmed up briefly first (the hooked call has had its long
 * warm-up already), which also tells how many calls its samples need; a first round that still finds
 * a variant settling is slower than the rest and does not make the figure. Within a round the order
 * rotates, so that no variant always follows the same one; before each sample the young generation is
 * collected, so that every sample starts on an empty nursery and none pays for the garbage of the
 * sample before.
 */
export async function timeRounds(variants: readonly Variant[], timeMs: number, rounds = roundsFor(timeMs)): Promise<Timing[][]> {
  const sampleMs = timeMs / 2 / rounds;
  const countFor = (nsPerCall: number): number => (Number.isFinite(nsPerCall) && nsPerCall > 0 ? Math.max(1, Math.ceil((1.1 * sampleMs * 1e6) / nsPerCall)) : 1);
  const counts: number[] = [];
  for (const v of variants) {
    v.enter?.();
    counts.push(countFor((await warmUpRate(v.fn, Math.min(Math.max(timeMs / 5, 10), 50))).nsPerCall));
  }
  const out: Timing[][] = variants.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + r) % variants.length;
      const v = variants[i]!;
      v.enter?.();
      minorGc();
      const t = await timeOnce(v.name, v.fn, sampleMs, counts[i]);
      counts[i] = countFor(t.nsPerCall);
      out[i]!.push(t);
    }
  }
  return out;
}
