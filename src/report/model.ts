// The Report model: plain, serialisable data shared by the analysis, the policy and every renderer.
// The JSON report is this object as it is (schemaVersion 1 is a public contract: extend, never break).

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * How often the flagged operation runs:
 * - per-call: reachable from a hook and not guarded to run once;
 * - once: on a hook path, but behind a lazy cache or first-call flag;
 * - init: module top level, constructors, init()/patch/unpatch, enable/disable, wrapper factories;
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
  | 'log-processor';

export interface SourceLocation {
  file: string;
  line: number;
}

export interface HookRef {
  id: string;
  kind: HookKind;
  target: string;
}

export interface HookInfo extends HookRef {
  file: string;
  line: number;
  /** false when the per-call function behind the hook could not be found statically */
  resolved: boolean;
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
  suppressed?: boolean;
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
  perCall: number;
  bySeverity: Record<Severity, number>;
  byFrequency: Record<Frequency, number>;
  errors: number;
  durationMs: number;
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
}
