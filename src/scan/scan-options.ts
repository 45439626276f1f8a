// Options and progress events of the library entry point `scan()` (src/scan/scan.ts).

export interface ScanProgress {
  phase: 'discover' | 'analyse';
  done: number;
  total: number;
  /** package being analysed (name@version) */
  current?: string;
}

export interface ScanOptions {
  /** only these rule ids (default: every audit in the registry) */
  rules?: readonly string[];
  /** files larger than this are skipped and reported in `errors` (default 4 MiB) */
  maxFileBytes?: number;
  /**
   * method names whose wrappers run at set-up, not per request, beside the built-in ones
   * (src/analysis/set-up-methods.ts); the policy file's `setUpMethods`
   */
  setUpMethods?: readonly string[];
  /** follow calls into dependencies outside the scanned packages (default true) */
  crossPackage?: boolean;
  onProgress?: (p: ScanProgress) => void;
  /**
   * worker threads for the analysis (default 1: all in this thread; more are capped by the cores and
   * at one per 8 packages). The report is the same whatever the number; see src/scan/scan.ts for when
   * threads pay.
   */
  workers?: number;
  /** clock for `summary.durationMs`; injectable so snapshot tests stay deterministic */
  now?: () => number;
}

export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;
