// The `calibrate` command, beside cli.ts so that file stays a list of commands: its options, a run
// function returning the exit code, and the (pure) terminal rendering of a calibrated table.
import type { Argv } from 'yargs';
import { calibratedSource, costTableFile, type CalibratedTable } from '../calibrate/cost-table.js';
import { EXIT_ERROR, EXIT_OK } from '../policy/exit-code.js';
import { formatNs } from '../util/format-ns.js';
import { renderProgress } from '../report/render-progress.js';
import { progressLine } from './progress-line.js';

export const CALIBRATE_FORMATS = ['terminal', 'json'] as const;
export type CalibrateFormat = (typeof CALIBRATE_FORMATS)[number];

export interface CalibrateArgs {
  format: CalibrateFormat;
  time: number;
}

export function calibrateOptions<T>(y: Argv<T>) {
  return (
    y
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- yargs types an option by its default: without the assertion the option's type is the literal 'terminal'
      .option('format', { choices: CALIBRATE_FORMATS, default: 'terminal' as CalibrateFormat, describe: 'output format' })
      .option('time', { type: 'number', default: 500, requiresArg: true, describe: 'benny time budget per operation, ms (execSync gets at most 250)' })
      .check((a) => {
        if (!Number.isFinite(a.time) || a.time <= 0 || a.time > 60_000) throw new Error('--time takes a number of milliseconds from 1 to 60000');
        return true;
      })
      .epilog(
        [
          "Stores the table in the user cache folder (override: OTEL_AUDIT_CACHE_DIR); scan takes estimatedCostNs from it and names it in the report's costTable.",
          '',
          'Exit codes:',
          '  0  table measured and stored',
          '  2  usage error, the table could not be written, internal error',
        ].join('\n'),
      )
  );
}

export async function runCalibrate(a: CalibrateArgs): Promise<number> {
  // benny and the measured operations load only when the command runs
  const { calibrate, writeCostTable } = await import('../calibrate/calibrate.js');
  // no --quiet here: the line shows on a TTY
  const progress = progressLine(renderProgress);
  const table = await calibrate({
    timeMs: a.time,
    ...(progress ? { onProgress: (done: number, total: number, label: string) => progress.update({ phase: 'calibrate', done, total, current: label }) } : {}),
  }).finally(() => progress?.clear());
  let file: string;
  try {
    file = writeCostTable(table, costTableFile());
  } catch (err) {
    process.stderr.write(`otel-audit: cannot write the cost table: ${(err as Error).message}\n`);
    return EXIT_ERROR;
  }
  if (a.format === 'json') {
    process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
    return EXIT_OK;
  }
  // the built-in figures beside the measured ones: the registry's metadata (calibrate read it already)
  const { audits } = await import('../../audits/index.js');
  process.stdout.write(renderCalibration(table, Object.fromEntries(audits.map((x) => [x.id, x.estimatedCostNs])), file));
  return EXIT_OK;
}

/** The table as a reader wants it: per audit (with the built-in figure beside it), then every operation. */
export function renderCalibration(table: CalibratedTable, builtIn: Readonly<Record<string, number>>, file: string): string {
  const lines = [`otel-audit cost table, ${calibratedSource(table)}`, ''];
  const auditRows = Object.entries(table.audits).map(([id, e]) => [id, formatNs(e.ns), formatNs(builtIn[id] ?? null), e.operation]);
  lines.push(...columns([['audit', 'cost', 'built-in', 'from operation'], ...auditRows], [false, true, true, false]), '');
  const opRows = table.operations.map((o) => [o.label, formatNs(o.ns), `±${o.marginPct.toFixed(1)}%`, String(o.samples)]);
  lines.push(...columns([['operation', 'per call', 'margin', 'samples'], ...opRows], [false, true, true, true]));
  for (const s of table.skipped) lines.push(`skipped: ${s.label}: ${s.reason}`);
  if (table.reference.bareSpanNs !== null) lines.push('', `reference: a bare span costs ${formatNs(table.reference.bareSpanNs)} here`);
  lines.push('', `wrote ${file}`);
  return `${lines.join('\n')}\n`;
}

function columns(rows: string[][], right: boolean[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
