#!/usr/bin/env node
// The otel-audit command line, kept thin on purpose: parse (yargs), call the library, render, set
// process.exitCode. Each command is a module of src/cli/ (options + run); the work is the library's
// (src/api: audit() and render()), so it can be tested without spawning a process.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { benchOptions, runBench } from './cli/bench.js';
import { calibrateOptions, runCalibrate } from './cli/calibrate.js';
import { diffOptions, runDiff } from './cli/diff.js';
import { loadOptions, runLoad } from './cli/load.js';
import { runScan, SCAN_EPILOG, scanOptions } from './cli/scan.js';
import { runVet, vetOptions } from './cli/vet.js';
import { EXIT_ERROR, EXIT_OK } from './policy/exit-code.js';
import { UsageError } from './policy/rule-selection.js';
import { TOOL_VERSION } from './util/version.js';

/** A command ready to run: resolves to the exit code. */
type Run = () => Promise<number>;

/** Options that take several values (repeated or space separated); every other one may be given once. */
const MULTI_VALUED = new Set(['_', 'paths', 'env', 'rules']);

/**
 * A single-value option given twice (`--format json --format html`) is a usage error naming it: yargs
 * would hand the command an array, and which one wins is nobody's guess. camelCase twins of dashed
 * names are the same option.
 */
function repeatedOption(argv: Record<string, unknown>): string | undefined {
  return Object.keys(argv).find((k) => Array.isArray(argv[k]) && !MULTI_VALUED.has(k) && !/[A-Z]/.test(k));
}

/**
 * `--` ends options: what follows is positional even when it starts with `-`. yargs leaves those words
 * out of the positionals, so they go through as placeholders and are put back before the command runs.
 */
function protectAfterDoubleDash(argv: string[]): { args: string[]; restore: (argv: Record<string, unknown>) => void } {
  const at = argv.indexOf('--');
  if (at === -1) return { args: argv, restore: () => undefined };
  const tail = argv.slice(at + 1);
  const token = (i: number): string => `\u0000otel-audit-arg-${i}`;
  const back = (v: unknown): unknown => (typeof v === 'string' && v.startsWith('\u0000otel-audit-arg-') ? tail[Number(v.slice(token(0).length - 1))] : Array.isArray(v) ? v.map(back) : v);
  return {
    args: [...argv.slice(0, at), ...tail.map((_, i) => token(i))],
    restore: (parsed) => {
      for (const k of Object.keys(parsed)) parsed[k] = back(parsed[k]);
    },
  };
}

/** Parses argv; returns the command to run, or the exit code when there is nothing to run (help, errors). */
async function parse(rawArgv: string[]): Promise<Run | number> {
  let command: Run | undefined;
  let usageError = false;
  const { args: argv, restore } = protectAfterDoubleDash(rawArgv);
  await yargs(argv)
    .middleware((a) => {
      restore(a);
      const repeated = repeatedOption(a);
      if (repeated !== undefined) throw new UsageError(`${repeated.length === 1 ? '-' : '--'}${repeated} given more than once (it takes one value)`);
    }, true)
    .scriptName('otel-audit')
    .command('scan <paths..>', 'statically audit instrumentation packages for expensive per-call code', scanOptions, (a) => {
      command = () =>
        runScan({
          paths: a.paths,
          format: a.format,
          output: a.output,
          all: a.all,
          failOn: a.failOn,
          config: a.config,
          sarifRoot: a.sarifRoot,
          rules: a.rules,
          quiet: a.quiet,
          color: a.color,
          workers: a.workers,
          bench: a.bench,
          time: a.time,
          hooks: a.hooks,
          profile: a.profile,
          history: a.history,
          unsafeRun: a.unsafeRun,
          allowSkipped: a.allowSkipped,
          cache: a.cache,
          cacheDir: a.cacheDir,
        });
    })
    .command('bench <paths..>', 'measure every hook: overhead per span and the expensive operations run per call', benchOptions, (a) => {
      command = () =>
        runBench({
          paths: a.paths,
          format: a.format,
          output: a.output,
          time: a.time,
          hooks: a.hooks,
          profile: a.profile,
          history: a.history,
          unsafeRun: a.unsafeRun,
          config: a.config,
          quiet: a.quiet,
          color: a.color,
          cache: a.cache,
          cacheDir: a.cacheDir,
        });
    })
    .command('calibrate', 'measure what each audit flags costs on this machine (scan then uses it)', calibrateOptions, (a) => {
      command = () => runCalibrate({ format: a.format, time: a.time });
    })
    .command('diff <base> <head>', 'compare two JSON reports: new / fixed findings, overhead changes beyond noise', diffOptions, (a) => {
      command = () => runDiff({ base: a.base, head: a.head, format: a.format, output: a.output, thresholdPct: a.thresholdPct, failOn: a.failOn, color: a.color, quiet: a.quiet });
    })
    .command('load [app]', 'load-test an app without and with instrumentation: requests/s, latency, CPU per request, the cost of each package', loadOptions, (a) => {
      command = () =>
        runLoad({
          app: a.app,
          demo: a.demo,
          url: a.url,
          connections: a.connections,
          duration: a.duration,
          rounds: a.rounds,
          warmup: a.warmup,
          maxRequests: a.maxRequests,
          countRequests: a.countRequests,
          instrument: a.instrument,
          instrumentations: a.instrumentations === undefined ? undefined : [a.instrumentations],
          against: a.against,
          againstInstrumentations: a.againstInstrumentations === undefined ? undefined : [a.againstInstrumentations],
          portEnv: a.portEnv,
          env: a.env,
          profile: a.profile,
          samplingUs: a.samplingUs,
          scan: a.scan,
          startTimeout: a.startTimeout,
          maxErrorRate: a.maxErrorRate,
          budgetPct: a.budgetPct,
          unsafeRun: a.unsafeRun,
          format: a.format,
          output: a.output,
          quiet: a.quiet,
          color: a.color,
        });
    })
    .command('vet <spec>', 'fetch, scan and judge a package before adopting it: pass / warn / fail', vetOptions, (a) => {
      command = () =>
        runVet({
          spec: a.spec,
          against: a.against,
          budgetNs: a.budgetNs,
          format: a.format,
          output: a.output,
          bench: a.bench,
          offline: a.offline,
          failOn: a.failOn,
          config: a.config,
          thresholdPct: a.thresholdPct,
          color: a.color,
          quiet: a.quiet,
          allowSkipped: a.allowSkipped,
          cache: a.cache,
          cacheDir: a.cacheDir,
        });
    })
    .demandCommand(1, 'name a command: scan')
    .strict()
    .version(TOOL_VERSION)
    .help()
    .alias('h', 'help')
    .epilog(SCAN_EPILOG)
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

async function main(argv: string[]): Promise<number> {
  const parsed = await parse(argv);
  return typeof parsed === 'function' ? parsed() : parsed;
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
