// The report errors the policy adds. They go into `errors` rather than a new field because that is
// where every consumer already looks for "something needs your attention" (terminal, JSON, Markdown);
// their kinds tell them apart from what the scan skipped.
import type { ReportError } from '../model/report.js';

/** a package's measured overhead per span is above its budget: fails the run like a finding */
export const OVER_BUDGET = 'over-budget';
/** a suppression whose `until` date has passed: it no longer applies, and says so */
export const EXPIRED_SUPPRESSION = 'expired-suppression';

export function isOverBudget(e: ReportError): boolean {
  return e.kind === OVER_BUDGET;
}
