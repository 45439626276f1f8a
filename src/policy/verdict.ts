// pass / warn / fail, and the counts behind it, written into the report's `policy` section for every
// view that leads with a verdict. It agrees with the exit code by construction: `fail` is exactly what
// exits 1 (findings counted by --fail-on, a budget exceeded, or — under a threshold — packages or files
// the check could not look at); `warn` is per-call findings the threshold lets through.
import { countBySeverity, isLivePerCall, isUncheckedError, type FailOn, type OverBudget, type PolicyOutcome, type Report, type Verdict } from '../model/report.js';
import { countsTowardsFailure } from './exit-code.js';

export type { Verdict };

/**
 * Errors of the kinds the check could not look at (skipped-package, unreadable-file) that fail a run
 * with a threshold: a package that makes a file unreadable, or too deep to parse, must not pass for clean.
 */
export function uncheckedCount(report: Report, failOn: FailOn, allowSkipped: boolean): number {
  if (failOn === 'none' || allowSkipped) return 0;
  return report.errors.filter(isUncheckedError).length;
}

export function judge(report: Report, failOn: FailOn, source: string | null, overBudget: OverBudget[], expiredSuppressions: PolicyOutcome['expiredSuppressions'], allowSkipped = false): PolicyOutcome {
  const live = report.findings.filter(isLivePerCall);
  const failing = live.filter((f) => countsTowardsFailure(f, failOn));
  const warning = live.filter((f) => !countsTowardsFailure(f, failOn));
  const unchecked = uncheckedCount(report, failOn, allowSkipped);
  const verdict: Verdict = failing.length > 0 || overBudget.length > 0 || unchecked > 0 ? 'fail' : warning.length > 0 ? 'warn' : 'pass';
  return { source, failOn, verdict, failing: countBySeverity(failing), warning: countBySeverity(warning), overBudget, expiredSuppressions, ...(unchecked > 0 ? { unchecked } : {}) };
}
