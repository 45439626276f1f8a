// `otel-audit bench`: discover packages like a scan (planScan), list each package's cases in a child
// process, then measure every case in a child process of its own, as many side by side as there are
// cores. A case that hangs or crashes is `failed` with the reason and the run goes on; a package with
// nothing to measure is listed with the reason. The result is a Report (findings empty) so that the
// same renderers serve `bench`, `scan` and `scan --bench`.
import diagnostics_channel from 'node:diagnostics_channel';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Benchmark, BenchSummary, HookInfo, PackageReport, Report } from '../../model/report.js';
import { mergeReport } from '../../scan/merge.js';
import { posix } from '../../scan/paths.js';
import { planScan, type PlannedPackage } from '../../scan/plan.js';
import {
  DEFAULT_COUNT_CALLS,
  DEFAULT_PROBE_TIMEOUT_MS,
  DEFAULT_TIME_MS,
  defaultCaseTimeoutMs,
  LIST_TIMEOUT_MS,
  PROFILE_MS,
  SCENARIO_MIN_TIME_MS,
  SCENARIO_WARM_UP_MS,
  type BenchOptions,
} from '../protocol/bench-options.js';
import type { BenchSettings, CaseSpec, ListResult } from '../protocol/child-protocol.js';
import { pool } from './pool.js';
import { median } from '../timing/run-benny.js';
import { runChild, type ChildRun, type ChildSandbox } from './run-child.js';
import { inspectorKeepsPermissions } from '../../sandbox/node-permissions.js';
import type { SandboxReport } from '../../sandbox/sandbox-report.js';
import { historyFile as defaultHistoryFile, historyKey, recordBareSpans, usualBareSpan } from './bare-span-history.js';
import { bareSpansOf, keepAttempt, markStillSlow, MAX_ATTEMPTS, slowSpellCases, slowSpellThreshold } from './slow-spell.js';
import { hookFilter } from './hook-filter.js';
import { scenarioCases } from './scenario-cases.js';
import { failedEntry, hookIds, measuredEntry, noteEntry, skippedEntry } from './to-benchmark.js';
import { accountHooks, needsOf, scanHookOf, type PackageAccount } from './account-hooks.js';
import { coverageSites, coverPackage, toCoverage } from './cover-packages.js';
import { BenchCache } from './bench-cache.js';

/**
 * Published (`{ mode, package }`) whenever the bench starts a child process (a coverage child: when
 * it is done); silent without subscribers. Lets a test see that a run served from the cache started
 * none to list or measure.
 */
export const BENCH_CHILD_CHANNEL = 'otel-audit:bench:child';
const childChannel = diagnostics_channel.channel(BENCH_CHILD_CHANNEL);

interface PlannedCase {
  pkg: PlannedPackage;
  spec: CaseSpec;
  id: string;
}

const label = (p: PlannedPackage): string => `${p.name}@${p.version}`;

/**
 * What the children were sandboxed with, said once in the report: a protection is on only when every
 * child had it (a coverage or profile child that lost the permission model says so), with every limit
 * any child met.
 */
class SandboxRecord {
  private report: SandboxReport | undefined;
  private readonly limits = new Set<string>();
  untrusted = 0;

  note(run: ChildRun): void {
    const s = run.sandbox;
    const r = this.report;
    this.report =
      r === undefined
        ? s
        : {
            ...r,
            enabled: r.enabled && s.enabled,
            permissionModel: r.permissionModel && s.permissionModel,
            network: r.network && s.network,
            pidNamespace: r.pidNamespace && s.pidNamespace,
            files: r.files && s.files,
          };
    for (const l of s.limits) this.limits.add(l);
    if (run.unchecked !== undefined) this.limits.add(run.unchecked);
  }

  outcome(): SandboxReport | undefined {
    return this.report === undefined ? undefined : { ...this.report, limits: [...this.limits].sort() };
  }
}

async function listPackage(p: PlannedPackage, sandbox: ChildSandbox, record: SandboxRecord): Promise<ListResult> {
  if (childChannel.hasSubscribers) childChannel.publish({ mode: 'list', package: label(p) });
  const run = await runChild({ mode: 'list', dir: p.dir, name: p.name }, LIST_TIMEOUT_MS, sandbox, [p.dir]);
  record.note(run);
  const r = run.response;
  if (r.ok && r.mode === 'list') return r.result;
  return { cases: [], notes: [{ status: 'failed', reason: r.ok ? 'unexpected answer from the child process' : `listing failed: ${r.error}` }] };
}

