// Reads a JSON report written by otel-audit (diff, vet --against, the GitHub Action, library users) and
// checks it against the one schema of the report: the report is parsed once here, at the boundary, and
// typed from then on. Every failure is a ReportInputError whose message names the input and the first
// places that are wrong, for exit 2.
import { z } from 'zod/v4';
import { reportSchema, type Report } from './report.js';

export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

const MAX_ISSUES = 3;

/** `findings[3].line`, `summary`, … */
function where(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? String(seg) : `.${String(seg)}`;
  return out === '' ? 'the report' : out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** null when `value` is a version-1 report, else what is wrong with it (the first few problems). */
export function reportProblem(value: unknown): string | null {
  // the questions a user asks first get plain answers, before the schema's details
  if (!isObject(value)) return 'not an otel-audit report (the JSON is not an object)';
  if (!('schemaVersion' in value)) return 'not an otel-audit report (no schemaVersion; write one with `otel-audit scan --format json`)';
  if (value.schemaVersion !== 1) return `unsupported schemaVersion ${JSON.stringify(value.schemaVersion)} (this otel-audit reads 1)`;
  if (!isObject(value.tool) || value.tool.name !== 'otel-audit') return 'not an otel-audit report (tool.name is not "otel-audit")';
  const result = reportSchema.safeParse(value);
  if (result.success) return null;
  const issues = result.error.issues;
  const shown = issues.slice(0, MAX_ISSUES).map((i) => `${where(i.path)}: ${i.message}`);
  return shown.join('; ') + (issues.length > MAX_ISSUES ? ` (+${issues.length - MAX_ISSUES} more)` : '');
}

/** Parses and checks report JSON; `label` names it in errors (a file name, "base report"). */
export function parseReport(text: string, label: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ReportInputError(`${label}: not JSON (${(err as Error).message})`);
  }
  return toReport(value, label);
}

/** An already-parsed JSON value as a Report, or a ReportInputError naming `label`. */
export function toReport(value: unknown, label: string): Report {
  // reports written before `roots` existed still read: one root, the one given
  if (isObject(value) && !('roots' in value) && typeof value.root === 'string') value = { ...value, roots: [value.root] };
  const problem = reportProblem(value);
  if (problem) throw new ReportInputError(`${label}: ${problem}`);
  return reportSchema.parse(value);
}

/** Every way `value` departs from the schema (`findings[3].line: …`); empty when it is a valid report. */
export function reportSchemaErrors(value: unknown): string[] {
  const result = reportSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i: z.core.$ZodIssue) => `${where(i.path)}: ${i.message}`);
}
