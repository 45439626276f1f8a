// The exit-code decision, in one pure function so the CLI, CI wrappers and tests agree on it.
// 0 = nothing at or above the threshold, 1 = findings at or above it, 2 = the run itself is not to be
// trusted (a given path was missing or unreadable). 1 and 2 never share a meaning: a CI job must be
// able to tell "your dependency is slow" from "the audit did not look at what you asked".
import { FAIL_ON, SEVERITIES, isLivePerCall, type FailOn, type Finding, type Report, type Severity } from '../model/report.js';
import { isPathError } from '../model/path-error.js';

export { FAIL_ON, type FailOn };

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
export type ExitCode = typeof EXIT_OK | typeof EXIT_FINDINGS | typeof EXIT_ERROR;

// SEVERITIES is ordered from most to least severe; a lower index is more severe.
const rank = (s: Severity): number => SEVERITIES.indexOf(s);

/** true when `severity` is `threshold` or more severe (high > medium > low > info) */
export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return rank(severity) <= rank(threshold);
}

/** Only per-call, unsuppressed findings can fail a build: once/init/unknown code is not the hot path. */
export function countsTowardsFailure(f: Finding, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return isLivePerCall(f) && severityAtLeast(f.severity, failOn);
}

export function exitCodeFor(report: Report, failOn: FailOn): ExitCode {
  // A missing path wins over findings: the report is incomplete, so "clean" or "dirty" would both lie.
  if (report.errors.some(isPathError)) return EXIT_ERROR;
  // A budget from the policy file is a threshold of its own: exceeded, it fails like a finding.
  if ((report.policy?.overBudget.length ?? 0) > 0) return EXIT_FINDINGS;
  // what the check could not look at (judged by the policy step, which knows --allow-skipped)
  if ((report.policy?.unchecked ?? 0) > 0) return EXIT_FINDINGS;
  return report.findings.some((f) => countsTowardsFailure(f, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}
