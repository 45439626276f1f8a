// The library's front door: everything a program needs to audit instrumentation packages the way the
// CLI does (`audit`), or one step of it (`scan`, `bench`, `diffReports`, `render`), plus the model's
// types and schema. The CLI (src/cli.ts), vet and the GitHub Action are built on these same functions.
//
//   import { audit, renderReport } from 'otel-audit';
//   const { report, exitCode } = await audit(['node_modules/@opentelemetry'], { failOn: 'medium' });
//
// Everything exported here is public API (semver applies); the rest of dist/ is not.

// the whole pipeline, and the report's views
export { audit, UsageError, type AuditOptions, type AuditResult } from './api/audit.js';
export { FORMATS, loadRenderInputs, render, renderReport, type Format, type RenderInputs, type RenderOptions } from './api/render.js';

// one step at a time
export { scan } from './scan/scan.js';
export type { ScanOptions } from './scan/scan-options.js';
export { bench } from './bench/run/bench.js';
export type { BenchOptions } from './bench/protocol/bench-options.js';
export { joinBench } from './bench/run/join-bench.js';
export { diffReports, type DiffOptions } from './diff/diff-reports.js';
export type { ReportDiff } from './diff/diff-model.js';

// load-test a service: without and with instrumentation, the cost of each package per request
export { load, type LoadResult } from './load/load.js';
export type { LoadOptions, LoadProgress } from './load/load-options.js';
export { LoadInputError, LoadInterrupted } from './load/load-errors.js';

// the policy file
export { loadPolicy, parsePolicy, NO_POLICY, type LoadedPolicy } from './policy/config.js';
export type { PolicyConfig } from './policy/config-schema.js';
export { applyPolicy } from './policy/apply-policy.js';
export { exitCodeFor, EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, type ExitCode } from './policy/exit-code.js';

// the model: every type of the JSON report, its schema, and the one way to read a report from JSON
export * from './model/report.js';
export { parseReport, toReport, reportProblem, ReportInputError } from './model/parse-report.js';
export { fingerprint } from './model/fingerprint.js';
export type { ScanProgress, BenchProgress } from './model/progress.js';

// the rules
export { audits, auditById, loadAudits, RULE_IDS, type RuleId } from '../audits/index.js';
export type { Audit, AuditContext, Detection } from './analysis/audit.js';
export type { AuditMeta, RuleCounters, RuntimeCounter, RuleCalibration, CalibrationOperation, NotPossible } from './analysis/audit-meta.js';

export { TOOL_VERSION } from './util/version.js';
