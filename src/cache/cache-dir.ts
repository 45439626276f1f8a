// Where otel-audit keeps what it remembers between runs on this machine: the calibrated cost table,
// the bench's bare-span history and the result cache. The user cache folder by default
// (~/.cache/otel-audit-nodejs on Linux, ~/Library/Caches/otel-audit-nodejs on macOS, %LOCALAPPDATA%\otel-audit-nodejs\Cache
// on Windows), OTEL_AUDIT_CACHE_DIR when set; `--cache-dir` overrides both for the result cache.
import envPaths from 'env-paths';

/** Overrides the cache folder (tests, CI, several machines sharing a home directory). */
export const CACHE_DIR_ENV = 'OTEL_AUDIT_CACHE_DIR';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env[CACHE_DIR_ENV] || envPaths('otel-audit').cache;
}

/** The result cache's folders under the cache folder; a new entry format gets a new folder. */
export const SCAN_NAMESPACE = 'scan-v1';
export const BENCH_NAMESPACE = 'bench-v1';
export const RESULT_NAMESPACES = [SCAN_NAMESPACE, BENCH_NAMESPACE] as const;
/** 512 MiB for scan and bench entries together: a 750-package tree stores about 15 MB of scan entries */
export const DEFAULT_CACHE_MAX_BYTES = 512 * 1024 * 1024;
