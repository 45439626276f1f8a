// The exit code of `diff` (and of the GitHub Action): 1 when the change makes things worse — a NEW
// per-call finding at or above --fail-on, or a benchmark regression beyond noise — else 0. Findings
// that were already there do not fail a pull request: it did not cause them.
import { countsTowardsFailure, EXIT_FINDINGS, EXIT_OK, type FailOn } from '../policy/exit-code.js';
import type { ReportDiff } from './diff-model.js';

export const DEFAULT_DIFF_FAIL_ON: FailOn = 'high';

/** The new findings that fail the diff, in report order. */
export function failingNewFindings(diff: ReportDiff, failOn: FailOn): ReportDiff['findings']['new'] {
  return diff.findings.new.filter((c) => countsTowardsFailure(c.finding, failOn));
}

export function diffExitCode(diff: ReportDiff, failOn: FailOn): typeof EXIT_OK | typeof EXIT_FINDINGS {
  if (failingNewFindings(diff, failOn).length > 0) return EXIT_FINDINGS;
  return diff.summary.regressions > 0 ? EXIT_FINDINGS : EXIT_OK;
}
