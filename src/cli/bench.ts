// The `bench` command and the bench options `scan --bench` shares: options, and a run function that
// calls the library's audit() pipeline in bench mode, renders, writes and returns the exit code.
import type { Argv } from 'yargs';
import { audit } from '../api/audit.js';
import { FORMATS, loadRenderInputs, render, type Format } from '../api/render.js';
import type { BenchOptions, BenchProgress } from '../bench/protocol/bench-options.js';
import { DEFAULT_TIME_MS } from '../bench/protocol/bench-options.js';
import { renderColor } from '../report/render-color.js';
import { renderProgress } from '../report/render-progress.js';
import { cacheLine, cacheOptions, cacheSetting, type CacheArgs } from './cache-options.js';
import { progressLine, type ProgressLine } from './progress-line.js';
import { writeOutput } from './write-output.js';

/** --time, --hooks, --profile, --history, --coverage, --unsafe-run: how the bench runs (bench, scan --bench) */
export interface BenchTuningArgs {
  time: number;
  hooks: string | undefined;
  profile: string | undefined;
  history: boolean;
  coverage?: boolean;
  unsafeRun: boolean;
}

export interface BenchArgs extends BenchTuningArgs, CacheArgs {
  paths: string[];
  format: Format;
  output: string | undefined;
  /** the policy file whose budgets (maxOverheadNsPerSpan) the bench is held to */
  config: string | undefined;
  quiet: boolean;
  color: boolean;
}

const BENCH_EPILOG = `Each hook is measured in a child process of its own (a hang or crash fails that case only), as many at a time as there are cores. The report lists every package: measured, skipped (with the reason) or failed (with the reason).

Exit codes:
  0  the bench ran (failed cases are listed in the report) within the policy file's budgets
  1  a budget of the policy file (maxOverheadNsPerSpan, overall or per package) was exceeded
  2  usage error, bad policy file, missing or unreadable path, internal error`;

/** --time, --hooks, --profile and --history, shared by `bench` and `scan --bench` */
export function benchTuning<T>(y: Argv<T>) {
  return y
    .option('profile', { type: 'string', requiresArg: true, describe: 'also write a CPU profile (.cpuprofile, top-N table, Graphviz .dot) of every measured hook into DIR; html embeds the costliest' })
    .option('time', { type: 'number', requiresArg: true, default: DEFAULT_TIME_MS, describe: 'benny time per timed variant of a hook, ms (plain, AlwaysOn, AlwaysOff, bare span)' })
    .option('hooks', { type: 'string', requiresArg: true, describe: 'only hooks whose <package>:<target> matches this glob (* ? {a,b})' })
    .option('history', {
      type: 'boolean',
      default: true,
      describe:
        "compare each run's bare span with this machine's earlier runs (kept in the user cache folder) to find cases measured through a slow spell and measure them again; --no-history: judge by this run alone, remember nothing",
    })
    .option('coverage', {
      type: 'boolean',
      default: true,
      describe:
        'after the timing, collect V8 block coverage of every measured hook (a child per package) to tell which audited operations ran per call; --no-coverage: skip it (findings keep their static evidence only)',
    })
    .option('unsafe-run', {
      type: 'boolean',
      default: false,
      describe: "run the package's code WITHOUT the sandbox (your environment, files, network and processes): only for a trusted local package that needs them",
    })
    .check((a) => {
      const time = (a as { time?: unknown }).time;
      if (typeof time !== 'number' || !Number.isFinite(time) || time < 1 || time > 60_000) throw new Error('--time takes a number of milliseconds from 1 to 60000');
      return true;
    });
}

export function benchOptions<T>(y: Argv<T>) {
  return cacheOptions(
    benchTuning(
      y
        .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'package, scope folder or node_modules (several allowed)' })
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- yargs types an option by its default: without the assertion the option's type is the literal 'terminal'
        .option('format', { choices: FORMATS, default: 'terminal' as Format, describe: 'report format' })
        .option('output', { type: 'string', requiresArg: true, describe: 'write the report to FILE instead of stdout' })
        .option('config', { type: 'string', requiresArg: true, describe: 'policy file whose budgets apply (default: ./otel-audit.config.json, else the "otel-audit" key of ./package.json)' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress line; terminal: leave out what was skipped' })
        .option('color', { type: 'boolean', default: true, describe: 'colour terminal output on a TTY (--no-color: never)' }),
    ),
  ).epilog(BENCH_EPILOG);
}

/** The library's bench options from the command line, the progress line drawing its events. */
export function benchSettings(a: BenchTuningArgs, progress?: ProgressLine<BenchProgress>): BenchOptions {
  return {
    timeMs: a.time,
    ...(a.hooks !== undefined ? { hooks: a.hooks } : {}),
    ...(a.profile !== undefined ? { profileDir: a.profile } : {}),
    ...(a.history === false ? { history: null } : {}),
    ...(a.coverage === false ? { coverage: false } : {}),
    ...(a.unsafeRun ? { unsafeRun: true } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
  };
}

export async function runBench(a: BenchArgs): Promise<number> {
  const progress = progressLine(renderProgress, a.quiet);
  const result = await audit(a.paths, { mode: 'bench', ...(a.config !== undefined ? { config: a.config } : {}), bench: benchSettings(a, progress), cache: cacheSetting(a) }).finally(() =>
    progress?.clear(),
  );
  const cached = cacheLine(result.cache);
  if (cached !== undefined && !a.quiet && process.stderr.isTTY === true) process.stderr.write(`${cached}\n`);
  for (const e of result.pathErrors) process.stderr.write(`otel-audit: ${e.message}\n`);
  if (result.report === null) return result.exitCode;
  const color = renderColor({ flag: a.color, isTTY: process.stdout.isTTY === true, toFile: a.output !== undefined, env: process.env });
  const inputs = await loadRenderInputs(result.report, a.format);
  const text = render(result.report, { format: a.format, all: false, quiet: a.quiet, color, cwd: process.cwd(), ...inputs });
  // a bench has no findings: 0, 1 when a budget of the policy file was exceeded, 2 when a path was missing
  return (await writeOutput(text, a.output, a.quiet ? null : `wrote ${a.format} report to`, { html: a.format === 'html' })) ? result.exitCode : 2;
}
