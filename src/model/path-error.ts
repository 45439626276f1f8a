// Errors about a path given on the command line (as opposed to something skipped inside a scan). They
// have their own kinds so the exit-code policy can tell "you asked for X and X is not there" (exit 2)
// from "package Y had a broken package.json" (listed, exit unaffected).
import type { Report } from './report.js';
import { PATH_ERROR_KINDS, type PathErrorKind, type ReportError } from './report-error.js';

export function isPathError(e: ReportError): boolean {
  return e.package === null && (PATH_ERROR_KINDS as readonly string[]).includes(e.kind);
}

export function pathError(kind: PathErrorKind, path: string, message: string): ReportError {
  return { package: null, file: path, message, kind };
}

/** The report with path errors put first (they concern the whole run), summary.errors kept in step. */
export function withPathErrors(report: Report, errors: readonly ReportError[]): Report {
  if (errors.length === 0) return report;
  return {
    ...report,
    errors: [...errors, ...report.errors],
    summary: { ...report.summary, errors: report.summary.errors + errors.length },
  };
}
