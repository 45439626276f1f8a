// A report of nothing scanned: the frame of reports that hold something else (a pull request's base
// without the scanned folder, a `load` run without its scan).
import type { Report } from './report.js';
import { TOOL_VERSION } from '../util/version.js';

export function emptyReport(root: string, roots: string[] = [root]): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'otel-audit', version: TOOL_VERSION },
    root,
    roots,
    costTable: 'none (nothing scanned)',
    packages: [],
    dependencyFiles: [],
    findings: [],
    errors: [],
    summary: {
      packages: 0,
      files: 0,
      parsedFiles: 0,
      bytes: 0,
      hooks: 0,
      findings: 0,
      perCall: 0,
      bySeverity: { high: 0, medium: 0, low: 0, info: 0 },
      byFrequency: { 'per-call': 0, once: 0, init: 0, unknown: 0 },
      errors: 0,
      durationMs: 0,
    },
  };
}
