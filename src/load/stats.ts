// Figures over rounds: a median with the range around it, and differences paired round by round (the
// variants of one round ran back to back, so pairing cancels what changed between rounds). Whether a
// difference is beyond noise is read from the rounds themselves, without assuming a distribution: the
// order statistics of n paired differences give an interval that holds their median with a known
// confidence (the sign test's), and a difference whose interval excludes 0 is not noise.
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

/** P(X ≤ k) for X ~ Binomial(n, ½) */
function binomialCdf(k: number, n: number): number {
  let term = 0.5 ** n;
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term = (term * (n - i + 1)) / i;
    sum += term;
  }
  return sum;
}

/**
 * The rank k of the interval [x(k), x(n+1−k)] of n sorted values that holds their median with at least
 * 95% confidence: coverage 1 − 2·P(Binomial(n, ½) ≤ k − 1). Below 6 values no interval reaches 95%
 * and the range stands in (5 rounds: 93.8%).
 */
export function medianIntervalRank(n: number): number {
  let k = 1;
  while (k + 1 <= Math.floor(n / 2) && 1 - 2 * binomialCdf(k, n) >= 0.95) k++;
  return k;
}

export function difference(values: readonly number[]): RoundDifference {
  if (values.length === 0) return { median: 0, min: 0, max: 0, low: 0, high: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const k = medianIntervalRank(sorted.length);
  return { median: round3(median(values)), min: round3(sorted[0]!), max: round3(sorted.at(-1)!), low: round3(sorted[k - 1]!), high: round3(sorted[sorted.length - k]!) };
}

/** (variant − reference) / reference × 100 for each round; rounds where the reference is 0 are left out. */
export function pairedPct(variant: readonly number[], reference: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(variant.length, reference.length); i++) if (reference[i]! !== 0) out.push(((variant[i]! - reference[i]!) / reference[i]!) * 100);
  return out;
}

export function pairedDelta(variant: readonly number[], reference: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(variant.length, reference.length); i++) out.push(variant[i]! - reference[i]!);
  return out;
}

/** A difference and not noise: the interval that holds the median paired difference excludes 0. */
export function beyondNoise(d: RoundDifference): boolean {
  return d.low > 0 || d.high < 0;
}

/** The variants' order in round `round`: a rotation, so no variant always goes first (or right after another). */
export function roundOrder(variants: number, round: number): number[] {
  return Array.from({ length: variants }, (_, i) => (i + round) % variants);
}
