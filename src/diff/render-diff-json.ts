// The diff as JSON: the ReportDiff object as built (its key order is fixed by diffReports), 2-space
// indentation and a trailing newline, like the scan report.
import type { ReportDiff } from './diff-model.js';

export function renderDiffJson(diff: ReportDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
