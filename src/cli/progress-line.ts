// The one updating line on stderr that scan, bench, vet and calibrate show while they work (rendered by
// report/render-progress.ts). Only on a TTY and without --quiet: it never pollutes pipes or CI logs.
import { renderProgress, type Progress } from '../report/render-progress.js';

export interface ProgressLine {
  show: (p: Progress) => void;
  /** wipes the line (before the result or an error message is written); safe to call twice */
  clear: () => void;
}

/** The progress line, or undefined when stderr is not a TTY or the command is --quiet. */
export function progressLine(quiet: boolean): ProgressLine | undefined {
  if (process.stderr.isTTY !== true || quiet) return undefined;
  let last = '';
  return {
    show(p) {
      const line = renderProgress(p, process.stderr.columns);
      if (line === last) return;
      last = line;
      process.stderr.write(`\r${line}\x1b[K`);
    },
    clear() {
      if (last !== '') process.stderr.write('\r\x1b[K');
      last = '';
    },
  };
}
