// Options of the library entry point `scan()` (src/scan/scan.ts).
import type { ScanProgress } from '../model/progress.js';
import type { CacheStats, ResultCacheOptions } from '../cache/cache-options.js';

export type { ScanProgress };

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
  /**
   * source bytes of syntax trees an analyser keeps between packages (default 4 MiB, see
   * src/scan/package-analyser.ts): lower holds less memory and parses shared files again more often.
   * Never changes the report.
   */
  heldSourceBytes?: number;
  onProgress?: (p: ScanProgress) => void;
  /**
   * worker threads for the analysis (default 1: all in this thread; more are capped by the cores and
   * at one per 8 packages). The report is the same whatever the number; see src/scan/scan.ts for when
   * threads pay.
   */
  workers?: number;
  /**
   * The result cache (src/scan/scan-cache.ts): packages whose inputs are unchanged since a run that
   * stored them are not analysed again, and the report is the same. Default: none.
   */
  cache?: ResultCacheOptions;
  /** with `cache`: told what the cache served once the scan is done (never part of the report) */
  onCacheStats?: (stats: CacheStats) => void;
  /**
   * packages each worker must have for it to be started (default 8, below which threads never pay);
   * tests lower it to run workers on a handful of fixture packages
   */
  minPackagesPerWorker?: number;
  /** clock for `summary.durationMs`; injectable so snapshot tests stay deterministic */
  now?: () => number;
}

export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * A diagnostics_channel on which the scan publishes `{ index, threadId }` for each package a worker
 * thread analysed: how tests (or a curious user) see which thread did the work. Nothing is built or
 * sent while nobody subscribes.
 */
export const WORKER_RESULT_CHANNEL = 'otel-audit:scan:worker-result';

export interface WorkerResultMessage {
  /** the package's index in the plan */
  index: number;
  /** the worker's threadId (never the main thread's 0) */
  threadId: number;
}
