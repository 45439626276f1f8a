// The `diff` command, beside cli.ts so that file stays a list of commands: its options and a run
// function that returns the exit code. The work is in src/diff/ (pure) and its renderers.
import type { Argv } from 'yargs';
import { DEFAULT_THRESHOLD_PCT } from '../diff/compare-benchmarks.js';
import { DEFAULT_DIFF_FAIL_ON, diffExitCode } from '../diff/diff-exit-code.js';
import { diffReports } from '../diff/diff-reports.js';
import { loadReport, ReportInputError } from '../diff/load-report.js';
import { writeOutput } from './write-output.js';
import { DIFF_FORMATS, loadDiffRenderInputs, renderDiff, type DiffFormat } from '../diff/render-diff.js';
import { EXIT_ERROR, FAIL_ON, type FailOn } from '../policy/exit-code.js';
import { renderColor } from '../report/render-color.js';

export interface DiffArgs {
  base: string;
  head: string;
  format: DiffFormat;
  output: string | undefined;
  thresholdPct: number;
  failOn: FailOn;
  color: boolean;
  quiet: boolean;
}

export function diffOptions<T>(y: Argv<T>) {
  return (
    y
      .positional('base', { type: 'string', demandOption: true, describe: 'JSON report before the change (otel-audit scan --format json)' })
      .positional('head', { type: 'string', demandOption: true, describe: 'JSON report after the change' })
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- yargs types an option by its default: without the assertion the option's type is the literal 'terminal'
      .option('format', { choices: DIFF_FORMATS, default: 'terminal' as DiffFormat, describe: 'output format (markdown: a pull-request comment; html: a self-contained page, use --output)' })
      .option('output', { type: 'string', requiresArg: true, describe: 'write the diff to FILE instead of stdout' })
      .option('threshold-pct', { type: 'number', default: DEFAULT_THRESHOLD_PCT, requiresArg: true, describe: 'relative change of overhead per span that may count as a regression, %' })
      .option('fail-on', { choices: FAIL_ON, default: DEFAULT_DIFF_FAIL_ON, describe: 'exit 1 when a NEW per-call finding is at or above this severity' })
      .option('color', { type: 'boolean', default: true, describe: 'colour terminal output on a TTY (--no-color: never)' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no "wrote …" note on stderr' })
      .check((a) => {
        const t = Number(a.thresholdPct);
        if (!Number.isFinite(t) || t < 0) throw new Error('--threshold-pct takes a number ≥ 0');
        return true;
      })
      .epilog(
        [
          'Findings are matched by a fingerprint that survives line shifts and version bumps (rule, package name, hook, call-path functions, operation).',
          "A benchmark change is a regression only when it exceeds both --threshold-pct and the two measurements' combined margins.",
          '',
          'Exit codes:',
          '  0  no new per-call finding at or above --fail-on, no overhead regression',
          '  1  a new per-call finding at or above --fail-on, or an overhead regression',
          '  2  usage error, a report missing, unreadable or not an otel-audit report (schemaVersion 1)',
        ].join('\n'),
      )
  );
}

/** Fix advice per rule, for Markdown only: the registry's metadata, loaded when needed. */
export async function auditFixes(): Promise<Record<string, string>> {
  const { audits } = await import('../../audits/index.js');
  return Object.fromEntries(audits.map((a) => [a.id, a.fix]));
}

export async function runDiff(a: DiffArgs): Promise<number> {
  let reports;
  try {
    reports = await Promise.all([loadReport(a.base), loadReport(a.head)]);
  } catch (err) {
    if (!(err instanceof ReportInputError)) throw err;
    process.stderr.write(`otel-audit: ${err.message}\n`);
    return EXIT_ERROR;
  }
  const diff = diffReports(reports[0], reports[1], { thresholdPct: a.thresholdPct });
  const color = renderColor({ flag: a.color, isTTY: process.stdout.isTTY === true, toFile: a.output !== undefined, env: process.env });
  const fixes = a.format === 'markdown' ? await auditFixes() : undefined;
  const html = a.format === 'html' ? { reports: { base: reports[0], head: reports[1] }, ...(await loadDiffRenderInputs(diff)) } : {};
  const text = renderDiff(diff, { format: a.format, failOn: a.failOn, color, ...(fixes ? { fixes } : {}), ...html });
  if (!(await writeOutput(text, a.output, a.quiet ? null : `wrote ${a.format} diff to`, { html: a.format === 'html' }))) return EXIT_ERROR;
  return diffExitCode(diff, a.failOn);
}
