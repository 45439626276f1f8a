// Which measured cases ran through a slow spell of the machine, and which of two attempts to keep.
//
// Every case measures a bare span (`startSpan().end()`) in its own child, beside the hook. On a shared
// VM the host sometimes slows a whole process down for longer than a case's window: every figure of
// that case moves, the hook's and the bare span's alike, and no statistic over the case's own rounds
// can take it out (run-benny.ts keeps the fastest round; in a long spell there is no fast round). The
// bare span is the same code in every case, so when it comes out well above the run's typical value
// (or this machine's usual one) the case is measured again, and the attempt with the lower bare span
// is the one reported.
import type { Benchmark } from '../../model/report.js';
import { formatNs } from '../../util/format-ns.js';
import { SLOW_SPELL_FACTOR } from '../protocol/bench-options.js';
import { median } from '../timing/run-benny.js';

export { SLOW_SPELL_FACTOR };

/** With fewer measured cases than this a median is not a typical value; the run's fastest bare span is. */
export const MIN_CASES_FOR_MEDIAN = 5;
/** A case is measured at most this many times: a spell that outlasts two more attempts is reported as it was. */
export const MAX_ATTEMPTS = 3;
/**
 * Of a large run, at most this share is measured again per attempt (the worst first), so a busy
 * machine costs at most that much more time per attempt. Two cases at a time spread the bare spans
 * of a large run widely (a neighbour child slows its sibling by up to 1.6×): on a noisy afternoon a
 * quarter let 147 of 393 cases be measured again and took the embedded default from 5.5 to 8 minutes.
 */
export const MAX_SHARE_AGAIN = 0.1;

const bareOf = (b: Benchmark): number | null => (b.status === 'measured' && typeof b.bareSpanNs === 'number' && b.bareSpanNs > 0 ? b.bareSpanNs : null);

/** The bare spans of the measured entries, in order. */
export function bareSpansOf(entries: readonly Benchmark[]): number[] {
  return entries.map(bareOf).filter((n): n is number => n !== null);
}

/**
 * The bare span above which a case counts as measured in a slow spell: `SLOW_SPELL_FACTOR` times the
 * run's typical bare span — the median of its cases', or the fastest when fewer than
 * `MIN_CASES_FOR_MEDIAN` were measured (of two cases, one in a spell, the median is half in the
 * spell) — or times this machine's usual one (bare-span-history.ts) when that is lower: a spell that
 * outlasts a small run raises its typical value with it. Two cases at a time slow each other by up to
 * 1.6× (see README): a run measured side by side is compared with runs measured the same way, and its
 * median already carries that; the factor is above the spread of a quiet run. Null when nothing was
 * measured.
 */
export function slowSpellThreshold(entries: readonly Benchmark[], usualNs: number | null = null): number | null {
  const bares = bareSpansOf(entries);
  if (bares.length === 0) return null;
  const typical = bares.length >= MIN_CASES_FOR_MEDIAN ? median(bares) : Math.min(...bares);
  return Math.min(typical, usualNs ?? Infinity) * SLOW_SPELL_FACTOR;
}

/**
 * Indexes of the entries to measure again: measured above `threshold`, fewer than MAX_ATTEMPTS times,
 * at most MAX_SHARE_AGAIN of the measured entries (never fewer than two) with the slowest bare spans;
 * in the order given.
 */
export function slowSpellCases(entries: readonly Benchmark[], threshold: number | null): number[] {
  if (threshold === null) return [];
  const over = entries.flatMap((b, i) => {
    const bare = bareOf(b);
    return bare !== null && bare > threshold && (b.attempts ?? 1) < MAX_ATTEMPTS ? [{ i, bare }] : [];
  });
  const measured = bareSpansOf(entries).length;
  const cap = Math.max(2, Math.floor(measured * MAX_SHARE_AGAIN));
  return over
    .sort((a, b) => b.bare - a.bare || a.i - b.i)
    .slice(0, cap)
    .map((o) => o.i)
    .sort((a, b) => a - b);
}

/**
 * The attempt to report of a case measured once more: the one with the lower bare span (the quieter
 * machine), counting the attempts. A new attempt that failed (a hang, a crash the earlier one did
 * not have) does not replace a measured one; the failure goes in its remark.
 */
export function keepAttempt(kept: Benchmark, next: Benchmark): Benchmark {
  const attempts = (kept.attempts ?? 1) + 1;
  const a = bareOf(kept);
  const b = bareOf(next);
  if (b === null) {
    const note = `measured again after a slow spell, and attempt ${attempts} ${next.status === 'failed' ? `failed: ${next.reason ?? 'no reason given'}` : 'gave no figure'}; these are an earlier attempt's figures`;
    return { ...kept, reason: kept.reason === null ? note : `${kept.reason}; ${note}`, attempts };
  }
  return { ...(a !== null && a <= b ? kept : next), attempts };
}

/**
 * A case still above the threshold after its last attempt (the spell outlasted them, or a busy run
 * had more such cases than the share measured again). Its figures stay
 * (they are what the machine gave) with a remark that says they read high and by how much the
 * yardstick beside them did.
 */
export function markStillSlow(b: Benchmark, threshold: number): Benchmark {
  const bare = bareOf(b);
  if (bare === null || bare <= threshold) return b;
  const typical = threshold / SLOW_SPELL_FACTOR;
  const n = b.attempts ?? 1;
  const note = `measured in a slow spell of the machine (${n} ${n === 1 ? 'attempt' : 'attempts'}): the bare span beside it was ${(bare / typical).toFixed(1)}× the usual ${formatNs(typical)}, and its figures read high by about as much`;
  return { ...b, reason: b.reason === null ? note : `${b.reason}; ${note}` };
}
