// Reads the optional benchmark part of a report (`benchmarks`, `reference`, written by `bench` /
// `scan --bench`) for the views that summarise it: the Markdown table and the policy's budgets.
// Read defensively, from `unknown`: a scan-only report has neither field, and an older or newer
// report may carry entries this version does not understand — those are skipped, never fatal.
import type { Report } from './model.js';

export interface PackageOverhead {
  /** the largest overhead per span over the package's measured hooks, ns */
  ns: number;
  /** the hook it was measured on (`pg:Client.prototype.query`), when the entry names one */
  hook: string | null;
  /** measured hooks of the package */
  measured: number;
}

interface BenchView {
  benchmarks?: unknown;
  reference?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const finiteNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The bare-span reference in ns (`reference.bareSpanNs`), or null when the report has none. */
export function bareSpanNs(report: Report): number | null {
  const ref = (report as BenchView).reference;
  if (!isRecord(ref)) return null;
  const ns = finiteNumber(ref.bareSpanNs);
  return ns !== undefined && ns > 0 ? ns : null;
}

/**
 * Worst measured overhead per span of each package (`name@version`). A package is as expensive as its
 * most expensive hook: that is the call a user pays for, and what a budget must hold.
 */
export function packageOverheads(report: Report): Map<string, PackageOverhead> {
  const out = new Map<string, PackageOverhead>();
  const raw = (report as BenchView).benchmarks;
  if (!Array.isArray(raw)) return out;
  for (const entry of raw as unknown[]) {
    if (!isRecord(entry) || typeof entry.package !== 'string') continue;
    if (entry.status !== undefined && entry.status !== 'measured') continue;
    const ns = finiteNumber(entry.overheadNsPerSpan);
    if (ns === undefined) continue;
    const hook = isRecord(entry.hook) && typeof entry.hook.target === 'string' ? entry.hook.target : null;
    const prev = out.get(entry.package);
    if (prev === undefined) out.set(entry.package, { ns, hook, measured: 1 });
    else out.set(entry.package, ns > prev.ns ? { ns, hook, measured: prev.measured + 1 } : { ...prev, measured: prev.measured + 1 });
  }
  return out;
}

/** `850 ns`, `15.2 µs`, `2.31 ms`: three significant figures are all a benchmark margin allows. */
export function formatNs(ns: number): string {
  const abs = Math.abs(ns);
  if (abs < 1_000) return `${Math.round(ns)} ns`;
  if (abs < 1_000_000) return `${threeFigures(ns / 1_000)} µs`;
  return `${threeFigures(ns / 1_000_000)} ms`;
}

function threeFigures(v: number): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = v.toFixed(digits);
  return digits === 0 ? text : text.replace(/\.?0+$/, '');
}
