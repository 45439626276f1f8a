// pass / warn / fail for the views that lead with a verdict (the Markdown PR comment). It agrees with
// the exit code by construction: `fail` is exactly what exits 1 (findings counted by --fail-on, or a
// budget exceeded); `warn` is per-call findings the threshold lets through.
import type { Finding, Report, ReportError } from '../model/report.js';
import { countsTowardsFailure, type FailOn } from './exit-code.js';
import { isOverBudget } from './policy-errors.js';
import { countsAsPerCall } from '../model/per-call.js';

export type Verdict = 'pass' | 'warn' | 'fail';

export interface VerdictResult {
  verdict: Verdict;
  /** per-call, unsuppressed, at or above failOn */
  failing: Finding[];
  /** per-call, unsuppressed, below failOn */
  warning: Finding[];
  overBudget: ReportError[];
}

export function verdictFor(report: Report, failOn: FailOn): VerdictResult {
  const live = report.findings.filter((f) => countsAsPerCall(f) && f.suppressed !== true);
  const failing = live.filter((f) => countsTowardsFailure(f, failOn));
  const warning = live.filter((f) => !countsTowardsFailure(f, failOn));
  const overBudget = report.errors.filter(isOverBudget);
  const verdict: Verdict = failing.length > 0 || overBudget.length > 0 ? 'fail' : warning.length > 0 ? 'warn' : 'pass';
  return { verdict, failing, warning, overBudget };
}
