// What `otel-audit vet` produces: plain, serialisable data (the JSON output is this object).
import type { ReportDiff } from '../diff/diff-model.js';
import type { FailOn } from '../policy/exit-code.js';
import type { Finding, Report } from '../model/report.js';
import type { DependencyInstall } from './install-dependencies.js';
import type { BenchOutcome } from './run-bench.js';
import type { UnpackMethod } from './unpack.js';

export const VERDICTS = ['pass', 'warn', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type ReasonCode = 'finding' | 'budget' | 'budget-unchecked' | 'scan-error' | 'policy' | 'dependencies' | 'no-hooks' | 'regression' | 'new-finding';

export interface Reason {
  level: 'fail' | 'warn';
  code: ReasonCode;
  message: string;
  /** the finding behind a `finding` reason */
  finding?: Finding;
}

export interface VetPolicy {
  failOn: FailOn;
  /** the policy file applied, or null */
  source?: string | null;
  /** maximum measured overhead per span, ns (--budget-ns); null: no budget */
  budgetNs: number | null;
  /**
   * the policy file's maxOverheadNsPerSpan for the vetted package (its `packages` entry, else the
   * overall one), checked by the policy itself; absent when the policy sets none
   */
  policyBudgetNs?: number;
}

export interface VetResult {
  schemaVersion: 1;
  kind: 'otel-audit-vet';
  /** as given on the command line */
  spec: string;
  package: { name: string; version: string };
  source: string;
  unpackedWith: UnpackMethod;
  dependencies: DependencyInstall;
  bench: Pick<BenchOutcome, 'status' | 'detail'>;
  policy: VetPolicy;
  verdict: Verdict;
  /** fail reasons first, then warnings; empty for a pass */
  reasons: Reason[];
  /** the scan (with `benchmarks`/`reference` when measured); paths relative to `name@version` */
  report: Report;
  /** `--against`: the other version, vetted the same way, and the diff from it to this one */
  against?: { spec: string; package: { name: string; version: string }; verdict: Verdict; diff: ReportDiff };
}
