// Reads the optional `benchmarks` / `reference` of a report (added by `scan --bench` / `bench`, issue
// 4) defensively: the fields are optional, may come from another tool version, and are read from JSON
// nobody type-checked. Only what diff, vet and reports/ need is taken; anything malformed is dropped.
import type { HookKind, HookRef, Report } from '../report/model.js';

export interface BenchmarkEntry {
  /** `name@version` as in the report */
  package: string;
  hook: HookRef;
  status: string;
  reason: string | null;
  spansPerCall: number | null;
  baselineNsPerCall: number | null;
  instrumentedNsPerCall: number | null;
  overheadNsPerSpan: number | null;
  /** relative margin of error of the instrumented measurement, % */
  marginPct: number | null;
  opsPerCall: Record<string, number>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function readHook(v: unknown): HookRef | null {
  if (!isObject(v)) return null;
  const target = str(v.target);
  const id = str(v.id) ?? target;
  if (id === null) return null;
  return { id, kind: (str(v.kind) ?? 'wrap') as HookKind, target: target ?? id };
}

function readOps(v: unknown): Record<string, number> {
  if (!isObject(v)) return {};
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(v)) {
    const count = num(n);
    if (count !== null) out[k] = count;
  }
  return out;
}

function readEntry(v: unknown): BenchmarkEntry | null {
  if (!isObject(v)) return null;
  const pkg = str(v.package);
  const hook = readHook(v.hook);
  if (pkg === null || hook === null) return null;
  return {
    package: pkg,
    hook,
    status: str(v.status) ?? 'unknown',
    reason: str(v.reason),
    spansPerCall: num(v.spansPerCall),
    baselineNsPerCall: num(v.baselineNsPerCall),
    instrumentedNsPerCall: num(v.instrumentedNsPerCall),
    overheadNsPerSpan: num(v.overheadNsPerSpan),
    marginPct: num(v.marginPct),
    opsPerCall: readOps(v.opsPerCall),
  };
}

/** The report's benchmarks, or null when it has none (a plain scan). */
export function readBenchmarks(report: Report | Record<string, unknown>): BenchmarkEntry[] | null {
  const raw = (report as Record<string, unknown>).benchmarks;
  if (!Array.isArray(raw)) return null;
  return raw.map(readEntry).filter((e): e is BenchmarkEntry => e !== null);
}

/** `reference.bareSpanNs`, the cost of a bare span on the machine that measured, or null. */
export function readBareSpanNs(report: Report | Record<string, unknown>): number | null {
  const ref = (report as Record<string, unknown>).reference;
  return isObject(ref) ? num(ref.bareSpanNs) : null;
}

/** A measured overhead per span, or null when the hook was not (or not usably) measured. */
export function measuredOverhead(b: BenchmarkEntry): number | null {
  return b.status === 'measured' ? b.overheadNsPerSpan : null;
}
