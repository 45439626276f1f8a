// Benchmark changes per hook, with a verdict that does not cry wolf on noise.
//
// The figure compared is the overhead per span (instrumented − plain, per span), which is a
// difference of two timings: a small overhead on an expensive call carries the whole call's jitter.
// So the margins are turned into nanoseconds first — marginPct applies to the instrumented time per
// call, i.e. marginPct% × instrumentedNsPerCall / spansPerCall per span — and a change counts only
// when it exceeds BOTH the relative threshold (default 10% of the base overhead) and the sum of the
// two sides' margins. Comparing "changePct > marginA + marginB" directly would call a 40 ns wobble on
// a 10 µs call a 20% regression of a 200 ns overhead.
import type { BenchmarkChange, BenchmarkVerdict } from './diff-model.js';
import { packageName } from '../model/fingerprint.js';
import { measuredOverhead } from '../model/benchmark.js';
import { type HookBenchmark } from '../model/bench-overhead.js';

export const DEFAULT_THRESHOLD_PCT = 10;

const keyOf = (b: HookBenchmark): string => `${packageName(b.package)}\u0000${b.hook.kind}\u0000${b.hook.target}`;

/** One entry per hook (the first, when a report measured a hook twice), by key. */
function index(entries: readonly HookBenchmark[]): Map<string, HookBenchmark> {
  const map = new Map<string, HookBenchmark>();
  for (const e of entries) if (!map.has(keyOf(e))) map.set(keyOf(e), e);
  return map;
}

/** The absolute uncertainty of one overhead figure, ns per span. */
export function noiseNs(b: HookBenchmark): number {
  const margin = (b.marginPct ?? 0) / 100;
  const spans = b.spansPerCall !== null && b.spansPerCall > 0 ? b.spansPerCall : 1;
  if (b.instrumentedNsPerCall !== null) return (margin * b.instrumentedNsPerCall) / spans;
  return margin * Math.abs(b.overheadNsPerSpan ?? 0);
}

export function verdictFor(changeNs: number, baseNs: number, combinedNoiseNs: number, thresholdPct: number): BenchmarkVerdict {
  const relative = baseNs === 0 ? (changeNs === 0 ? 0 : Infinity) : (Math.abs(changeNs) / Math.abs(baseNs)) * 100;
  if (relative <= thresholdPct) return 'unchanged';
  if (Math.abs(changeNs) <= combinedNoiseNs) return 'noise';
  return changeNs > 0 ? 'regression' : 'improvement';
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

function compareOne(pkg: string, base: HookBenchmark | undefined, head: HookBenchmark | undefined, thresholdPct: number): BenchmarkChange {
  const hook = (head ?? base)!.hook;
  const baseNs = base ? measuredOverhead(base) : null;
  const headNs = head ? measuredOverhead(head) : null;
  const empty = { package: pkg, hook, baseNs, headNs, changeNs: null, changePct: null, noisePct: null };
  if (!base) return { ...empty, verdict: 'added' };
  if (!head) return { ...empty, verdict: 'removed' };
  if (baseNs === null || headNs === null) {
    const side = baseNs === null ? base : head;
    const why = `${baseNs === null ? 'base' : 'head'}: ${side.status}${side.reason ? ` (${side.reason})` : ''}`;
    return { ...empty, verdict: 'not-comparable', reason: why };
  }
  const changeNs = headNs - baseNs;
  const noise = noiseNs(base) + noiseNs(head);
  return {
    ...empty,
    verdict: verdictFor(changeNs, baseNs, noise, thresholdPct),
    changeNs: round(changeNs),
    changePct: baseNs === 0 ? null : round((changeNs / Math.abs(baseNs)) * 100),
    noisePct: baseNs === 0 ? null : round((noise / Math.abs(baseNs)) * 100),
  };
}

/** Per hook, sorted by package and hook target; hooks present on one side only are added/removed. */
export function compareBenchmarks(base: readonly HookBenchmark[], head: readonly HookBenchmark[], thresholdPct = DEFAULT_THRESHOLD_PCT): BenchmarkChange[] {
  const b = index(base);
  const h = index(head);
  const keys = [...new Set([...b.keys(), ...h.keys()])].sort();
  return keys.map((k) => compareOne(k.split('\u0000')[0]!, b.get(k), h.get(k), thresholdPct));
}
