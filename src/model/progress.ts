// Progress events of the long-running library calls (scan, bench), for whoever draws a progress line.
// Plain data: the library emits them, a pure renderer (src/report/render-progress.ts) draws them.

export interface ScanProgress {
  phase: 'discover' | 'analyse';
  done: number;
  total: number;
  /** package being analysed (name@version) */
  current?: string;
}

export interface BenchProgress {
  phase: 'list' | 'measure' | 'measure again' | 'cover';
  done: number;
  total: number;
  /** the package being listed, or `<package> <target>` of the case that just finished */
  current?: string;
  /** estimated time left, from the cases done so far */
  remainingMs?: number;
}
