// Figures over rounds: a median with the range around it, and differences paired round by round (the
// variants of one round ran back to back, so pairing cancels what changed between rounds).
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

export function difference(values: readonly number[]): RoundDifference {
  if (values.length === 0) return { median: 0, min: 0, max: 0 };
  return { median: round3(median(values)), min: round3(Math.min(...values)), max: round3(Math.max(...values)) };
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

/**
 * A difference and not noise: every round moved the same way, and the median difference is larger than
 * the spread of either variant's own rounds (how far a variant differs from itself from round to round).
 */
export function beyondNoise(diffPct: RoundDifference, spreadsPct: readonly number[]): boolean {
  const sameSign = (diffPct.min > 0 && diffPct.max > 0) || (diffPct.min < 0 && diffPct.max < 0);
  return sameSign && Math.abs(diffPct.median) > Math.max(0, ...spreadsPct);
}

/** The variants' order in round `round`: a rotation, so no variant always goes first (or right after another). */
export function roundOrder(variants: number, round: number): number[] {
  return Array.from({ length: variants }, (_, i) => (i + round) % variants);
}
