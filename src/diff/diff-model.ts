// What `otel-audit diff` computes: plain, serialisable data (the JSON output is this object), built by
// diffReports() and drawn by the pure renderers beside it.
import type { Finding, HookRef } from '../model/report.js';

export interface FindingChange {
  fingerprint: string;
  finding: Finding;
}

export interface UnchangedFinding {
  fingerprint: string;
  base: Finding;
  head: Finding;
  /** same finding at another file or line (a line shift, a rebuilt bundle) */
  moved: boolean;
}

/**
 * regression / improvement: the change exceeds both the relative threshold and the combined noise;
 * unchanged: within the threshold; noise: beyond the threshold but within the measurements' margins;
 * added / removed: the hook exists on one side only; not-comparable: not measured on one side.
 */
export const BENCHMARK_VERDICTS = ['regression', 'improvement', 'noise', 'unchanged', 'added', 'removed', 'not-comparable'] as const;
export type BenchmarkVerdict = (typeof BENCHMARK_VERDICTS)[number];

export interface BenchmarkChange {
  /** package name, without version (versions are what a bump changes) */
  package: string;
  hook: HookRef;
  verdict: BenchmarkVerdict;
  /** overhead per span, ns */
  baseNs: number | null;
  headNs: number | null;
  changeNs: number | null;
  /** change relative to the base overhead, % */
  changePct: number | null;
  /** the combined margins of both measurements, as % of the base overhead */
  noisePct: number | null;
  /** why not comparable (a status and its reason) */
  reason?: string;
}

export interface PackageVersionChange {
  name: string;
  base: string | null;
  head: string | null;
}

export interface ReportSide {
  root: string;
  /** every scanned path of that report: findings' `root` indexes into it */
  roots: string[];
  toolVersion: string;
  packages: number;
}

export interface DiffSummary {
  new: number;
  fixed: number;
  unchanged: number;
  moved: number;
  newPerCall: number;
  fixedPerCall: number;
  regressions: number;
  improvements: number;
}

export interface ReportDiff {
  schemaVersion: 1;
  kind: 'otel-audit-diff';
  base: ReportSide;
  head: ReportSide;
  thresholdPct: number;
  /** packages added, removed or bumped between the reports */
  packages: PackageVersionChange[];
  findings: { new: FindingChange[]; fixed: FindingChange[]; unchanged: UnchangedFinding[] };
  /** null when either report carries no benchmarks (a scan without --bench) */
  benchmarks: BenchmarkChange[] | null;
  summary: DiffSummary;
}
