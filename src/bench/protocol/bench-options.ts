// Options of the library entry point `bench()` (src/bench/run/bench.ts).
import type { BenchProgress } from '../../model/progress.js';
import type { Report } from '../../model/report.js';
import type { BenchCacheStats, ResultCacheOptions } from '../../cache/cache-options.js';

export type { BenchProgress };

export interface BenchOptions {
  /** benny's time for each timed variant of a case (plain, AlwaysOn, AlwaysOff, bare span), ms */
  timeMs?: number;
  /** only cases whose `<package>:<target>` matches this glob (see glob.ts) */
  hooks?: string;
  /** child processes side by side (default: os.availableParallelism()) */
  concurrency?: number;
  /** a case child that takes longer is killed and its case marked failed (default from timeMs) */
  caseTimeoutMs?: number;
  /** calls in the counting pass (default 20) */
  countCalls?: number;
  /** how long a probe call may take before its call style is given up, ms (default 300) */
  probeTimeoutMs?: number;
  /** `--profile DIR`: after measuring, each case child writes a CPU profile of its hook there (profile.ts) */
  profileDir?: string;
  /**
   * Where this machine's usual bare span is remembered (bare-span-history.ts; default: the user cache
   * folder). null: neither read nor written, the run judges slow spells by its own figures alone.
   */
  history?: string | null;
  /**
   * The scan of the same paths (`scan --bench` has it): its hooks are what the bench accounts for and
   * drives to their span start, its findings the positions the coverage counts. Scanned by the bench
   * itself when not given.
   */
  scanned?: Report;
  /** block coverage of every measured hook in a child of its own after the timing (default true; `--no-coverage`) */
  coverage?: boolean;
  /**
   * The result cache (src/bench/run/bench-cache.ts): an unchanged package's cases are neither listed
   * nor measured again; their entries say `cached: true`. Not used with `profileDir`. Block coverage
   * is not cached: it counts the scan's positions, collected again for cached entries too.
   * Default: none.
   */
  cache?: ResultCacheOptions;
  /** with `cache`: told what the cache served once the bench is done */
  onCacheStats?: (stats: BenchCacheStats) => void;
  /**
   * `--unsafe-run`: children run the package's code with everything the user has (environment, files,
   * network, processes) instead of in the sandbox (src/sandbox). For a trusted local package only.
   */
  unsafeRun?: boolean;
  onProgress?: (p: BenchProgress) => void;
  /** clock for durations; injectable for tests */
  now?: () => number;
}

/**
 * 100 ms per variant (Benchmark.js overshoots its budget about twice): with start-up, warm-up and the
 * counting pass about 2 s a case, so the embedded default (~380 cases) takes about 5 minutes on 2 cores.
 */
export const DEFAULT_TIME_MS = 100;
export const DEFAULT_COUNT_CALLS = 20;
export const DEFAULT_PROBE_TIMEOUT_MS = 300;
export const LIST_TIMEOUT_MS = 60_000;
/** how long `--profile` calls a hook under the profiler */
export const PROFILE_MS = 1_000;

export { SLOW_SPELL_FACTOR } from '../../model/benchmark.js';

/**
 * A scenario's variants are timed for at least this long: a real request costs 50–150 µs and varies
 * far more than a hook (sockets, parsers, promise chains, their garbage), and at the default 100 ms
 * its fastest of 5 rounds read 2–3× what 25 rounds give. There are few scenarios, so it costs seconds.
 */
export const SCENARIO_MIN_TIME_MS = 500;
/** Each side of a scenario warms up this long before it is timed (measure-scenario.ts). */
export const SCENARIO_WARM_UP_MS = 1_000;

/** Start-up, probes and the counting pass, plus four timed variants with their warm-up and overshoot. */
export function defaultCaseTimeoutMs(timeMs: number): number {
  return 10_000 + 12 * timeMs;
}
