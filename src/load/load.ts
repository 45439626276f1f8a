// `load()`: the service-level A/B test. The app runs without and with instrumentation (and `against` a
// second one), each in a process of its own on a loopback port, under the same alternating load; the
// report says what the instrumentation costs the service per request — throughput, latency, CPU — with
// the spread over rounds, which packages that time went to (a CPU profile of the app under load), and
// which expensive operations ran per request, where (the op counters, in the app), joined to a scan of
// the packages the instrumentation brought in. Every process started here is stopped before it returns
// or throws.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Profiler } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { analyseProfile, writeProfile } from '../profile/profile.js';
import { emptyReport } from '../model/empty-report.js';
import type { LoadSection, LoadSettings, LoadVariant } from '../model/load.js';
import type { Report } from '../model/report.js';
import { analyseRun } from './analyse-run.js';
import { joinLoad } from './join-load.js';
import { LoadInputError } from './load-errors.js';
import { LOAD_DEFAULTS, type LoadOptions } from './load-options.js';
import { packageLabels, type PackageLabels } from './package-labels.js';
import { startDriver, type Driver } from './driver-process.js';
import { ProcessGroup } from './process-group.js';
import type { SandboxReport } from '../sandbox/sandbox-report.js';
import { resolveTarget } from './resolve-target.js';
import { runVariants, type RawVariant, type RunSettings } from './run-variants.js';

/** otel-audit's own package: the probe and the SDK preload are measurement, not instrumentation */
const OWN_PACKAGE = 'otel-audit@';
/** packages scanned at most (the instrumentation and what it brought in; more is a whole SDK distribution) */
const MAX_SCANNED = 40;

export interface LoadResult {
  report: Report;
  /** each variant's CPU profile of the rounds, by variant id (the HTML page draws them) */
  profiles: Map<string, Profiler.Profile>;
}

const posix = (p: string): string => p.split(path.sep).join('/');

function check(name: string, value: number, min: number, max: number, integer = false): number {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value)))
    throw new LoadInputError(`${name} takes ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not ${value}`);
  return value;
}

const defaultRounds = (durationS: number): number => Math.min(LOAD_DEFAULTS.maxRounds, Math.max(2, Math.round(durationS * LOAD_DEFAULTS.roundsPerSecond)));

function settingsOf(o: LoadOptions): LoadSettings & RunSettings {
  const sampling = o.samplingIntervalUs === undefined ? LOAD_DEFAULTS.samplingIntervalUs : o.samplingIntervalUs;
  return {
    connections: check('--connections', o.connections ?? LOAD_DEFAULTS.connections, 1, 1000, true),
    durationS: check('--duration', o.durationS ?? LOAD_DEFAULTS.durationS, 0.2, 3600),
    rounds: check('--rounds', o.rounds ?? defaultRounds(o.durationS ?? LOAD_DEFAULTS.durationS), 1, LOAD_DEFAULTS.maxRounds, true),
    warmupS: check('--warmup', o.warmupS ?? LOAD_DEFAULTS.warmupS, 0, 600),
    maxRequestsPerRound: check('--max-requests', o.maxRequestsPerRound ?? LOAD_DEFAULTS.maxRequestsPerRound, 1, 1e9, true),
    countRequests: check('--count-requests', o.countRequests ?? LOAD_DEFAULTS.countRequests, 0, 1e6, true),
    samplingIntervalUs: sampling === null ? null : check('--sampling-us', sampling, 50, 100_000, true),
    maxErrorRatePct: check('--max-error-rate', o.maxErrorRatePct ?? LOAD_DEFAULTS.maxErrorRatePct, 0, 100),
    budgetPct: o.budgetPct === undefined || o.budgetPct === null ? null : check('--budget-pct', o.budgetPct, 0, 100),
    portEnv: o.portEnv ?? LOAD_DEFAULTS.portEnv,
    startTimeoutMs: check('--start-timeout', o.startTimeoutMs ?? LOAD_DEFAULTS.startTimeoutMs, 100, 600_000),
  };
}

