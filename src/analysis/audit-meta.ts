// What a rule declares besides its detector: the words (title, rationale, fix), the cost, what the
// bench counts for it at run time and what `otel-audit calibrate` times for it. Kept apart from the
// detector on purpose: this module and every audits/<id>.meta.ts load without the compiler, so the
// CLI's --rules check, the policy schema, the bench child's op counters and calibrate read the
// registry for ~nothing (ESLint's lazy rule map, for the same reason). Type imports only.
import type { Severity } from '../model/report.js';

/**
 * One run-time counter: how the bench child intercepts an operation, and the counter names it
 * records (the keys of a benchmark's `opsPerCall`). The mechanisms are src/bench/counters/op-counters.ts;
 * which targets they apply to is the rules' data. Targets declared by several rules are wrapped once.
 */
export type RuntimeCounter =
  /** function exports of a builtin module, counted as `<module>.<name>`: those in `names`, those ending in `suffix`, or all */
  | { readonly kind: 'exports'; readonly module: string; readonly names?: readonly string[]; readonly suffix?: string }
  /** a function on a global object, counted as `<global>.<name>` (`JSON.parse`, `process.cwd`) */
  | { readonly kind: 'global-function'; readonly global: string; readonly name: string }
  /** global constructors, counted as `new <name>` whether called with `new` or not */
  | { readonly kind: 'constructors'; readonly globals: readonly string[] }
  /** `Module.prototype.require`, which every CommonJS require goes through: `require` */
  | { readonly kind: 'require' }
  /** `Module._resolveFilename`: `require.resolve` when a require.resolve called it, else `Module._resolveFilename` */
  | { readonly kind: 'resolve' }
  /** `process.env` swapped for a Proxy: a property read is `process.env`, an enumeration `process.env copy` */
  | { readonly kind: 'process.env' }
  /** `Error.prepareStackTrace`, which V8 calls once per formatted stack: `Error.stack` */
  | { readonly kind: 'stack-format' };

/** Why an operation (or a whole rule) cannot be counted or timed: said once, where the rule is. */
export interface NotPossible {
  readonly none: string;
}

export interface RuleCounters {
  /** what the bench child counts for this rule */
  readonly count: readonly RuntimeCounter[];
  /**
   * Which counter names confirm that a static operation (a finding's `operation`) ran. A key ending
   * in `*` matches every operation with that prefix, and a `*` in its counter names stands for the
   * rest of the operation (`'fs.*': ['fs.*']`). An operation the table does not list is never
   * confirmed, so a rule lists every operation its detector returns.
   */
  readonly confirm: Readonly<Record<string, readonly string[] | NotPossible>>;
}

/** What calibrate's operations get to work with: a throwaway installed-package tree. */
export interface CalibrationFixture {
  /** a realistic package.json of about 1.5 kB */
  readonly manifest: string;
  /** `require` of a file deep inside node_modules/@scope/instrumentation/build/src */
  readonly require: NodeJS.Require;
  /** loads a package from otel-audit's install or the current folder; a string says why it could not */
  load(name: string): unknown;
}

export interface CalibrationOperation {
  /** stable id, unique over the registry (`fs-read-file-sync`): the cost table's key */
  readonly id: string;
  /** what is timed, as the table prints it */
  readonly label: string;
  /** each call takes a millisecond or more: few samples */
  readonly slow?: boolean;
  /** the function to time (its result is kept, so V8 cannot drop the work), or why it cannot run here */
  prepare(fx: CalibrationFixture): (() => unknown) | string;
}

export interface RuleCalibration {
  /** the form the rule's built-in figure describes: its measured ns replaces `estimatedCostNs` */
  readonly operation: CalibrationOperation;
  /** other forms of the rule worth a line in the table (stat probes beside reads, os.cpus() beside os.hostname()) */
  readonly also?: readonly CalibrationOperation[];
}

export interface AuditMeta {
  /** rule id, part of the public JSON contract */
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** why it is expensive, in a sentence or two */
  readonly rationale: string;
  /** what to do instead */
  readonly fix: string;
  /** measured cost of one occurrence on the reference machine (DESIGN.md table), ns */
  readonly estimatedCostNs: number;
  readonly counters: RuleCounters | NotPossible;
  readonly calibration: RuleCalibration | NotPossible;
}

/** Declares a rule's metadata; typed, so a missing counter or calibration is a compile error. The id stays a literal type (the registry's RuleId). */
export function defineAuditMeta<const Id extends string>(meta: AuditMeta & { readonly id: Id }): AuditMeta & { readonly id: Id } {
  return meta;
}

export const isNotPossible = (x: object): x is NotPossible => 'none' in x;
