// Reads a JSON report given on the command line (diff, the GitHub Action) and checks that it is one:
// every failure is a ReportInputError whose message names the file and what is wrong, for exit 2.
// Only what a diff relies on is checked (schemaVersion 1, findings and packages with the fields used);
// the full shape is src/report/report-schema.ts. Unknown fields are fine: the contract is "extend freely".
import { readFile } from 'node:fs/promises';
import type { Report } from '../model/report.js';

export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkFinding(f: unknown, i: number): string | null {
  if (!isObject(f)) return `findings[${i}] is not an object`;
  for (const k of ['ruleId', 'severity', 'frequency', 'package', 'file', 'operation'] as const) {
    if (typeof f[k] !== 'string') return `findings[${i}].${k} is not a string`;
  }
  if (typeof f.line !== 'number') return `findings[${i}].line is not a number`;
  if (!Array.isArray(f.callPath)) return `findings[${i}].callPath is not an array`;
  if (f.hook !== null && !isObject(f.hook)) return `findings[${i}].hook is neither null nor an object`;
  return null;
}

/** null when `value` is a version-1 report diff can read, else what is wrong with it. */
export function reportProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not an otel-audit report (the JSON is not an object)';
  if (!('schemaVersion' in value)) return 'not an otel-audit report (no schemaVersion; write one with `otel-audit scan --format json`)';
  if (value.schemaVersion !== 1) return `unsupported schemaVersion ${JSON.stringify(value.schemaVersion)} (this otel-audit reads 1)`;
  if (!isObject(value.tool) || value.tool.name !== 'otel-audit') return 'not an otel-audit report (tool.name is not "otel-audit")';
  if (!Array.isArray(value.packages)) return 'packages is not an array';
  if (!Array.isArray(value.findings)) return 'findings is not an array';
  for (const [i, p] of value.packages.entries()) {
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.version !== 'string') return `packages[${i}] has no name and version`;
  }
  for (const [i, f] of value.findings.entries()) {
    const problem = checkFinding(f, i);
    if (problem) return problem;
  }
  return null;
}

function describeFsError(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'not found';
  if (err.code === 'EISDIR') return 'is a folder, not a report file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  return err.message;
}

/** Parses and checks report JSON; `label` names it in errors (a file name, "base report"). */
export function parseReport(text: string, label: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ReportInputError(`${label}: not JSON (${(err as Error).message})`);
  }
  const problem = reportProblem(value);
  if (problem) throw new ReportInputError(`${label}: ${problem}`);
  const report = value as Report;
  // reports written before `roots` existed still diff: one root, the one given
  return Array.isArray(report.roots) ? report : { ...report, roots: [report.root] };
}

export async function loadReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ReportInputError(`${file}: ${describeFsError(err as NodeJS.ErrnoException)}`);
  }
  return parseReport(text, file);
}
