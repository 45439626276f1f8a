// The result cache as the library's options and results speak of it: where it is, and what a run
// served from it (never part of a report: a report is the same whether it came from the cache or not).

/** Where the result cache is and how large it may grow; shared by scan and bench. */
export interface ResultCacheOptions {
  /** the cache folder (`--cache-dir`; default of the CLI: the user cache folder, see cache-dir.ts) */
  dir: string;
  /** least recently used entries are deleted beyond this many bytes (default 512 MiB) */
  maxBytes?: number;
  /** stands in for the tool's fingerprint in keys: lets tests play a new version of the tool */
  tool?: string;
  /**
   * stands in for the clock that says which files are older than the run (src/cache/stat-index.ts):
   * lets tests play files written long before it
   */
  clock?: () => number;
}

/** What a scan's cache did. */
export interface CacheStats {
  /** where the entries are */
  dir: string;
  /** packages served from the cache / analysed in this run */
  hits: number;
  misses: number;
  /** entries that could not be read (ignored, deleted, written again) */
  corrupt: number;
  /** entries deleted to stay under the size cap */
  evicted: number;
  /** why entries could not be written, when they could not (the run is not affected) */
  writeError?: string;
}

/** What a bench's cache did. */
export interface BenchCacheStats extends CacheStats {
  /** packages whose case list came from the cache (no child started to list them) / listed in this run */
  listHits: number;
  listMisses: number;
}
