// Errors a hook throws later — in a callback the stub original calls, or as a rejection nobody handles —
// would end a bench child (exit 1, no answer, the case lost). The child records them here instead; the
// probe counts them against the call style that caused them.

let count = 0;
let last: string | null = null;

export function recordAsyncError(err: unknown): void {
  count++;
  last = err instanceof Error ? err.message : String(err);
}

export function asyncErrors(): { count: number; last: string | null } {
  return { count, last };
}

/** Installs the process-wide handlers (bench child processes only). */
export function catchAsyncErrors(): void {
  process.on('uncaughtException', recordAsyncError);
  process.on('unhandledRejection', recordAsyncError);
}