/** Profile files a child names must be in the --profile folder: the HTML page reads them back. */
function insideFolder(dir: string, file: unknown): boolean {
  if (typeof file !== 'string') return false;
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function compareBenchmarks(a: Benchmark, b: Benchmark): number {
  // package-level notes first, then hooks by target and id: the order never depends on scheduling
  return (
    a.package.localeCompare(b.package) ||
    (a.hook === null ? -1 : 0) - (b.hook === null ? -1 : 0) ||
    (a.hook?.target ?? '').localeCompare(b.hook?.target ?? '') ||
    (a.hook?.id ?? '').localeCompare(b.hook?.id ?? '') ||
    (a.reason ?? '').localeCompare(b.reason ?? '')
  );
}

/**
 * The bench's counts. With `hooks` (the scanned hooks accounted for, account-hooks.ts) the share
 * measured is counted against the scan's hooks; without (a report from before), against the entries.
 */
export function summarise(
  benchmarks: readonly Benchmark[],
  timeMs: number,
  concurrency: number,
  durationMs: number,
  withScan: boolean,
  hooks?: BenchSummary['hooks'],
  coverageMs?: number,
): BenchSummary {
  const count = (s: Benchmark['status']): number => benchmarks.filter((b) => b.status === s).length;
  const entries = benchmarks.filter((b) => b.hook !== null).length;
  const measured = count('measured');
  const remeasured = benchmarks.filter((b) => (b.attempts ?? 1) > 1).length;
  const cached = benchmarks.filter((b) => b.cached === true).length;
  const [num, den] = hooks !== undefined ? [hooks.measured, hooks.total] : [measured, entries];
  return {
    cases: benchmarks.length,
    measured,
    skipped: count('skipped'),
    failed: count('failed'),
    measuredPct: den === 0 ? 0 : Math.round((num / den) * 1000) / 10,
    remeasured,
    ...(cached > 0 ? { cached } : {}),
    timeMs,
    concurrency,
    durationMs,
    withScan,
    ...(hooks !== undefined ? { hooks } : {}),
    ...(coverageMs !== undefined ? { coverageMs } : {}),
  };
}

function withSandbox(summary: BenchSummary, benchmarks: readonly Benchmark[], sandbox: SandboxReport | undefined): BenchSummary {
  const untrusted = benchmarks.filter((b) => b.untrusted !== undefined).length;
  return { ...summary, ...(untrusted > 0 ? { untrusted } : {}), ...(sandbox ? { sandbox } : {}) };
}

function packageReport(p: PlannedPackage, roots: string[], hooks: HookInfo[]): PackageReport {
  return {
    name: p.name,
    version: p.version,
    root: p.root,
    dir: posix(path.relative(roots[p.root]!, p.dir)) || '.',
    files: [],
    entry: p.entry,
    ...(p.copies.length > 0 ? { copies: p.copies } : {}),
    hooks,
  };
}

/** The scan the bench accounts against: the one given, else one of its own (quietly, like the bench's children). */
async function scannedFor(paths: string[], options: BenchOptions): Promise<Report> {
  if (options.scanned !== undefined) return options.scanned;
  const { scan } = await import('../../scan/scan.js');
  return scan(paths, { now: options.now });
}

export async function bench(paths: string[], options: BenchOptions = {}): Promise<Report> {
  const now = options.now ?? Date.now;
  const started = now();
  const timeMs = options.timeMs ?? DEFAULT_TIME_MS;
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const settings: BenchSettings = { timeMs, countCalls: options.countCalls ?? DEFAULT_COUNT_CALLS, probeTimeoutMs: options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS };
  const caseTimeout = options.caseTimeoutMs ?? defaultCaseTimeoutMs(timeMs);
  const plan = planScan(paths);
  const scanned = await scannedFor(paths, options);
  const scannedHooks = (p: PlannedPackage): HookInfo[] => scanned.packages.find((x) => x.name === p.name && x.version === p.version && x.root === p.root)?.hooks ?? [];
  const record = new SandboxRecord();
  const listSandbox: ChildSandbox = { unsafe: options.unsafeRun === true };
  // --profile needs node:inspector in the child, and a folder to write to
  const measureSandbox: ChildSandbox = options.profileDir === undefined ? listSandbox : { ...listSandbox, inspector: true, write: [path.resolve(options.profileDir)] };
  const filter = options.hooks === undefined ? undefined : hookFilter(options.hooks);
  // --profile wants files written by this run's children: nothing is served from (or stored in) the cache
  const cache =
    options.cache && options.profileDir === undefined ? new BenchCache(options.cache, settings, { caseTimeoutMs: caseTimeout, concurrency, unsafeRun: options.unsafeRun === true }) : undefined;

  let listed = 0;
  const lists = await pool(plan.packages, concurrency, async (p) => {
    let r = cache?.list(p);
    if (r === undefined) {
      r = await listPackage(p, listSandbox, record);
      cache?.saveList(p, r);
    }
    options.onProgress?.({ phase: 'list', done: ++listed, total: plan.packages.length, current: label(p) });
    return r;
  });

  const benchmarks: Benchmark[] = [];
  const cases: PlannedCase[] = [];
  plan.packages.forEach((pkg, i) => {
    const list = lists[i]!;
    // the package's fidelity scenarios (a real target) come after its generic cases
    const scenarios = scenarioCases(pkg);
    // what each hook reads before its span start, from the scan: tried when the plain mocks start no span
    const hooks = scannedHooks(pkg);
    const withNeeds = list.cases.map((spec): CaseSpec => {
      if (spec.kind !== 'wrap' && spec.kind !== 'diagnostics-channel') return spec;
      const needs = needsOf(scanHookOf(hooks, spec));
      return needs.length === 0 ? spec : { ...spec, needs };
    });
    const specs: CaseSpec[] = [...withNeeds, ...scenarios.cases];
    const ids = hookIds([...specs, ...scenarios.skipped.map((s) => s.spec)]);
    const wanted = (spec: CaseSpec): boolean => filter === undefined || filter.hook(`${pkg.name}:${spec.target}`);
    const kept = specs.map((spec, j) => ({ pkg, spec, id: ids[j]! })).filter((c) => wanted(c.spec));
    cases.push(...kept);
    scenarios.skipped.forEach((s, j) => {
      if (wanted(s.spec)) benchmarks.push(skippedEntry(label(pkg), s.spec, ids[specs.length + j]!, s.reason));
    });
    // with --hooks, a package's own notes stay when the pattern names that package
    if (filter === undefined || kept.length > 0 || filter.package(pkg.name)) benchmarks.push(...list.notes.map((n) => noteEntry(label(pkg), n)));
  });

  let done = 0;
  const measureStart = now();
  const measuredAt = new Map<PlannedCase, string>();
  const measureCase = async (c: PlannedCase): Promise<Benchmark> => {
    if (childChannel.hasSubscribers) childChannel.publish({ mode: 'measure', package: label(c.pkg), target: c.spec.target });
    const profile = options.profileDir === undefined ? {} : { profile: { dir: options.profileDir, name: `${c.pkg.name}@${c.pkg.version} ${c.id}`, durationMs: PROFILE_MS } };
    // a scenario is timed for at least SCENARIO_MIN_TIME_MS a variant, after a warm-up of each side
    const timeout = c.spec.kind === 'scenario' ? Math.max(caseTimeout, defaultCaseTimeoutMs(Math.max(timeMs, SCENARIO_MIN_TIME_MS)) + 2 * SCENARIO_WARM_UP_MS) : caseTimeout;
    const run = await runChild(
      { mode: 'measure', dir: c.pkg.dir, name: c.pkg.name, spec: c.spec, settings, ...profile },
      timeout + (options.profileDir === undefined ? 0 : PROFILE_MS + 10_000),
      measureSandbox,
      [c.pkg.dir],
    );
    measuredAt.set(c, new Date().toISOString());
    record.note(run);
    const r = run.response;
    if (!(r.ok && r.mode === 'measure')) return failedEntry(label(c.pkg), c.spec, c.id, r.ok ? 'unexpected answer from the child process' : r.error);
    const files = r.result.profileFiles;
    const own = files !== undefined && options.profileDir !== undefined && [files.cpuprofile, files.top, files.dot].every((f) => insideFolder(options.profileDir!, f));
    const { profileFiles: _named, ...measurement } = r.result;
    const entry = measuredEntry(label(c.pkg), c.spec, c.id, own ? r.result : measurement, plan.roots[c.pkg.root]!);
    return run.untrusted === undefined ? entry : { ...entry, untrusted: run.untrusted };
  };
  const measured = await pool(cases, concurrency, async (c) => {
    const entry = cache?.measurement(c.pkg, c.spec, plan.roots[c.pkg.root]!) ?? (await measureCase(c));
    done++;
    const elapsed = now() - measureStart;
    options.onProgress?.({ phase: 'measure', done, total: cases.length, current: `${label(c.pkg)} ${c.spec.target}`, remainingMs: (elapsed / done) * (cases.length - done) });
    return entry;
  });
  // a case whose bare span came out well above the run's, or this machine's usual one, was measured
  // through a slow spell (slow-spell.ts): measured again, and the quieter attempt is the one reported
  const historyFile = options.history === undefined ? defaultHistoryFile() : options.history;
  const key = historyKey(concurrency, timeMs);
  const usual = historyFile === null ? { ns: null } : usualBareSpan(historyFile, key);
  const threshold = slowSpellThreshold(measured, usual.ns);
  // entries from the cache are final: measured (and, if need be, measured again) by the run that stored them
  const fresh = (b: Benchmark): boolean => b.cached !== true;
  for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
    const again = slowSpellCases(measured, threshold).filter((i) => fresh(measured[i]!));
    if (again.length === 0) break;
    let redone = 0;
    const againStart = now();
    const next = await pool(again, concurrency, async (i) => {
      const c = cases[i]!;
      const entry = await measureCase(c);
      redone++;
      options.onProgress?.({
        phase: 'measure again',
        done: redone,
        total: again.length,
        current: `${label(c.pkg)} ${c.spec.target}`,
        remainingMs: ((now() - againStart) / redone) * (again.length - redone),
      });
      return entry;
    });
    again.forEach((i, k) => {
      measured[i] = keepAttempt(measured[i]!, next[k]!);
    });
  }
  if (threshold !== null) measured.forEach((b, i) => (measured[i] = fresh(b) ? markStillSlow(b, threshold) : b));
  if (cache) measured.forEach((b, i) => cache.saveMeasurement(cases[i]!.pkg, cases[i]!.spec, plan.roots[cases[i]!.pkg.root]!, b, measuredAt.get(cases[i]!) ?? new Date().toISOString()));
  // block coverage after the cache has stored the timing: it is not cached (it counts this scan's
  // positions), so cached entries are covered again like fresh ones
  let coverageMs: number | undefined;
  // the coverage child reads it through node:inspector where the permission model allows it (or where
  // there is none to lose); under Node 20's, which refuses the inspector, through V8's own coverage
  // functions (coverage/start-coverage.ts), so that it stays in the sandbox either way
  if (options.coverage !== false) {
    const coverStart = now();
    await coverMeasured(cases, measured, scanned, settings, concurrency, plan.roots, options, { ...listSandbox, inspector: inspectorKeepsPermissions() }, record);
    coverageMs = now() - coverStart;
  }
  // recorded even when the file could not be read: a broken history is replaced by a fresh one
  const recorded = historyFile === null ? undefined : recordBareSpans(historyFile, key, bareSpansOf(measured.filter(fresh)));
  const historyProblem = usual.problem ?? recorded;
  // an entry whose wrapper's `_wrap` call the listing saw stands for the scanned hook of that call; one
  // a nested call assigned in place of a member, for the assign hook of that member
  benchmarks.push(
    ...measured.map((b, i) => {
      const c = cases[i]!;
      const h = c.spec.kind === 'wrap' && (c.spec.site !== undefined || c.spec.assigned === true) ? scanHookOf(scannedHooks(c.pkg), c.spec) : undefined;
      return h === undefined ? b : { ...b, scanHook: h.id };
    }),
  );
  // every scanned hook of the benched packages: measured, skipped or failed with the reason, never missing
  const wantedPackage = (p: PlannedPackage): boolean => filter === undefined || cases.some((c) => c.pkg === p) || filter.package(p.name);
  const accounts: PackageAccount[] = plan.packages.flatMap((p, i) => {
    if (!wantedPackage(p)) return [];
    const hooks = scannedHooks(p).filter((h) => filter === undefined || filter.hook(`${p.name}:${h.target}`));
    return [{ label: label(p), pkg: { ...packageReport(p, plan.roots, []), hooks }, notes: lists[i]!.notes }];
  });
  const accounted = accountHooks(benchmarks, accounts);
  benchmarks.splice(0, benchmarks.length, ...accounted.entries);
  benchmarks.sort(compareBenchmarks);

  const bares = bareSpansOf(benchmarks);
  const bare = bares.length === 0 ? null : median(bares);
  const durationMs = now() - started;
  // the same assembly as a scan (header, packages, relativised errors, counts), with no findings
  const base = mergeReport(
    plan,
    plan.packages.map((p) => ({ pkg: packageReport(p, plan.roots, scannedHooks(p)), findings: [] })),
    [],
    durationMs,
  );
  const report: Report = {
    ...base,
    reference:
      bare === null ? null : { bareSpanNs: Math.round(bare), ...(usual.ns === null ? {} : { usualBareSpanNs: Math.round(usual.ns) }), ...(historyProblem === undefined ? {} : { historyProblem }) },
    benchmarks,
    benchSummary: withSandbox(summarise(benchmarks, timeMs, concurrency, durationMs, false, accounted.hooks, coverageMs), benchmarks, record.outcome()),
  };
  if (cache) options.onCacheStats?.(cache.finish());
  return report;
}

