// The parent's check of a child's figures. The child runs the package's code, and that code can
// rewrite anything in its process — the timing, the counters, the answer sent over IPC (a 246 µs
// hook reported as +0 ns passes any budget). What it cannot rewrite is the kernel's count of the CPU
// time its process used. So after the answer, the parent asks for N calls of the plain and of the
// hooked variant (N chosen from the child's own figures so that each batch should take about
// BATCH_NS), reads the child's CPU time before and after each batch, and compares per call:
// - much MORE CPU than claimed: the figures were lowered (the forged answer above);
// - much LESS than claimed: the calls were not made (a child that skips the batch to hide its cost).
// Either way the entry is marked `untrusted figures`, and an untrusted entry never passes a budget.
//
// The bounds are wide because honest figures differ too: the child's figure is its fastest round,
// a batch here is timed under whatever load the machine has (2× was seen beside a memory-bound
// neighbour). A hook written against this protocol could still burn exactly the claimed CPU in the
// batches while lying in its figures: the check stops a rewritten answer, not a rewritten harness.

/** CPU time each batch of calls should take at the child's claimed speed, ns */
export const BATCH_NS = 10_000_000;
/** batches per variant, alternating plain and hooked; the fastest of each is compared */
export const BATCHES = 3;
/** more than this many times the claimed figure (plus the slack) is too much */
const HIGH_FACTOR = 2.5;
/** less than this share of the claimed figure (minus the slack) is too little */
const LOW_FACTOR = 0.3;
/** absolute slack per call: IPC, the loop, the clock's granularity, ns */
const HIGH_SLACK_NS = 2_000;
const LOW_SLACK_NS = 200;

/** Calls in one batch for a claimed per-call figure. */
export function callsFor(claimedNsPerCall: number): number {
  const per = Math.max(claimedNsPerCall, 20);
  return Math.min(5_000_000, Math.max(1, Math.round(BATCH_NS / per)));
}

export interface Observed {
  /** per-call CPU time of each batch, ns */
  plain: number[];
  hooked: number[];
}

/** null when the figures hold up, else why not (for the entry's `untrusted` reason). */
export function judgeFigures(claimed: { plainNs: number; hookedNs: number }, observed: Observed): string | null {
  const check = (what: string, claim: number, batches: readonly number[]): string | null => {
    if (batches.length === 0) return null;
    const seen = Math.min(...batches);
    const us = (ns: number): string => `${(ns / 1000).toFixed(ns < 10_000 ? 2 : 0)} µs`;
    if (seen > HIGH_FACTOR * claim + HIGH_SLACK_NS) return `the ${what} call used ${us(seen)} of CPU per call measured from outside the child, its figures say ${us(claim)}`;
    if (seen < LOW_FACTOR * claim - LOW_SLACK_NS)
      return `the ${what} call used ${us(seen)} of CPU per call measured from outside the child, less than its figures say (${us(claim)}): the calls were not made`;
    return null;
  };
  return check('hooked', claimed.hookedNs, observed.hooked) ?? check('plain', claimed.plainNs, observed.plain);
}
