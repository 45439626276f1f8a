// Which findings count as per call: one predicate for the summary, --fail-on, verdicts and the default
// views, so that they never disagree. A finding in a branch correct callers never take (`deadBranch`)
// keeps frequency `per-call` in the JSON, with its reason, but does not count.
import type { Finding } from './report.js';

export function countsAsPerCall(f: Pick<Finding, 'frequency' | 'deadBranch'>): boolean {
  return f.frequency === 'per-call' && f.deadBranch === undefined;
}
