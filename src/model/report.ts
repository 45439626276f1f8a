// The Report model: plain, serialisable data shared by the analysis, the policy and every renderer.
// The JSON report is this object as it is (schemaVersion 1 is a public contract: extend, never break).

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * How often the flagged operation runs:
 * - per-call: reachable from a hook and not guarded to run once;
 * - once: on a hook path, but behind a lazy cache or first-call flag;
 * - init: module top level, constructors, init()/patch/unpatch, enable/disable, wrapper factories, and
 *   code under a set-up hook (`hook.hookFrequency: 'set-up'`: it runs per set-up call of the target);
 * - unknown: reached neither from a hook nor from setup code in what was analysed (an exported helper
 *   nothing in the scanned code calls, or dead code).
 */
export const FREQUENCIES = ['per-call', 'once', 'init', 'unknown'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export type HookKind =
  | 'wrap'
  | 'diagnostics-channel'
  | 'span-processor'
  | 'sampler'
  | 'propagator'
  | 'exporter'
  | 'log-processor'
  /** bench only: a fidelity scenario (src/bench/scenarios/), a real target through the instrumentation */
  | 'scenario';

export interface SourceLocation {
  file: string;
  line: number;
}

/**
 * How often a hook itself runs: `per-call` for code on the request path (a wrapped query, a span
 * processor's onEnd), `set-up` for a wrapper of a set-up API of the target library (logger
 * `configure`, `createPool`, router `use` …): it runs when the application sets up, not per request.
 */
export const HOOK_FREQUENCIES = ['per-call', 'set-up'] as const;
export type HookFrequency = (typeof HOOK_FREQUENCIES)[number];

export interface HookRef {
  id: string;
  kind: HookKind;
  target: string;
  /** absent in reports written before it existed, and on bench entries */
  hookFrequency?: HookFrequency;
}

export interface HookInfo extends HookRef {
  file: string;
  line: number;
  /** false when the per-call function behind the hook could not be found statically */
  resolved: boolean;
  hookFrequency: HookFrequency;
  /** why the hook runs at set-up (the set-up method it wraps, and where that name comes from), or why per call */
  hookFrequencyReason: string;
}

export interface CallStep {
  /** function name as written (`Class.method`, `patchedQuery`, `<anonymous>` …) */
  function: string;
  file: string;
  /** line of the call that leads to the next step (for the last step: the operation itself) */
  line: number;
  original?: SourceLocation | null;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  frequency: Frequency;
  /** `name@version` of the package the code belongs to */
  package: string;
  /** index into Report.roots of the scanned path this finding's file is relative to */
  root: number;
  file: string;
  line: number;
  column: number;
  /** where the source map says this came from (src/*.ts), or null */
  original: SourceLocation | null;
  hook: HookRef | null;
  /** package (name@version) whose hook reaches this code, when it is not `package` itself */
  reachedFrom?: string;
  callPath: CallStep[];
  /** the expensive operation, e.g. `fs.readFileSync`, `require(<pkg>/package.json)` */
  operation: string;
  message: string;
  estimatedCostNs: number;
  /** only runs when a configuration or debug flag is set */
  conditional?: boolean;
  /** `error` when it only runs when throwing or in a catch block */
  path?: 'normal' | 'error';
  /**
   * Per-call findings only: why the branch holding it is taken to be one that correct callers never
   * take (a defensive check on a parameter, an exhaustive switch's default, an assertion helper). Such
   * findings stay in the report but do not count as per call (summary, --fail-on, verdicts, default views).
   */
  deadBranch?: string;
  suppressed?: boolean;
  /** the `reason` of the policy suppression that applies (set with `suppressed`) */
  suppressionReason?: string;
  /**
   * `scan --bench` only: the measured overhead per span of the bench case whose hook matches this
   * finding's hook (see README, "Benchmarks"); absent when no measured case matches.
   */
  measuredOverheadNsPerSpan?: number;
  /** `scan --bench` only: the finding's operation was counted at run time in that case (absent with no match) */
  confirmed?: boolean;
}

export interface PackageReport {
  name: string;
  version: string;
  /** index into Report.roots */
  root: number;
  /** package folder relative to its root, `/` separators */
  dir: string;
  /** analysed files, relative to the root */
  files: string[];
  /** how the analysed files were chosen */
  entry: 'entry-points' | 'all-files' | 'ts-sources';
  /** other folders holding the same name@version (nested node_modules copies): same code, analysed once */
  copies?: string[];
  hooks: HookInfo[];
}

export interface ReportError {
  package: string | null;
  /** index into Report.roots that `file` is relative to (absent for command-line path errors) */
  root?: number;
  file: string | null;
  message: string;
  /** machine-readable reason: package-json, parse, too-large, symlink-loop, permission, missing, internal … */
  kind: string;
}

export interface Summary {
  packages: number;
  /** files analysed in the scanned packages */
  files: number;
  /** every file read and parsed, dependencies included */
  parsedFiles: number;
  bytes: number;
  hooks: number;
  findings: number;
  /** per-call findings that count: frequency per-call and not in a dead branch */
  perCall: number;
  /** per-call findings in branches correct callers never take (`deadBranch`); absent when none */
  deadBranch?: number;
  bySeverity: Record<Severity, number>;
  byFrequency: Record<Frequency, number>;
  errors: number;
  durationMs: number;
  /** findings removed by the policy file's `ignore` entries (absent when no policy applied) */
  ignored?: number;
}

export const BENCH_STATUSES = ['measured', 'skipped', 'failed'] as const;
export type BenchStatus = (typeof BENCH_STATUSES)[number];

/**
 * One bench case: a hook of a package measured in a child process of its own (`otel-audit bench`), or
 * a package-level outcome (`hook: null`): nothing to measure, or a package that failed to load.
 * Times are nanoseconds per call of the hook, medians of benny's samples.
 */
export interface Benchmark {
  /** `name@version` */
  package: string;
  hook: HookRef | null;
  status: BenchStatus;
  /** why skipped or failed; for a measured case a remark (e.g. no span per call), else null */
  reason: string | null;
  /** spans started per call of the hook (the counting pass) */
  spansPerCall: number | null;
  /** the original alone (the stub the harness put in its place) */
  baselineNsPerCall: number | null;
  /** the hooked call, AlwaysOn sampler */
  instrumentedNsPerCall: number | null;
  /** the hooked call, AlwaysOff sampler (null for SDK component methods: unsampled spans never reach them) */
  unsampledNsPerCall: number | null;
  /** (instrumented − baseline) / spansPerCall; per call when no span is started (`reason` says so) */
  overheadNsPerSpan: number | null;
  /** benny's relative margin of error of the instrumented figure, % */
  marginPct: number | null;
  /** benny's samples of the instrumented figure */
  samples: number | null;
  /** operation → times it ran per call (the counting pass; never timed) */
  opsPerCall: Record<string, number>;
  /** operation → where it first ran (relative to the package's root, like findings' files) */
  opSites?: Record<string, SourceLocation>;
  /** the reference measured in the same process: `tracer.startSpan('s').end()` */
  bareSpanNs?: number | null;
  /** times the case was measured, when more than once: its first bare span was well above the run's (a slow spell of the machine), and these are the figures of the attempt with the lower bare span */
  attempts?: number;
  /** how the hook was called to completion: a value, a promise, a callback; `method` for SDK components */
  callStyle?: 'sync' | 'promise' | 'callback' | 'method';
  /** what `patch` ran on: `name@version`, and whether the installed module gave the mock its shape */
  patched?: { module: string; mock: 'installed-shape' | 'auto' };
  /** `bench --profile DIR`: the files written for this hook, relative to the working directory of the run */
  profile?: { cpuprofile: string; top: string; dot: string };
}

export interface BenchReference {
  /** median over the measured cases of the bare span measured beside each */
  bareSpanNs: number;
  /** this machine's usual bare span in earlier runs with the same settings (bare-span-history.ts), once known */
  usualBareSpanNs?: number;
  /** why the remembered bare spans could not be read or written, when they could not */
  historyProblem?: string;
}

export interface BenchSummary {
  /** benchmarks entries, by status */
  cases: number;
  measured: number;
  skipped: number;
  failed: number;
  /** measured / hooks found (entries with a hook), % */
  measuredPct: number;
  /** entries measured a second time after a slow spell (`attempts` > 1); absent in reports written before it existed */
  remeasured?: number;
  /** benny's time per measured call variant, ms */
  timeMs: number;
  /** child processes run side by side */
  concurrency: number;
  durationMs: number;
  /** true when the report also holds a scan (`scan --bench`) */
  withScan: boolean;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'otel-audit'; version: string };
  /** the first path as given (all of them are in `roots`) */
  root: string;
  roots: string[];
  costTable: string;
  packages: PackageReport[];
  /** files outside the scanned packages that calls were followed into (relative to roots[0]) */
  dependencyFiles: string[];
  findings: Finding[];
  errors: ReportError[];
  summary: Summary;
  /** `bench` and `scan --bench` only: the bare-span reference of the run (null when nothing was measured) */
  reference?: BenchReference | null;
  /** `bench` and `scan --bench` only */
  benchmarks?: Benchmark[];
  benchSummary?: BenchSummary;
}