async function readProfiles(
  raws: readonly RawVariant[],
  profileDir: string | undefined,
  cwd: string,
): Promise<{ profiles: Map<string, Profiler.Profile>; files: Map<string, { cpuprofile: string; top: string; dot: string }> }> {
  const profiles = new Map<string, Profiler.Profile>();
  const files = new Map<string, { cpuprofile: string; top: string; dot: string }>();
  for (const raw of raws) {
    if (raw.profileFile === null) continue;
    const profile = JSON.parse(await readFile(raw.profileFile, 'utf8')) as Profiler.Profile;
    profiles.set(raw.plan.id, profile);
    if (profileDir === undefined) continue;
    const requests = raw.rounds.reduce((n, r) => n + r.result.requests, 0);
    const written = await writeProfile(path.resolve(cwd, profileDir), `load-${raw.plan.id}`, {
      cpuprofile: profile,
      ...analyseProfile(profile),
      calls: requests,
      samples: profile.samples?.length ?? 0,
      durationMs: Math.round((profile.endTime - profile.startTime) / 1000),
    });
    files.set(raw.plan.id, { cpuprofile: posix(path.relative(cwd, written.cpuprofile)), top: posix(path.relative(cwd, written.top)), dot: posix(path.relative(cwd, written.dot)) });
  }
  return { profiles, files };
}

/** Folders of the packages instrumented variants loaded and `without` did not: the instrumentation and what it brought in. */
function instrumentationPackages(variants: readonly LoadVariant[], labels: PackageLabels): string[] {
  const base = new Set(variants.find((v) => v.id === 'without')?.packages ?? []);
  const added = new Set(variants.filter((v) => v.id !== 'without').flatMap((v) => v.packages.filter((p) => !base.has(p) && !p.startsWith(OWN_PACKAGE))));
  return [...added]
    .sort()
    .flatMap((label) => labels.dirOf(label) ?? [])
    .slice(0, MAX_SCANNED);
}

/** What the apps' sandbox applied (the same for every variant), and what the profile cost it. */
function sandboxOf(raws: readonly RawVariant[], profiling: boolean): SandboxReport | undefined {
  const first = raws[0]?.sandbox;
  if (first === undefined) return undefined;
  const limits = [...new Set(raws.flatMap((r) => r.sandbox.limits))];
  if (first.enabled && !first.permissionModel && profiling) limits.push('load --no-profile keeps the permission model for the app, without the attribution to packages');
  return { ...first, permissionModel: raws.every((r) => r.sandbox.permissionModel), files: raws.every((r) => r.sandbox.files), limits };
}

async function scanAndJoin(report: Report, dirs: string[], cwd: string, variants: readonly LoadVariant[]): Promise<Report> {
  if (dirs.length === 0) return report;
  const { scan } = await import('../scan/scan.js');
  const scanned = await scan(dirs.map((d) => posix(path.relative(cwd, d)) || '.'));
  return { ...joinLoad(scanned, variants, cwd), load: report.load! };
}

export async function load(options: LoadOptions = {}): Promise<LoadResult> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const settings = settingsOf(options);
  const target = resolveTarget(options, cwd);
  const group = new ProcessGroup();
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'otel-audit-load-'));
  const unsafe = options.unsafeRun === true;
  let driver: Driver | undefined;
  try {
    let raws: RawVariant[];
    try {
      driver = await startDriver(unsafe);
      raws = await runVariants(target, settings, {
        group,
        tmpDir,
        driver,
        unsafe,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    } finally {
      await group.stopAll();
      driver?.stop();
    }
    const { profiles, files } = await readProfiles(raws, options.profileDir, cwd);
    const labels = packageLabels(
      target.entry,
      target.variants.flatMap((v) => v.preloadFile ?? []),
    );
    const { variants, comparisons, failures } = analyseRun({ raws, profiles, profileFiles: files, settings, labels, cwd });
    const { portEnv: _p, startTimeoutMs: _t, ...shown } = settings;
    const entry = posix(path.relative(cwd, target.entry));
    const section: LoadSection = {
      app: { entry, demo: target.demo?.name ?? null, path: target.path, host: '127.0.0.1', portEnv: settings.portEnv },
      settings: shown,
      variants,
      comparisons,
      failures,
      ...(sandboxOf(raws, settings.samplingIntervalUs !== null) ? { sandbox: sandboxOf(raws, settings.samplingIntervalUs !== null)! } : {}),
      durationMs: Date.now() - started,
    };
    let report: Report = { ...emptyReport(entry, []), load: section };
    if (options.scan !== false) {
      const dirs = instrumentationPackages(variants, labels);
      options.onProgress?.({ phase: 'scan', done: 0, total: dirs.length });
      report = await scanAndJoin(report, dirs, cwd, variants);
    }
    report.load!.durationMs = Date.now() - started;
    return { report, profiles };
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}
