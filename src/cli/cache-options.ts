// --cache-dir and --no-cache, shared by scan, bench and vet: where the result cache is, or none.
import type { Argv } from 'yargs';
import type { AuditOptions } from '../api/audit.js';
import type { BenchCacheStats, CacheStats } from '../cache/cache-options.js';

export interface CacheArgs {
  /** false with --no-cache */
  cache: boolean;
  cacheDir: string | undefined;
}

export function cacheOptions<T>(y: Argv<T>) {
  return y
    .option('cache', {
      type: 'boolean',
      default: true,
      describe: 'reuse results of unchanged packages from earlier runs, and store new ones (--no-cache: analyse and measure everything, store nothing)',
    })
    .option('cache-dir', { type: 'string', requiresArg: true, describe: 'the result cache folder (default: the user cache folder, or OTEL_AUDIT_CACHE_DIR)' });
}

/** The library's cache option: off, a folder, or the default folder. */
export function cacheSetting(a: CacheArgs): AuditOptions['cache'] {
  if (!a.cache) return false;
  return a.cacheDir !== undefined ? { dir: a.cacheDir } : {};
}

/** One line for a terminal: what the cache served. Not written to pipes or files (CI logs stay stable). */
export function cacheLine(stats: { scan?: CacheStats; bench?: BenchCacheStats } | undefined): string | undefined {
  if (stats === undefined) return undefined;
  const parts: string[] = [];
  if (stats.scan) parts.push(`${stats.scan.hits} of ${stats.scan.hits + stats.scan.misses} packages`);
  if (stats.bench) parts.push(`${stats.bench.hits} of ${stats.bench.hits + stats.bench.misses} bench cases`);
  const problem = stats.scan?.writeError ?? stats.bench?.writeError;
  const dir = stats.scan?.dir ?? stats.bench?.dir;
  return parts.length === 0 ? undefined : `otel-audit: ${parts.join(', ')} from the cache (${dir})${problem !== undefined ? `; could not store new results: ${problem}` : ''}`;
}
