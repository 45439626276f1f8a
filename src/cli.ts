#!/usr/bin/env node
// The otel-audit command line, kept thin on purpose: parse (yargs), call the library, render, set
// process.exitCode. Decisions live in policy/ (exit codes, rule ids, paths) and report/ (renderers), so
// they can be tested without spawning a process and reused by the commands still to come.
import { writeFile } from 'node:fs/promises';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { benchOptions, benchTuning, runBench, withBench } from './cli/bench.js';
import { calibrateOptions, runCalibrate } from './cli/calibrate.js';
import { diffOptions, runDiff } from './cli/diff.js';
import { runVet, vetOptions } from './cli/vet.js';
import { checkPaths } from './discover/check-paths.js';
import { EXIT_ERROR, EXIT_OK, FAIL_ON, exitCodeFor, type FailOn } from './policy/exit-code.js';
import { applyPolicy } from './policy/apply-policy.js';
import { withPathErrors } from './model/path-error.js';
import { parseRuleIds, UsageError } from './policy/rule-selection.js';
import { renderColor } from './report/render-color.js';
import { renderProgress } from './report/render-progress.js';
import { FORMATS, FORMATS_WITH_RULES, render, type Format } from './report/render.js';
import { loadRuleInfo } from './report/rule-info.js';
import type { ScanProgress } from './scan/scan-options.js';
import { TOOL_VERSION } from './util/version.js';

interface ScanArgs {
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
  time: number;
  hooks: string | undefined;
  profile: string | undefined;
  history: boolean;
}

const EPILOG = `Exit codes:
  0  nothing at or above --fail-on (default none: always 0 when the scan ran)
  1  per-call findings at or above --fail-on, or a policy budget exceeded
  2  usage error, missing or unreadable path, internal error`;

/** A command other than scan, ready to run: resolves to the exit code. */
type Run = () => Promise<number>;

/** Parses argv; returns the command to run, or the exit code when there is nothing to run (help, errors). */
async function parse(argv: string[]): Promise<ScanArgs | Run | number> {
  let command: ScanArgs | Run | undefined;
  let usageError = false;
  await yargs(argv)
    .scriptName('otel-audit')
    .command(
      'scan <paths..>',
      'statically audit instrumentation packages for expensive per-call code',
      (y) =>
        benchTuning(y)
          .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'package, scope folder, node_modules or source tree (several allowed)' })
          .option('format', { choices: FORMATS, default: 'terminal' as Format, describe: 'report format' })
          .option('output', { type: 'string', requiresArg: true, describe: 'write the report to FILE instead of stdout' })
          .option('all', { type: 'boolean', default: false, describe: 'terminal, sarif: also show once/init/unknown findings (terminal: and suppressed ones)' })
          .option('fail-on', { choices: FAIL_ON, describe: 'exit 1 when a per-call finding is at or above this severity (default: the policy file\'s failOn, else none)' })
          .option('config', { type: 'string', requiresArg: true, describe: 'policy file (default: ./otel-audit.config.json, else the "otel-audit" key of ./package.json)' })
          .option('sarif-root', { type: 'string', requiresArg: true, describe: 'sarif: make file URIs relative to DIR, e.g. the repository root (default: the working directory)' })
          .option('rules', { type: 'string', requiresArg: true, describe: 'only these rule ids, comma separated' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress line; terminal: no list of packages without findings' })
          .option('color', { type: 'boolean', default: true, describe: 'colour terminal output on a TTY (--no-color: never)' })
          .option('workers', { type: 'number', requiresArg: true, describe: 'analysis threads (default 1; more pay only on machines with several real cores)' })
          .option('bench', { type: 'boolean', default: false, describe: 'also bench every hook and join: each per-call finding gets its measured overhead and whether its operation ran (--time, --hooks, --profile, --history as for bench)' })
          .check((a) => {
            if (a.workers !== undefined && (!Number.isInteger(a.workers) || a.workers < 1 || a.workers > 64)) throw new Error('--workers takes a whole number from 1 to 64');
            if (a.profile !== undefined && a.bench !== true) throw new Error('--profile profiles benchmarked hooks: it needs --bench');
            return true;
          })
          .epilog(EPILOG),
      (a) => {
        command = { paths: a.paths, format: a.format, output: a.output, all: a.all, failOn: a.failOn, config: a.config, sarifRoot: a.sarifRoot, rules: a.rules, quiet: a.quiet, color: a.color, workers: a.workers, bench: a.bench, time: a.time, hooks: a.hooks, profile: a.profile, history: a.history };
      },
    )
    .command('bench <paths..>', 'measure every hook: overhead per span and the expensive operations run per call', benchOptions, (a) => {
      command = () => runBench({ paths: a.paths, format: a.format, output: a.output, time: a.time, hooks: a.hooks, profile: a.profile, history: a.history, config: a.config, quiet: a.quiet, color: a.color });
    })
    .command('calibrate', 'measure what each audit flags costs on this machine (scan then uses it)', calibrateOptions, (a) => {
      command = () => runCalibrate({ format: a.format, time: a.time });
    })
    .command('diff <base> <head>', 'compare two JSON reports: new / fixed findings, overhead changes beyond noise', diffOptions, (a) => {
      command = () => runDiff({ base: a.base, head: a.head, format: a.format, output: a.output, thresholdPct: a.thresholdPct, failOn: a.failOn, color: a.color, quiet: a.quiet });
    })
    .command('vet <spec>', 'fetch, scan and judge a package before adopting it: pass / warn / fail', vetOptions, (a) => {
      command = () => runVet({ spec: a.spec, against: a.against, budgetNs: a.budgetNs, format: a.format, output: a.output, bench: a.bench, offline: a.offline, failOn: a.failOn, config: a.config, thresholdPct: a.thresholdPct, color: a.color, quiet: a.quiet });
    })
    .demandCommand(1, 'name a command: scan')
    .strict()
    .version(TOOL_VERSION)
    .help()
    .alias('h', 'help')
    .epilog(EPILOG)
    // Usage errors exit 2 (yargs' default would be 1, which means "findings" here).
    .exitProcess(false)
    .fail((msg: string | null, err: Error | undefined) => {
      // yargs may report several problems of one command line (a missing value, then a check that
      // ran on what was left): the first one is the one to fix
      if (usageError) return;
      usageError = true;
      reportUsageError(err?.message ?? msg ?? 'usage error');
    })
    .parseAsync();
  if (usageError) return EXIT_ERROR;
  return command ?? EXIT_OK; // --help / --version ran
}

