// One updating line on stderr, for a TTY only (never pollutes pipes or CI logs): every command's
// progress goes through here, drawn by a pure renderer of src/report/render-progress.ts.
export interface ProgressLine<P> {
  update: (p: P) => void;
  clear: () => void;
}

/** A progress line drawing events with `draw`, or undefined when stderr is not a TTY or `quiet`. */
export function progressLine<P>(draw: (p: P, columns: number | undefined) => string, quiet = false): ProgressLine<P> | undefined {
  if (process.stderr.isTTY !== true || quiet) return undefined;
  let last = '';
  return {
    update(p) {
      const line = draw(p, process.stderr.columns);
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
