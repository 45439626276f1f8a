// The measuring child's last duty: after sending its figures it stays up and, on the parent's request,
// makes N calls of the plain or the hooked variant, so that the parent can time them from outside by
// the child's CPU time as the kernel counts it (src/bench/run/cross-check.ts). Nothing here measures:
// the child only calls, and only the parent's clock counts.
import type { ChildRequest, ChildResponse, Measurement, VerifyVariant } from '../protocol/child-protocol.js';

export interface VerifySide {
  fn: () => unknown;
  /** puts the process in the variant's state (plain: unpatched; hooked: sampled provider) */
  enter?: () => void;
}

export type VerifySides = Record<VerifyVariant, VerifySide>;

/** Called with the figures while the case is still set up: the child answers, then serves the parent's cross-check. */
export type OnMeasured = (m: Measurement, sides: VerifySides) => Promise<void>;

const isThenable = (v: unknown): v is PromiseLike<unknown> => (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';

async function callMany(side: VerifySide, calls: number): Promise<void> {
  side.enter?.();
  for (let i = 0; i < calls; i++) {
    const r = side.fn();
    if (isThenable(r)) await r;
  }
}

/** Sends `answer`, then serves `verify` requests until the parent says `exit` (or goes away). */
export function answerAndServe(answer: ChildResponse, sides: VerifySides): Promise<void> {
  return new Promise<void>((resolve) => {
    let queue = Promise.resolve();
    const onMessage = (m: ChildRequest): void => {
      if (m.mode === 'exit') {
        process.off('message', onMessage);
        resolve();
        return;
      }
      if (m.mode !== 'verify') return;
      queue = queue.then(async () => {
        try {
          await callMany(sides[m.variant], Math.max(1, Math.floor(m.calls)));
          process.send!({ ok: true, mode: 'verified', variant: m.variant } satisfies ChildResponse);
        } catch (err) {
          process.send!({ ok: false, error: `verification calls failed: ${err instanceof Error ? err.message : String(err)}` } satisfies ChildResponse);
        }
      });
    };
    process.on('message', onMessage);
    process.once('disconnect', () => resolve());
    process.send!(answer);
  });
}
