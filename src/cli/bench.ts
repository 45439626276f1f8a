// The `bench` command and the bench half of `scan --bench`, beside cli.ts so that file stays a list of
// commands: options, a run function returning the exit code, the progress line. The library does the
// work (src/bench/bench.ts), the renderers the text; only this layer writes to stdout and stderr.
import { writeFile } from 'node:fs/promises';
import type { Argv } from 'yargs';
import type { BenchOptions, BenchProgress } from '../bench/protocol/bench-options.js';
import { DEFAULT_TIME_MS } from '../bench/protocol/bench-options.js';
import { checkPaths } from '../discover/check-paths.js';
import { EXIT_ERROR, exitCodeFor } from '../policy/exit-code.js';
import { withPathErrors } from '../model/path-error.js';
import type { Report } from '../model/report.js';
import { renderColor } from '../report/render-color.js';
import { renderBenchProgress } from '../report/render-progress.js';
import { FORMATS, render, type Format } from '../report/render.js';

export interface BenchArgs {
  paths: string[];
  format: Format;
  output: string | undefined;
  time: number;
  hooks: string | undefined;
  profile: string | undefined;
  history: boolean;
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
    .option('history', { type: 'boolean', default: true, describe: "compare each run's bare span with this machine's earlier runs (kept in the user cache folder) to find cases measured through a slow spell and measure them again; --no-history: judge by this run alone, remember nothing" })
    .check((a) => {
      const time = (a as { time?: unknown }).time;
      if (typeof time !== 'number' || !Number.isFinite(time) || time < 1 || time > 60_000) throw new Error('--time takes a number of milliseconds from 1 to 60000');
      return true;
    });
}

export function benchOptions<T>(y: Argv<T>) {
  return benchTuning(
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'package, scope folder or node_modules (several allowed)' })
      .option('format', { choices: FORMATS, default: 'terminal' as Format, describe: 'report format' })
      .option('output', { type: 'string', requiresArg: true, describe: 'write the report to FILE instead of stdout' })
      .option('config', { type: 'string', requiresArg: true, describe: 'policy file whose budgets apply (default: ./otel-audit.config.json, else the "otel-audit" key of ./package.json)' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress line; terminal: leave out what was skipped' })
      .option('color', { type: 'boolean', default: true, describe: 'colour terminal output on a TTY (--no-color: never)' }),
  ).epilog(BENCH_EPILOG);
}

/** One updating line on stderr, for a TTY only: cases done/total, time left, the current hook. */
export function benchProgressLine(): { update: (p: BenchProgress) => void; clear: () => void } {
  let last = '';
  return {
    update(p) {
      const line = renderBenchProgress(p, process.stderr.columns);
      if (line === last) return;
      last = line;
      process.stderr.write(`\r${line}\x1b[K`);
    },
    clear() {
      if (last !== '') process.stderr.write('\r\x1b[K');
    },
  };
}

/** Runs the bench on paths already checked; the progress line on a TTY unless quiet. */
export async function runBenchOn(paths: string[], a: { time: number; hooks: string | undefined; profile?: string | undefined; history?: boolean; quiet: boolean }): Promise<Report> {
  const { bench } = await import('../bench/run/bench.js');
  const progress = process.stderr.isTTY && !a.quiet ? benchProgressLine() : undefined;
  const options: BenchOptions = {
    timeMs: a.time,
    ...(a.hooks !== undefined ? { hooks: a.hooks } : {}),
    ...(a.profile !== undefined ? { profileDir: a.profile } : {}),
    ...(a.history === false ? { history: null } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
  };
  return bench(paths, options).finally(() => progress?.clear());
}

/** Writes the rendered report to stdout or --output; false when the file cannot be written. */
export async function emit(report: Report, a: { format: Format; output: string | undefined; quiet: boolean; color: boolean; all?: boolean }): Promise<boolean> {
  const color = renderColor({ flag: a.color, isTTY: process.stdout.isTTY === true, toFile: a.output !== undefined, env: process.env });
  const text = render(report, { format: a.format, all: a.all === true, quiet: a.quiet, color });
  if (a.output === undefined) {
    process.stdout.write(text);
    return true;
  }
  const written = await writeFile(a.output, text).then(
    () => true,
    (err: Error) => {
      process.stderr.write(`otel-audit: cannot write ${a.output}: ${err.message}\n`);
      return false;
    },
  );
  if (written && !a.quiet) process.stderr.write(`otel-audit: wrote ${a.format} report to ${a.output}\n`);
  return written;
}

export async function runBench(a: BenchArgs): Promise<number> {
  // before the bench, as for scan: a bad policy file is a usage error and should not cost minutes of benching
  const policy = await (await import('../policy/config.js')).loadPolicy({ cwd: process.cwd(), file: a.config });
  const { readable, errors } = await checkPaths(a.paths);
  for (const e of errors) process.stderr.write(`otel-audit: ${e.message}\n`);
  if (readable.length === 0) return EXIT_ERROR;
  const { applyPolicy } = await import('../policy/apply-policy.js');
  const report = applyPolicy(withPathErrors(await runBenchOn(readable, a), errors), policy.config, new Date().toISOString().slice(0, 10), policy.source, 'none');
  if (!(await emit(report, a))) return EXIT_ERROR;
  // a bench has no findings: 0, 1 when a budget of the policy file was exceeded, 2 when a path was missing
  return exitCodeFor(report, 'none');
}

/** `scan --bench`: the bench of the same paths, joined into the scan report. */
export async function withBench(scanned: Report, paths: string[], a: { time: number; hooks: string | undefined; profile: string | undefined; history: boolean; quiet: boolean }): Promise<Report> {
  const benched = await runBenchOn(paths, a);
  const { joinBench } = await import('../bench/run/join-bench.js');
  return joinBench(scanned, benched);
}
