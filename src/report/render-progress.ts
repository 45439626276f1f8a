// The progress line the CLI keeps rewriting on a TTY's stderr, one shape for every command: scan
// (discover, analyse), bench (list, measure, measure again), vet (its steps), calibrate.
// `measure 12/334 3% 4m10s left  <package> <hook>`. Pure (the CLI owns the cursor); cut to the
// terminal width so it never wraps and stops updating in place.

import { visible } from '../util/visible.js';

export interface Progress {
  phase: string;
  done?: number;
  total?: number;
  /** what is being worked on: a package, `<package> <hook>`, an operation */
  current?: string;
  /** estimated time left, from the work done so far */
  remainingMs?: number;
}

export function renderProgress(p: Progress, columns = 80): string {
  const counted = p.done !== undefined && p.total !== undefined;
  const counts = counted ? ` ${p.done}/${p.total}${p.total! > 0 ? ` ${Math.floor((p.done! / p.total!) * 100)}%` : ''}` : '';
  const left = p.remainingMs !== undefined && counted && p.done! < p.total! ? ` ${formatLeft(p.remainingMs)} left` : '';
  // `current` names a package or a hook: its control characters are shown, not sent to the terminal
  const line = visible(`${p.phase}${counts}${left}${p.current !== undefined ? `  ${p.current}` : ''}`);
  // a pty without a size reports 0 columns: fall back to 80 rather than a useless 10-character line
  const width = columns >= 20 ? columns - 1 : 79;
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
