// The library entry point: plan (discover packages, their entries), analyse each package once — on
// worker threads when there are enough packages to pay for them — and merge into the Report.
import diagnostics_channel from 'node:diagnostics_channel';
import { availableParallelism } from 'node:os';
import type { Report, ReportError } from '../model/report.js';
import { DEFAULT_MAX_FILE_BYTES, type ScanOptions } from './scan-options.js';
import { mergeReport } from './merge.js';
import type { AnalyserOptions, AnalyserState, FailedPackage, PackageResult } from './package-analyser.js';
import { planScan, type ScanPlan } from './plan.js';
import { runWorkers, startWorkers, stopWorkers } from './run-workers.js';
import { ScanCache } from './scan-cache.js';
import { costTable } from '../calibrate/cost-table.js';

/**
 * Worker threads are opt-in. On the reference machine (2 vCPUs) a single thread was faster: a Node
 * process already keeps the second core busy with GC and compilation, and each worker pays for
 * loading the compiler and parsing shared dependencies again (embedded default: 2.6-2.7 s in one
 * thread, 3.3 s with two workers; two bare parses side by side took 2.1 s each against 1.3 s alone).
 * Below MIN_PACKAGES_PER_WORKER packages per worker they never pay.
 */
const MIN_PACKAGES_PER_WORKER = 8;

/**
 * Phase boundaries of a scan (`{ phase, done, total }`), silent without subscribers: `npm run bench:scan
 * -- --memory` preloads a subscriber that takes the heap's figures at each one, so memory is measured
 * where it goes without the scan knowing how it is measured.
 */
export const SCAN_PHASE_CHANNEL = 'otel-audit:scan:phase';
const phaseChannel = diagnostics_channel.channel(SCAN_PHASE_CHANNEL);

export interface ScanPhaseEvent {
  phase: 'discover' | 'analyse' | 'merge';
  /** analyse: packages done so far (published every tenth of the run, and at its end) */
  done?: number;
  total?: number;
}

function phaseEnd(event: ScanPhaseEvent): void {
  if (phaseChannel.hasSubscribers) phaseChannel.publish(event);
}

function workerCount(requested: number, packages: number, minPerWorker: number): number {
  return Math.max(1, Math.min(requested, Math.floor(packages / Math.max(1, minPerWorker))));
}

/** A package found but not analysed: the check did not look at it, and says so in a kind --fail-on counts. */
function internalError(plan: ScanPlan, index: number, message: string): ReportError {
  const p = plan.packages[index]!;
  return { package: `${p.name}@${p.version}`, file: null, kind: 'skipped-package', message: `analysis failed, package skipped: ${message}` };
}

/** Analyses the given packages in this thread; a package whose analysis throws is reported, not fatal. */
async function analyseHere(
  plan: ScanPlan,
  options: AnalyserOptions,
  record: boolean,
  indexes: number[],
  onResult: (index: number) => void,
): Promise<{ results: Map<number, PackageResult>; state: AnalyserState; failed: FailedPackage[] }> {
  // loaded on demand: when workers do the analysis, or the cache has every package, this thread never
  // needs the compiler
  const [{ PackageAnalyser, AnalysisFailure }, { loadAudits }] = await Promise.all([import('./package-analyser.js'), import('../../audits/index.js')]);
  const analyser = new PackageAnalyser(await loadAudits(), plan.roots, plan.packages, options, record);
  const results = new Map<number, PackageResult>();
  const failed: FailedPackage[] = [];
  try {
    for (const i of indexes) {
      try {
        results.set(i, analyser.analyse(i));
      } catch (err) {
        if (err instanceof AnalysisFailure) failed.push({ index: i, message: err.message, ...(err.inputs ? { inputs: err.inputs } : {}) });
        else failed.push({ index: i, message: err instanceof Error ? err.message : String(err) });
      }
      onResult(i);
    }
  } finally {
    analyser.release();
  }
  return { results, state: analyser.state(), failed };
}

export async function scan(paths: string[], options: ScanOptions = {}): Promise<Report> {
  const now = options.now ?? Date.now;
  const started = now();
  // started before discovery, so loading the compiler in them overlaps it; dropped if not needed
  const requested = options.workers ?? 1;
  const pool = requested > 1 ? startWorkers(Math.min(requested, availableParallelism())) : [];
  let plan: ScanPlan;
  try {
    plan = planScan(paths, options.onProgress);
  } catch (err) {
    stopWorkers(pool);
    throw err;
  }
  phaseEnd({ phase: 'discover', total: plan.packages.length });
  const analyserOptions: AnalyserOptions = {
    ...(options.rules ? { rules: options.rules } : {}),
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    crossPackage: options.crossPackage ?? true,
    ...(options.setUpMethods && options.setUpMethods.length > 0 ? { setUpMethods: options.setUpMethods } : {}),
    ...(options.heldSourceBytes !== undefined ? { heldSourceBytes: options.heldSourceBytes } : {}),
  };
  let done = 0;
  const total = plan.packages.length;
  const cache = options.cache ? new ScanCache(options.cache, plan, analyserOptions, costTable()) : undefined;
  const onResult = (i: number): void => {
    done++;
    const p = plan.packages[i]!;
    options.onProgress?.({ phase: 'analyse', done, total, current: `${p.name}@${p.version}` });
    if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) phaseEnd({ phase: 'analyse', done, total });
  };

  const results = new Map<number, PackageResult>();
  const states: AnalyserState[] = [];
  let todo = plan.packages.map((_, i) => i);
  if (cache) {
    todo = todo.filter((i) => {
      const hit = cache.lookup(i);
      if (!hit) return true;
      if ('failed' in hit) plan.errors.push(internalError(plan, i, hit.failed));
      else results.set(i, hit.result);
      states.push(hit.state);
      onResult(i);
      return false;
    });
  }
  const record = cache !== undefined;
  const fresh = new Set(todo);
  const failures: FailedPackage[] = [];

  const workers = Math.min(pool.length, workerCount(requested, todo.length, options.minPackagesPerWorker ?? MIN_PACKAGES_PER_WORKER));
  stopWorkers(pool.splice(workers > 1 ? workers : 0));
  if (pool.length > 1) {
    const run = await runWorkers(pool, plan, todo, analyserOptions, record, onResult);
    for (const [i, r] of run.results) results.set(i, r);
    states.push(...run.states);
    failures.push(...run.failed);
    // whatever a dead worker held or never got to is done again here
    const failed = new Set(run.failed.map((f) => f.index));
    todo = todo.filter((i) => !results.has(i) && !failed.has(i));
  }
  if (todo.length > 0) {
    const here = await analyseHere(plan, analyserOptions, record, todo, onResult);
    for (const [i, r] of here.results) results.set(i, r);
    states.push(here.state);
    failures.push(...here.failed);
  }
  plan.errors.push(...failures.map((f) => internalError(plan, f.index, f.message)));
  if (cache) {
    for (const i of fresh) if (results.has(i)) cache.save(i, results.get(i)!);
    for (const f of failures) if (f.inputs) cache.saveFailure(f.index, f.message, f.inputs);
  }
  // the read logs are the cache's business: the report never holds them
  const report = mergeReport(
    plan,
    [...results.values()].map(({ pkg, findings }) => ({ pkg, findings })),
    states,
    now() - started,
  );
  phaseEnd({ phase: 'merge' });
  if (cache) options.onCacheStats?.(cache.finish());
  return report;
}
