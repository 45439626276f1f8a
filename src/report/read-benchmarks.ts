// Reads the optional benchmark part of a report (`benchmarks`, `reference`, added by `scan --bench` /
// `bench`) defensively, for every view that uses it (terminal excepted: it renders the typed report
// as written): the fields are optional, may come from another tool version, and are read from JSON
// nobody type-checked. Anything malformed is dropped, never fatal. Package-level entries (`hook: null`:
// nothing to measure, or a package that failed to load) are kept; the views that compare or rank hooks
// keep only the entries with a hook (`hasHook`).
import type { Benchmark, HookKind, HookRef, Report } from '../model/report.js';

/** The timings and counts of an entry, each a finite number or null (see `Benchmark` for what they mean). */
const FIGURES = ['spansPerCall', 'baselineNsPerCall', 'instrumentedNsPerCall', 'unsampledNsPerCall', 'overheadNsPerSpan', 'marginPct', 'samples'] as const;
type Figure = (typeof FIGURES)[number];

/** A `Benchmark` as read: `hook` null for a package-level entry (or a hook this version cannot read). */
export interface BenchmarkEntry extends Pick<Benchmark, 'package' | 'hook' | 'reason' | Figure> {
  /** `measured`, `skipped`, `failed`; `unknown` when the entry has none */
  status: string;
  /** the bare span measured beside this case, ns (positive), or null */
  bareSpanNs: number | null;
  /** operation → times per call, keys sorted */
  opsPerCall: Record<string, number>;
}

/** An entry of a hook: what diff, vet and the ranking compare. */
export type HookBenchmarkEntry = BenchmarkEntry & { hook: HookRef };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const positive = (v: unknown): number | null => {
  const n = num(v);
  return n !== null && n > 0 ? n : null;
};
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
  for (const k of Object.keys(v).sort()) {
    const count = num(v[k]);
    if (count !== null) out[k] = count;
  }
  return out;
}

function readEntry(v: unknown): BenchmarkEntry | null {
  if (!isObject(v)) return null;
  const pkg = str(v.package);
  if (pkg === null) return null;
  const figures = Object.fromEntries(FIGURES.map((k) => [k, num(v[k])])) as Record<Figure, number | null>;
  return { package: pkg, hook: readHook(v.hook), status: str(v.status) ?? 'unknown', reason: str(v.reason), ...figures, bareSpanNs: positive(v.bareSpanNs), opsPerCall: readOps(v.opsPerCall) };
}

/** The report's benchmarks, or null when it has none (a plain scan). */
export function readBenchmarks(report: Report | Record<string, unknown>): BenchmarkEntry[] | null {
  const raw = (report as Record<string, unknown>).benchmarks;
  if (!Array.isArray(raw)) return null;
  return raw.map(readEntry).filter((e): e is BenchmarkEntry => e !== null);
}

/** The entry names a hook (it is not a package-level outcome). */
export const hasHook = (e: BenchmarkEntry): e is HookBenchmarkEntry => e.hook !== null;

/** `reference.bareSpanNs`, the cost of a bare span on the machine that measured (positive), or null. */
export function readBareSpanNs(report: Report | Record<string, unknown>): number | null {
  const ref = (report as Record<string, unknown>).reference;
  return isObject(ref) ? positive(ref.bareSpanNs) : null;
}

/** A measured overhead per span, or null when the hook was not (or not usably) measured. */
export function measuredOverhead(b: BenchmarkEntry): number | null {
  return b.status === 'measured' ? b.overheadNsPerSpan : null;
}
