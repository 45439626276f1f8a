// The bench (issue 4) is optional at run time: it lives in src/bench/bench.ts, written separately, and
// `vet` and `npm run reports` use it only when the built file exists and exports `bench`. Its result
// is parsed with the report's schema (src/model), so a change of its shape degrades to "bench
// failed: …" rather than a crash. Note that benchmarking loads and runs the package's code (install
// scripts never run); `--no-bench` keeps vet purely static.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Report } from '../model/report.js';

export interface BenchOutcome {
  status: 'measured' | 'not-available' | 'skipped' | 'failed';
  /** one sentence for the report */
  detail: string;
  /** the bench's own report (a Report with findings empty), as returned; read it defensively */
  report?: Record<string, unknown>;
}

type BenchFn = (paths: string[], options?: Record<string, unknown>) => Promise<unknown>;

const BENCH_MODULE = new URL('../bench/run/bench.js', import.meta.url);

/** The bench entry point when it is built and exports `bench`, else why not. */
export async function loadBench(moduleUrl: URL = BENCH_MODULE): Promise<BenchFn | string> {
  if (!existsSync(fileURLToPath(moduleUrl))) return 'bench not available (src/bench/bench.ts is not built in this version)';
  try {
    const mod = (await import(pathToFileURL(fileURLToPath(moduleUrl)).href)) as { bench?: unknown };
    return typeof mod.bench === 'function' ? (mod.bench as BenchFn) : 'bench not available (src/bench/bench.js exports no bench function)';
  } catch (err) {
    return `bench not available (loading it failed: ${(err as Error).message})`;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Benchmarks the packages at `paths`; never throws: a failure is an outcome with the reason. */
export async function runBench(paths: string[], options: { moduleUrl?: URL; benchOptions?: Record<string, unknown> } = {}): Promise<BenchOutcome> {
  const bench = await loadBench(options.moduleUrl);
  if (typeof bench === 'string') return { status: 'not-available', detail: bench };
  let result: unknown;
  try {
    result = await bench(paths, options.benchOptions ?? {});
  } catch (err) {
    return { status: 'failed', detail: `bench failed: ${(err as Error).message}` };
  }
  return benchOutcomeOf(result);
}

/** What a bench result (or a report the bench was joined into) says about the run, in one sentence. */
export function benchOutcomeOf(result: unknown): BenchOutcome {
  if (!isObject(result) || !Array.isArray(result.benchmarks)) return { status: 'failed', detail: 'bench returned no benchmarks' };
  const entries = result.benchmarks.filter(isObject);
  const hooks = entries.filter((b) => b.hook !== null && b.hook !== undefined);
  const measured = entries.filter((b) => b.status === 'measured').length;
  const failed = entries.filter((b) => b.status === 'failed');
  const firstFailure = failed.length > 0 && typeof failed[0]!.reason === 'string' ? `; first failure: ${failed[0]!.reason.split('\n')[0]}` : '';
  // counted against the scanned hooks when the bench accounted for them
  const scanned = isObject(result.benchSummary) && isObject(result.benchSummary.hooks) ? result.benchSummary.hooks : undefined;
  const counts =
    scanned !== undefined
      ? `hooks ${String(scanned.total)}, measured ${String(scanned.measured)}, skipped ${String(scanned.skipped)}, failed ${String(scanned.failed)}, no span ${String(scanned.noSpan)}`
      : `${measured} of ${hooks.length} hooks measured${failed.length > 0 ? `, ${failed.length} failed` : ''}`;
  return { status: 'measured', detail: `${counts}${firstFailure}`, report: result };
}

type JoinFn = (scanned: Report, benched: Report) => Report;
const JOIN_MODULE = new URL('../bench/run/join-bench.js', import.meta.url);

/**
 * The scan with the bench joined in: the bench's own join (`scan --bench`: findings annotated with
 * the measured overhead of their hook) when it is built, else its benchmarks and reference copied over.
 */
export async function joinBenchInto(scanned: Report, outcome: BenchOutcome, moduleUrl: URL = JOIN_MODULE): Promise<Report> {
  const benched = outcome.report;
  if (benched === undefined) return scanned;
  if (existsSync(fileURLToPath(moduleUrl))) {
    try {
      const mod = (await import(moduleUrl.href)) as { joinBench?: unknown };
      if (typeof mod.joinBench === 'function') return (mod.joinBench as JoinFn)(scanned, benched as unknown as Report);
    } catch {
      // fall through to the plain copy: the join is a refinement, not a requirement
    }
  }
  // `as object`: the model's Benchmark type may be stricter than this raw copy; the renderers read it defensively
  return { ...scanned, ...({ benchmarks: benched.benchmarks, reference: benched.reference ?? null } as object) };
}