/**
 * The coverage phase: each package's measured hooks (not SDK methods, not scenarios), as they were
 * measured, in one child per package; each entry gets its per-call counts (`coverage`), or a remark
 * when its coverage failed.
 */
async function coverMeasured(
  cases: readonly PlannedCase[],
  measured: Benchmark[],
  scanned: Report,
  settings: BenchSettings,
  concurrency: number,
  roots: string[],
  options: BenchOptions,
  sandbox: ChildSandbox,
  record: SandboxRecord,
): Promise<void> {
  const sites = coverageSites(scanned);
  const byPackage = new Map<PlannedPackage, number[]>();
  cases.forEach((c, i) => {
    const b = measured[i]!;
    // untrusted figures count as unmeasured: their case gives no run-time evidence either
    if (b.status !== 'measured' || b.untrusted !== undefined || (c.spec.kind !== 'wrap' && c.spec.kind !== 'diagnostics-channel')) return;
    byPackage.set(c.pkg, [...(byPackage.get(c.pkg) ?? []), i]);
  });
  const jobs = [...byPackage];
  let done = 0;
  await pool(jobs, concurrency, async ([pkg, indexes]) => {
    const cover = indexes.map((i) => {
      const spec = cases[i]!.spec as Extract<CaseSpec, { kind: 'wrap' | 'diagnostics-channel' }>;
      const b = measured[i]!;
      // a channel is published to, not called in a style: its stubs return plainly
      const style = b.callStyle === undefined || b.callStyle === 'method' ? 'sync' : b.callStyle;
      return { spec, style, drive: b.spanPath?.drive ?? [] };
    });
    const outcomes = await coverPackage(pkg.dir, pkg.name, cover, sites, settings, sandbox, (run) => {
      record.note(run);
      if (childChannel.hasSubscribers) childChannel.publish({ mode: 'cover', package: label(pkg) });
    });
    outcomes.forEach((o, k) => {
      const i = indexes[k]!;
      const b = measured[i]!;
      if ('error' in o) {
        const note = `block coverage failed: ${o.error}`;
        measured[i] = { ...b, reason: b.reason === null ? note : `${b.reason}; ${note}` };
      } else measured[i] = { ...b, coverage: toCoverage(o, sites, roots[pkg.root]!) };
    });
    options.onProgress?.({ phase: 'cover', done: ++done, total: jobs.length, current: label(pkg) });
  });
}
