// The `load` command: options, the run (src/load/load.ts does the work), the rendering, the exit code.
// Ctrl-C / SIGTERM abort the run: load() stops every process it started and the command exits 130
// (143 for SIGTERM); a second signal exits at once (each child's probe exits when otel-audit goes).
import type { Argv } from 'yargs';
import { LoadInputError, LoadInterrupted } from '../load/load-errors.js';
import { LOAD_DEFAULTS, type LoadOptions } from '../load/load-options.js';
import { DEMO_NAMES } from '../load/demos.js';
import { parseEnvOptions } from '../load/child-env.js';
import { EXIT_ERROR, EXIT_OK } from '../policy/exit-code.js';
import { renderColor } from '../report/render-color.js';
import { LOAD_FORMATS, renderLoadReport, type LoadFormat } from '../report/load/render-load.js';
import { renderProgress } from '../report/render-progress.js';
import { progressLine } from './progress-line.js';
import { writeOutput } from './write-output.js';

/** a check of the run failed (an error rate, a budget) */
const EXIT_FAILED = 1;
const EXIT_SIGNAL: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

export interface LoadArgs {
  app: string | undefined;
  demo: string | undefined;
  url: string | undefined;
  connections: number;
  duration: number;
  rounds: number | undefined;
  warmup: number;
  maxRequests: number;
  countRequests: number;
  instrument: string | undefined;
  instrumentations: string[] | undefined;
  against: string | undefined;
  againstInstrumentations: string[] | undefined;
  portEnv: string;
  env: string[];
  /** a folder, or false after --no-profile */
  profile: string | false | undefined;
  samplingUs: number;
  scan: boolean;
  startTimeout: number;
  maxErrorRate: number;
  budgetPct: number | undefined;
  unsafeRun: boolean;
  format: LoadFormat;
  output: string | undefined;
  quiet: boolean;
  color: boolean;
}

const LOAD_EPILOG = `Runs the app (or a demo) as child processes on free 127.0.0.1 ports — without instrumentation, with it, and against a second variant when asked — and drives them in alternating rounds with autocannon. Reports requests/s, latency and CPU per request with their spread over rounds, the packages the difference went to (a CPU profile of the app under load) and the expensive operations per request with their sites (otel-audit's op counters, in the app).

Demos: ${DEMO_NAMES.join(', ')} (npx otel-audit load --demo http).

Exit codes:
  0    the run completed and every check passed
  1    a variant failed more than --max-error-rate % of its requests, or lost more than --budget-pct % of throughput beyond noise
  2    usage error; the app (or a preload, or an instrumentation package) not found; the app did not start, exited or never listened
  130  interrupted (Ctrl-C; 143 for SIGTERM): every process it started was stopped`;

