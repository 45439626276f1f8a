// Figures over rounds: a median with the range around it, and differences paired round by round (the
// variants of one round ran back to back, so pairing cancels what changed between rounds). Whether a
// difference is beyond noise is read from the rounds themselves, without assuming a distribution's
// shape, by the Wilcoxon signed-rank method: the estimate is the Hodges–Lehmann one (the median of the
// n(n+1)/2 averages of two rounds' differences, each round with itself included) and its 95% interval
// runs between two of those averages whose ranks the exact null distribution of the signed-rank
// statistic gives. The method asks only that, were the variants the same, a round's difference be as
// likely negative as positive (symmetric about 0) — which the round order makes true: every variant runs
// before each other as often as after (roundOrder), so an order effect (the second turn finding the
// first's closing sockets, its garbage) cancels instead of landing on one side. For data of a normal
// shape it is about 1.5 times as efficient as the sign test's interval of the median (Lehmann,
// Nonparametrics, 1975), i.e. it separates with two thirds of the rounds, and one wild round moves it
// little (it is an average of ranks, not of values).
import { median as medianOf } from '../bench/timing/run-benny.js';
import type { RoundDifference, RoundStat } from '../model/load.js';

/** 0 for no values (a variant with no rounds yet) */
export const median = (values: readonly number[]): number => (values.length === 0 ? 0 : medianOf(values));

/** Rounded to 3 significant digits: more would be noise, and reports diff cleanly. */
export function round3(n: number): number {
  if (!Number.isFinite(n) || n === 0) return 0;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(n))));
  const f = 10 ** Math.min(digits, 6);
  return Math.round(n * f) / f;
}

export function roundStat(values: readonly number[]): RoundStat {
  const m = median(values);
  const min = values.length > 0 ? Math.min(...values) : 0;
  const max = values.length > 0 ? Math.max(...values) : 0;
  return { median: round3(m), min: round3(min), max: round3(max), spreadPct: m === 0 ? 0 : round3(((max - min) / Math.abs(m)) * 100) };
}

/** Below this many rounds no interval reaches 95% (5 rounds: 93.8%), and the range stands in. */
const MIN_ROUNDS_95 = 6;

/**
 * P(T ≤ t) for t = 0 … n(n+1)/2, T the Wilcoxon signed-rank statistic of n values under the null: the
 * number of the 2^n sign patterns whose positive ranks sum to at most t, over 2^n (a subset-sum count;
 * doubles hold the counts for the ≤ 100 rounds a run has).
 */
function signedRankCdf(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  const ways = new Array<number>(max + 1).fill(0);
  ways[0] = 1;
  for (let rank = 1; rank <= n; rank++) for (let t = max; t >= rank; t--) ways[t]! += ways[t - rank]!;
  const total = 2 ** n;
  let sum = 0;
  return ways.map((w) => (sum += w) / total);
}

/**
 * The rank k of the interval [w(k), w(M+1−k)] of the M = n(n+1)/2 sorted Walsh averages of n values
 * that holds their pseudo-median with at least 95% confidence: the largest k with P(T ≤ k − 1) ≤ 2.5%.
 * Below 6 values none does, and k = 1 (the range of the averages, which is the range of the values).
 */
export function walshIntervalRank(n: number): number {
  if (n < MIN_ROUNDS_95) return 1;
  const cdf = signedRankCdf(n);
  let k = 1;
  while (cdf[k]! <= 0.025) k++;
  return k;
}

/** The averages (xᵢ + xⱼ)/2 for i ≤ j, sorted. */
export function walshAverages(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) for (let j = i; j < values.length; j++) out.push((values[i]! + values[j]!) / 2);
  return out.sort((a, b) => a - b);
}

/** The estimate, the interval and the range of paired differences, each through `shown` (monotone). */
function differenceOf(values: readonly number[], shown: (x: number) => number): RoundDifference {
  if (values.length === 0) return { estimate: 0, median: 0, min: 0, max: 0, low: 0, high: 0 };
  const walsh = walshAverages(values);
  const k = walshIntervalRank(values.length);
  const out = (x: number): number => round3(shown(x));
  return { estimate: out(medianOf(walsh)), median: out(median(values)), min: out(Math.min(...values)), max: out(Math.max(...values)), low: out(walsh[k - 1]!), high: out(walsh[walsh.length - k]!) };
}

/** Differences paired round by round (variant − reference, e.g. CPU µs per request). */
export function difference(values: readonly number[]): RoundDifference {
  return differenceOf(values, (x) => x);
}

/**
 * A ratio paired round by round (variant ÷ reference, e.g. requests/s), shown as a % change. The
 * method works on the logarithms of the rounds' ratios and maps the result back (every figure through
 * the same monotone map, so the interval still excludes 0 exactly when the one of the logarithms
 * does): a % change is not symmetric — two variants that swap a factor of 2 give +100% and −50%, so on
 * a machine whose rounds vary that much the % changes would lean upwards and hide a loss — while the
 * log ratio is (+ln 2, −ln 2). Rounds where either figure is 0 are left out.
 */
export function ratioDifference(variant: readonly number[], reference: readonly number[]): RoundDifference {
  return differenceOf(logRatios(variant, reference), (x) => (Math.exp(x) - 1) * 100);
}

/** ln(variant ÷ reference) for each round where both are positive */
export function logRatios(variant: readonly number[], reference: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(variant.length, reference.length); i++) if (variant[i]! > 0 && reference[i]! > 0) out.push(Math.log(variant[i]! / reference[i]!));
  return out;
}

export function pairedDelta(variant: readonly number[], reference: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(variant.length, reference.length); i++) out.push(variant[i]! - reference[i]!);
  return out;
}

/** A difference and not noise: its 95% interval excludes 0. */
export function beyondNoise(d: RoundDifference): boolean {
  return d.low > 0 || d.high < 0;
}

/**
 * The variants' order in round `round`: a rotation, reversed every other round — so no variant always
 * goes first, and over each two rounds every variant has run before each other exactly as often as
 * after it (a reversal turns every pair around). With the rotation alone, three variants would put
 * `with` before `against` in two rounds of three, and an order effect would pass for a difference.
 */
export function roundOrder(variants: number, round: number): number[] {
  const rotated = Array.from({ length: variants }, (_, i) => (i + Math.floor(round / 2)) % variants);
  return round % 2 === 0 ? rotated : rotated.reverse();
}
