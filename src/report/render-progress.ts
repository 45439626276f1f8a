// The progress line the CLI keeps rewriting on a TTY's stderr: phase, done/total, current package.
// Pure (the CLI owns the cursor); cut to the terminal width so it never wraps and stops updating in place.
import type { BenchProgress, ScanProgress } from '../model/progress.js';

export function renderProgress(p: ScanProgress, columns = 80): string {
  const pct = p.total > 0 ? ` ${Math.floor((p.done / p.total) * 100)}%` : '';
  const line = `${p.phase} ${p.done}/${p.total}${pct}${p.current !== undefined ? ` ${p.current}` : ''}`;
  // a pty without a size reports 0 columns: fall back to 80 rather than a useless 10-character line
  const width = columns >= 20 ? columns - 1 : 79;
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** `measure 12/334 3% 4m10s left  <package> <hook>`: the bench's line, cut the same way. */
export function renderBenchProgress(p: BenchProgress, columns = 80): string {
  const pct = p.total > 0 ? ` ${Math.floor((p.done / p.total) * 100)}%` : '';
  const left = p.remainingMs !== undefined && p.done < p.total ? ` ${formatLeft(p.remainingMs)} left` : '';
  const line = `${p.phase} ${p.done}/${p.total}${pct}${left}${p.current !== undefined ? `  ${p.current}` : ''}`;
  const width = columns >= 20 ? columns - 1 : 79;
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
