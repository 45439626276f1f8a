// Options and progress events of the library entry point `load()` (load.ts).

export interface LoadOptions {
  /** the app's entry file (relative to cwd or absolute); or a demo */
  app?: string;
  demo?: string;
  /** the request path (default `/`, or the demo's) */
  path?: string;
  connections?: number;
  /** seconds of load per variant over all rounds */
  durationS?: number;
  /** default: 4 per second of durationS (quarter-second turns), at most 100 */
  rounds?: number;
  /** seconds of load per variant before the rounds, not measured */
  warmupS?: number;
  maxRequestsPerRound?: number;
  /** requests of the counting pass per variant; 0 turns counting off */
  countRequests?: number;
  /** V8's sampling interval while profiling, µs; null turns profiling off */
  samplingIntervalUs?: number | null;
  /** write each variant's .cpuprofile, .top.txt and .dot into this folder */
  profileDir?: string;
  /** the `with` variant: the user's preload module (`[--require|--import] <module>`) … */
  instrument?: string;
  /** … or otel-audit's SDK preload with these instrumentation packages (default: the app's package.json's) */
  instrumentations?: string[];
  /** an `against` variant: another preload … */
  against?: string;
  /** … or otel-audit's SDK preload with these packages */
  againstInstrumentations?: string[];
  /** the environment variable the app reads its port from (default PORT) */
  portEnv?: string;
  /** more environment for the app (the rest of otel-audit's environment is not passed on) */
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /** scan the packages the instrumentation brought in and join the counted operations to the findings (default true) */
  scan?: boolean;
  /** a variant with more failed requests than this, %, fails the run (default 1) */
  maxErrorRatePct?: number;
  /** a variant that loses more throughput than this against its reference, %, beyond noise, fails the run */
  budgetPct?: number | null;
  cwd?: string;
  /** `--unsafe-run`: the app runs with the user's environment, files and network, no sandbox */
  unsafeRun?: boolean;
  /** abort (Ctrl-C): every child is stopped and load() rejects with LoadInterrupted */
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
}

export interface LoadProgress {
  phase: 'start' | 'warm-up' | 'rounds' | 'profile' | 'count' | 'scan';
  done: number;
  total: number;
  /** `round 2 · with` */
  current?: string;
  remainingMs?: number;
}

export const LOAD_DEFAULTS = {
  path: '/',
  connections: 10,
  durationS: 10,
  /**
   * rounds per second of --duration (quarter-second turns, at most MAX_ROUNDS): the more often the
   * variants trade places, the less a burst of another process on the machine lands on one of them, and
   * the more rounds the interval of a median difference is read from
   */
  roundsPerSecond: 4,
  maxRounds: 100,
  warmupS: 2,
  maxRequestsPerRound: 200_000,
  countRequests: 200,
  /** V8's own default: low enough not to slow the app noticeably, while every round is profiled */
  samplingIntervalUs: 1000,
  portEnv: 'PORT',
  startTimeoutMs: 30_000,
  maxErrorRatePct: 1,
} as const;
