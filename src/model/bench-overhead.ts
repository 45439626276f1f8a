// Derived figures of a report's benchmarks, for every view that summarises them per package (the
// Markdown table, the HTML overview, the ranking) and for the policy's budgets.
import { measuredOverhead, type Benchmark } from './benchmark.js';
import type { Report } from './report.js';

export interface PackageOverhead {
  /** the largest overhead per span over the package's measured hooks, ns */
  ns: number;
  /** the hook it was measured on (`pg:Client.prototype.query`), when the entry names one */
  hook: string | null;
  /** measured hooks of the package */
  measured: number;
}

/** An entry of a hook: what diff, vet and the ranking compare. */
export type HookBenchmark = Benchmark & { hook: NonNullable<Benchmark['hook']> };

/**
 * Worst measured overhead per span of each package (`name@version`). A package is as expensive as its
 * most expensive hook: that is the call a user pays for, and what a budget must hold.
 */
export function packageOverheads(report: Report): Map<string, PackageOverhead> {
  const out = new Map<string, PackageOverhead>();
  for (const entry of report.benchmarks ?? []) {
    const ns = measuredOverhead(entry);
    if (ns === null) continue;
    const hook = entry.hook?.target ?? null;
    const prev = out.get(entry.package);
    if (prev === undefined) out.set(entry.package, { ns, hook, measured: 1 });
    else out.set(entry.package, ns > prev.ns ? { ns, hook, measured: prev.measured + 1 } : { ...prev, measured: prev.measured + 1 });
  }
  return out;
}

/** `reference.bareSpanNs`, the cost of a bare span on the machine that measured (positive), or null. */
export function bareSpanNsOf(report: Report): number | null {
  const ns = report.reference?.bareSpanNs;
  return ns !== undefined && Number.isFinite(ns) && ns > 0 ? ns : null;
}

/** The bare span measured beside one entry (positive), or null. */
export function entryBareSpanNs(b: Benchmark): number | null {
  const ns = b.bareSpanNs;
  return typeof ns === 'number' && Number.isFinite(ns) && ns > 0 ? ns : null;
}
