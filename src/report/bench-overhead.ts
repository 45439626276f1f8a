// The worst measured overhead per span of each package, for the views that summarise a report's
// benchmarks per package: the Markdown table, the HTML overview and the policy's budgets. Built on
// read-benchmarks.ts, so a scan-only report gives an empty map and malformed entries are skipped.
import type { Report } from '../model/report.js';
import { measuredOverhead, readBenchmarks } from './read-benchmarks.js';

export interface PackageOverhead {
  /** the largest overhead per span over the package's measured hooks, ns */
  ns: number;
  /** the hook it was measured on (`pg:Client.prototype.query`), when the entry names one */
  hook: string | null;
  /** measured hooks of the package */
  measured: number;
}

/**
 * Worst measured overhead per span of each package (`name@version`). A package is as expensive as its
 * most expensive hook: that is the call a user pays for, and what a budget must hold.
 */
export function packageOverheads(report: Report): Map<string, PackageOverhead> {
  const out = new Map<string, PackageOverhead>();
  for (const entry of readBenchmarks(report) ?? []) {
    const ns = measuredOverhead(entry);
    if (ns === null) continue;
    const hook = entry.hook?.target ?? null;
    const prev = out.get(entry.package);
    if (prev === undefined) out.set(entry.package, { ns, hook, measured: 1 });
    else out.set(entry.package, ns > prev.ns ? { ns, hook, measured: prev.measured + 1 } : { ...prev, measured: prev.measured + 1 });
  }
  return out;
}
