// The `scan` command: its options, and a run function that calls the library's audit() pipeline,
// renders and writes the report, and returns the exit code.
import type { Argv } from 'yargs';
import { audit } from '../api/audit.js';
import { FORMATS, loadRenderInputs, render, type Format } from '../api/render.js';
import { FAIL_ON, type FailOn } from '../policy/exit-code.js';
import { renderColor } from '../report/render-color.js';
import { renderProgress } from '../report/render-progress.js';
import { benchSettings, benchTuning, type BenchTuningArgs } from './bench.js';
import { cacheLine, cacheOptions, cacheSetting, type CacheArgs } from './cache-options.js';
import { progressLine } from './progress-line.js';
import { writeOutput } from './write-output.js';

export interface ScanArgs extends BenchTuningArgs, CacheArgs {
  paths: string[];
  format: Format;
  output: string | undefined;
  all: boolean;
  /** as given; undefined: the policy file's failOn, else none */
  failOn: FailOn | undefined;
  config: string | undefined;
  sarifRoot: string | undefined;
  /** as given; validated against the registry when the scan runs (yargs repeats give an array) */
  rules: string | string[] | undefined;
  quiet: boolean;
  color: boolean;
  workers: number | undefined;
  /** scan --bench: also run the bench on the same paths and join it into the report */
  bench: boolean;
  /** --allow-skipped: packages and files that could not be analysed do not fail a --fail-on run */
  allowSkipped: boolean;
}

export const SCAN_EPILOG = `Exit codes:
  0  nothing at or above --fail-on (default none: always 0 when the scan ran)
  1  per-call findings at or above --fail-on, or a policy budget exceeded;
     with --fail-on, also a package or file that could not be analysed
     (unless --allow-skipped)
  2  usage error, missing or unreadable path, internal error`;

export function scanOptions<T>(y: Argv<T>) {
  return cacheOptions(
    benchTuning(y)
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'package, scope folder, node_modules or source tree (several allowed)' })
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- yargs types an option by its default: without the assertion the option's type is the literal 'terminal'
      .option('format', { choices: FORMATS, default: 'terminal' as Format, describe: 'report format' })
      .option('output', { type: 'string', requiresArg: true, describe: 'write the report to FILE instead of stdout' })
      .option('all', { type: 'boolean', default: false, describe: 'terminal, sarif: also show once/init/unknown findings (terminal: and suppressed ones)' })
      .option('fail-on', { choices: FAIL_ON, describe: "exit 1 when a per-call finding is at or above this severity (default: the policy file's failOn, else none)" })
      .option('config', { type: 'string', requiresArg: true, describe: 'policy file (default: ./otel-audit.config.json, else the "otel-audit" key of ./package.json)' })
      .option('sarif-root', { type: 'string', requiresArg: true, describe: 'sarif: make file URIs relative to DIR, e.g. the repository root (default: the working directory)' })
      .option('rules', { type: 'string', requiresArg: true, describe: 'only these rule ids, comma separated' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress line; terminal: no list of packages without findings' })
      .option('color', { type: 'boolean', default: true, describe: 'colour terminal output on a TTY (--no-color: never)' })
      .option('workers', { type: 'number', requiresArg: true, describe: 'analysis threads (default 1; more pay only on machines with several real cores)' })
      .option('allow-skipped', {
        type: 'boolean',
        default: false,
        describe: 'with --fail-on: packages skipped and files that could not be read or parsed (FIFOs, links into /proc, too deep) do not fail the run',
      })
      .option('bench', {
        type: 'boolean',
        default: false,
        describe: 'also bench every hook and join: each per-call finding gets its measured overhead and whether its operation ran (--time, --hooks, --profile, --history as for bench)',
      }),
  )
    .check((a) => {
      if (a.workers !== undefined && (!Number.isInteger(a.workers) || a.workers < 1 || a.workers > 64)) throw new Error('--workers takes a whole number from 1 to 64');
      if (a.profile !== undefined && a.bench !== true) throw new Error('--profile profiles benchmarked hooks: it needs --bench');
      return true;
    })
    .epilog(SCAN_EPILOG);
}

export async function runScan(a: ScanArgs): Promise<number> {
  const scanProgress = progressLine(renderProgress, a.quiet);
  const benchProgress = progressLine(renderProgress, a.quiet);
  const result = await audit(a.paths, {
    ...(a.config !== undefined ? { config: a.config } : {}),
    ...(a.failOn !== undefined ? { failOn: a.failOn } : {}),
    ...(a.rules !== undefined ? { rules: a.rules } : {}),
    scan: { ...(scanProgress ? { onProgress: scanProgress.update } : {}), ...(a.workers !== undefined ? { workers: a.workers } : {}) },
    bench: a.bench ? benchSettings(a, benchProgress) : false,
    cache: cacheSetting(a),
    ...(a.allowSkipped ? { allowSkipped: true } : {}),
  }).finally(() => {
    scanProgress?.clear();
    benchProgress?.clear();
  });
  const cached = cacheLine(result.cache);
  if (cached !== undefined && !a.quiet && process.stderr.isTTY === true) process.stderr.write(`${cached}\n`);
  for (const e of result.pathErrors) process.stderr.write(`otel-audit: ${e.message}\n`);
  if (result.report === null) return result.exitCode;
  const report = result.report;
  const color = renderColor({ flag: a.color, isTTY: process.stdout.isTTY === true, toFile: a.output !== undefined, env: process.env });
  const inputs = await loadRenderInputs(report, a.format);
  const text = render(report, { format: a.format, all: a.all, quiet: a.quiet, color, sarifRoot: a.sarifRoot, cwd: process.cwd(), ...inputs });
  const written = await writeOutput(text, a.output, a.quiet ? null : `wrote ${a.format} report to`, { html: a.format === 'html' });
  return written ? result.exitCode : 2;
}