function reportUsageError(message: string): void {
  process.stderr.write(`otel-audit: ${message}\nRun 'otel-audit --help' for usage.\n`);
}

/** One updating line on stderr; only used when stderr is a TTY (never pollutes pipes or CI logs). */
function progressLine(): { update: (p: ScanProgress) => void; clear: () => void } {
  let last = '';
  return {
    update(p) {
      const line = renderProgress(p, process.stderr.columns);
      if (line === last) return;
      last = line;
      process.stderr.write(`\r${line}\x1b[K`);
    },
    clear() {
      if (last !== '') process.stderr.write('\r\x1b[K');
    },
  };
}

async function runScan(a: ScanArgs): Promise<number> {
  // The scanner (and with it the compiler) loads only when a scan runs, and then only in the worker
  // threads when there are enough packages for them: rule ids are checked against a light list.
  const { RULE_IDS } = await import('../audits/ids.js');
  const rules = a.rules === undefined ? undefined : parseRuleIds(a.rules, [...RULE_IDS]);
  // before the scan: a bad policy file is a usage error, and should not cost a scan to find out
  const policy = await (await import('./policy/config.js')).loadPolicy({ cwd: process.cwd(), file: a.config });
  const failOn = a.failOn ?? policy.config.failOn ?? 'none';
  const { readable, errors } = await checkPaths(a.paths);
  for (const e of errors) process.stderr.write(`otel-audit: ${e.message}\n`);
  if (readable.length === 0) return EXIT_ERROR;

  const { scan } = await import('./scan/scan.js');
  const progress = process.stderr.isTTY && !a.quiet ? progressLine() : undefined;
  const options = {
    ...(rules ? { rules } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
    ...(a.workers !== undefined ? { workers: a.workers } : {}),
    ...(policy.config.setUpMethods ? { setUpMethods: policy.config.setUpMethods } : {}),
  };
  const scanned = await scan(readable, options).finally(() => progress?.clear());
  // Paths that were missing stay in the report: JSON consumers see why the exit code is 2.
  const joined = withPathErrors(a.bench ? await withBench(scanned, readable, a) : scanned, errors);
  const report = applyPolicy(joined, policy.config, new Date().toISOString().slice(0, 10), policy.source, failOn);
  const color = renderColor({ flag: a.color, isTTY: process.stdout.isTTY === true, toFile: a.output !== undefined, env: process.env });
  const ruleInfo = FORMATS_WITH_RULES.includes(a.format) ? await loadRuleInfo() : undefined;
  const text = render(report, { format: a.format, all: a.all, quiet: a.quiet, color, rules: ruleInfo, sarifRoot: a.sarifRoot, cwd: process.cwd() });
  if (a.output === undefined) {
    // a page of HTML with an inlined 1.3 MB script is never what a terminal wants (pipes are fine)
    if (a.format === 'html' && process.stdout.isTTY === true && !a.quiet) process.stderr.write('otel-audit: writing HTML to the terminal; use --output report.html\n');
    process.stdout.write(text);
  } else {
    const written = await writeFile(a.output, text).then(() => true, (err: Error) => {
      process.stderr.write(`otel-audit: cannot write ${a.output}: ${err.message}\n`);
      return false;
    });
    if (!written) return EXIT_ERROR;
    if (!a.quiet) process.stderr.write(`otel-audit: wrote ${a.format} report to ${a.output}\n`);
  }
  return exitCodeFor(report, failOn);
}

async function main(argv: string[]): Promise<number> {
  const parsed = await parse(argv);
  if (typeof parsed === 'function') return parsed();
  return typeof parsed === 'number' ? parsed : runScan(parsed);
}

// `otel-audit scan … | head`: the reader closing the pipe is not an error, and must not crash (exit 1).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') return;
  process.stderr.write(`otel-audit: cannot write to stdout: ${err.message}\n`);
  process.exitCode = EXIT_ERROR;
});

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      reportUsageError(err.message);
      process.exitCode = EXIT_ERROR;
      return;
    }
    // Internal errors are exit 2 as well, with a message; the stack only on request (it is noise to users).
    const debug = process.env.OTEL_AUDIT_DEBUG === '1';
    const text = err instanceof Error ? (debug ? (err.stack ?? err.message) : err.message) : String(err);
    process.stderr.write(`otel-audit: internal error: ${text}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