const list = (v: unknown): string[] | undefined =>
  v === undefined
    ? undefined
    : (Array.isArray(v) ? v : [v])
        .flatMap((x) => String(x).split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');

export function loadOptions<T>(y: Argv<T>) {
  return (
    y
      .positional('app', { type: 'string', describe: "the app's entry file (it must listen on the port in $PORT)" })
      .option('demo', { choices: DEMO_NAMES, describe: 'run a demo app instead' })
      .option('url', { type: 'string', requiresArg: true, describe: "the request path (default /, or the demo's)" })
      .option('connections', { type: 'number', requiresArg: true, default: LOAD_DEFAULTS.connections, describe: 'concurrent connections' })
      .option('duration', { type: 'number', requiresArg: true, default: LOAD_DEFAULTS.durationS, describe: 'seconds of load per variant, over all rounds' })
      .option('rounds', {
        type: 'number',
        requiresArg: true,
        describe: `rounds the duration is split into; the variants take turns in each (default: ${LOAD_DEFAULTS.roundsPerSecond} per second of --duration, at most ${LOAD_DEFAULTS.maxRounds})`,
      })
      .option('warmup', { type: 'number', requiresArg: true, default: LOAD_DEFAULTS.warmupS, describe: 'seconds of load per variant before the rounds (not measured)' })
      .option('max-requests', { type: 'number', requiresArg: true, default: LOAD_DEFAULTS.maxRequestsPerRound, describe: 'request cap per round and variant' })
      .option('count-requests', { type: 'number', requiresArg: true, default: LOAD_DEFAULTS.countRequests, describe: 'requests per variant in the counting pass (0: no counting)' })
      .option('instrument', { type: 'string', requiresArg: true, describe: 'your instrumentation preload for the "with" variant ([--require|--import] <module>)' })
      .option('instrumentations', { type: 'string', requiresArg: true, describe: "instrumentation packages for otel-audit's SDK preload (default: those in the app's package.json)" })
      .option('against', { type: 'string', requiresArg: true, describe: 'a second preload to compare with ("against" variant)' })
      .option('against-instrumentations', { type: 'string', requiresArg: true, describe: 'packages for an "against" variant with otel-audit\'s SDK preload' })
      .option('port-env', { type: 'string', requiresArg: true, default: LOAD_DEFAULTS.portEnv, describe: 'the environment variable the app reads its port from' })
      .option('env', {
        type: 'string',
        array: true,
        requiresArg: true,
        default: [] as string[],
        describe: 'pass NAME (from this environment) or NAME=VALUE to the app; nothing else of this environment is passed',
      })
      .option('profile', { type: 'string', describe: "write each variant's CPU profile (.cpuprofile, .top.txt, .dot) into DIR; --no-profile: no profile, no attribution" })
      .option('sampling-us', { type: 'number', requiresArg: true, default: LOAD_DEFAULTS.samplingIntervalUs, describe: "the profile's sampling interval, µs" })
      .option('scan', { type: 'boolean', default: true, describe: 'scan the packages the instrumentation loaded and join the counted operations to the findings (--no-scan: skip)' })
      .option('start-timeout', { type: 'number', requiresArg: true, default: LOAD_DEFAULTS.startTimeoutMs / 1000, describe: 'seconds the app may take to listen' })
      .option('max-error-rate', { type: 'number', requiresArg: true, default: LOAD_DEFAULTS.maxErrorRatePct, describe: 'most failed requests allowed per variant, %' })
      .option('budget-pct', { type: 'number', requiresArg: true, describe: 'fail when a variant loses more throughput than this against "without", %, beyond noise' })
      .option('unsafe-run', {
        type: 'boolean',
        default: false,
        describe: 'run the app WITHOUT the sandbox (your environment, files and network): for an app that needs them, e.g. its database',
      })
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- yargs types an option by its default: without the assertion the option's type is the literal 'terminal'
      .option('format', { choices: LOAD_FORMATS, default: 'terminal' as LoadFormat, describe: 'report format' })
      .option('output', { type: 'string', requiresArg: true, describe: 'write the report to FILE instead of stdout' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress line' })
      .option('color', { type: 'boolean', default: true, describe: 'colour terminal output on a TTY (--no-color: never)' })
      .check((a) => {
        if ((a.app === undefined) === (a.demo === undefined)) throw new Error('name the app entry file or a --demo (one of them)');
        if (a.instrument !== undefined && a.instrumentations !== undefined)
          throw new Error("--instrument (your preload) and --instrumentations (packages for otel-audit's preload) exclude each other");
        if (a.against !== undefined && a.againstInstrumentations !== undefined) throw new Error('--against and --against-instrumentations exclude each other');
        if (typeof a.profile === 'string' && a.profile === '') throw new Error('--profile takes a folder');
        return true;
      })
      .epilog(LOAD_EPILOG)
  );
}

export function loadArgsToOptions(a: LoadArgs, signal: AbortSignal, onProgress: LoadOptions['onProgress']): LoadOptions {
  return {
    ...(a.app !== undefined ? { app: a.app } : {}),
    ...(a.demo !== undefined ? { demo: a.demo } : {}),
    ...(a.url !== undefined ? { path: a.url } : {}),
    connections: a.connections,
    durationS: a.duration,
    ...(a.rounds !== undefined ? { rounds: a.rounds } : {}),
    warmupS: a.warmup,
    maxRequestsPerRound: a.maxRequests,
    countRequests: a.countRequests,
    ...(a.instrument !== undefined ? { instrument: a.instrument } : {}),
    ...(a.instrumentations !== undefined ? { instrumentations: list(a.instrumentations)! } : {}),
    ...(a.against !== undefined ? { against: a.against } : {}),
    ...(a.againstInstrumentations !== undefined ? { againstInstrumentations: list(a.againstInstrumentations)! } : {}),
    portEnv: a.portEnv,
    env: parseEnvOptions(a.env, process.env),
    samplingIntervalUs: a.profile === false ? null : a.samplingUs,
    ...(typeof a.profile === 'string' ? { profileDir: a.profile } : {}),
    scan: a.scan,
    startTimeoutMs: a.startTimeout * 1000,
    maxErrorRatePct: a.maxErrorRate,
    budgetPct: a.budgetPct ?? null,
    ...(a.unsafeRun ? { unsafeRun: true } : {}),
    signal,
    ...(onProgress ? { onProgress } : {}),
  };
}

export async function runLoad(a: LoadArgs): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    // a second Ctrl-C: out now; the children's probes exit with the IPC channel
    if (controller.signal.aborted) process.exit(EXIT_SIGNAL[signal] ?? EXIT_ERROR);
    process.stderr.write(`\notel-audit: ${signal}: stopping the app processes…\n`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = progressLine(renderProgress, a.quiet);
  try {
    let options: LoadOptions;
    try {
      options = loadArgsToOptions(a, controller.signal, progress?.update);
    } catch (err) {
      throw new LoadInputError((err as Error).message);
    }
    const { load } = await import('../load/load.js');
    const { report, profiles } = await load(options).finally(() => progress?.clear());
    let html = {};
    if (a.format === 'html') {
      const { loadVizScript } = await import('../render-inputs/viz-script.js');
      const { loadRuleInfo } = await import('../render-inputs/load-rule-info.js');
      const { loadExcerpts } = await import('../render-inputs/load-excerpts.js');
      html = { vizScript: loadVizScript(), rules: await loadRuleInfo(), excerpts: loadExcerpts(report, process.cwd()) };
    }
    const color = renderColor({ flag: a.color, isTTY: process.stdout.isTTY === true, toFile: a.output !== undefined, env: process.env });
    const text = renderLoadReport(report, { format: a.format, color, variantProfiles: profiles, ...html });
    if (!(await writeOutput(text, a.output, a.quiet ? null : `wrote ${a.format} load report to`, { html: a.format === 'html' }))) return EXIT_ERROR;
    return report.load!.failures.length > 0 ? EXIT_FAILED : EXIT_OK;
  } catch (err) {
    if (err instanceof LoadInterrupted) {
      process.stderr.write(`otel-audit: ${err.message}\n`);
      return EXIT_SIGNAL[err.signal] ?? EXIT_ERROR;
    }
    if (err instanceof LoadInputError) {
      process.stderr.write(`otel-audit: ${err.message}\n`);
      return EXIT_ERROR;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
