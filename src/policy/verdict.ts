// pass / warn / fail, and the counts behind it, written into the report's `policy` section for every
// view that leads with a verdict. It agrees with the exit code by construction: `fail` is exactly what
// exits 1 (findings counted by --fail-on, or a budget exceeded); `warn` is per-call findings the
// threshold lets through.
import { countBySeverity, isLivePerCall, type FailOn, type OverBudget, type PolicyOutcome, type Report, type Verdict } from '../model/report.js';
import { countsTowardsFailure } from './exit-code.js';

export type { Verdict };

export function judge(report: Report, failOn: FailOn, source: string | null, overBudget: OverBudget[], expiredSuppressions: PolicyOutcome['expiredSuppressions']): PolicyOutcome {
  const live = report.findings.filter(isLivePerCall);
  const failing = live.filter((f) => countsTowardsFailure(f, failOn));
  const warning = live.filter((f) => !countsTowardsFailure(f, failOn));
  const verdict: Verdict = failing.length > 0 || overBudget.length > 0 ? 'fail' : warning.length > 0 ? 'warn' : 'pass';
  return { source, failOn, verdict, failing: countBySeverity(failing), warning: countBySeverity(warning), overBudget, expiredSuppressions };
}
