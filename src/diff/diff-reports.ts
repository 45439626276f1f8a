// diffReports(base, head): what a change (a pull request, a version bump) does to instrumentation
// cost. Pure: two Reports in, one ReportDiff out.
import { countsAsPerCall, type Finding, type Report } from '../model/report.js';
import { hasHook } from '../model/benchmark.js';
import { compareBenchmarks, DEFAULT_THRESHOLD_PCT } from './compare-benchmarks.js';
import type { PackageVersionChange, ReportDiff, ReportSide } from './diff-model.js';
import { matchFindings } from './match-findings.js';

export interface DiffOptions {
  /** relative change of the overhead per span that may count as a regression, % (default 10) */
  thresholdPct?: number;
}

function side(r: Report): ReportSide {
  return { root: r.root, roots: r.roots, toolVersion: r.tool.version, packages: r.packages.length };
}

/** Packages added, removed or bumped (by name; a name present in several versions lists them all). */
function packageChanges(base: Report, head: Report): PackageVersionChange[] {
  const versions = (r: Report): Map<string, string> => {
    const m = new Map<string, Set<string>>();
    for (const p of r.packages) m.set(p.name, (m.get(p.name) ?? new Set()).add(p.version));
    return new Map([...m].map(([name, v]) => [name, [...v].sort().join(', ')]));
  };
  const b = versions(base);
  const h = versions(head);
  const names = [...new Set([...b.keys(), ...h.keys()])].sort();
  return names.filter((n) => b.get(n) !== h.get(n)).map((name) => ({ name, base: b.get(name) ?? null, head: h.get(name) ?? null }));
}

export function diffReports(base: Report, head: Report, options: DiffOptions = {}): ReportDiff {
  const thresholdPct = options.thresholdPct ?? DEFAULT_THRESHOLD_PCT;
  const findings = matchFindings(base.findings, head.findings);
  // only hooks are compared: package-level entries (nothing to measure, failed to load) are not
  const baseBench = (base.benchmarks ?? null)?.filter(hasHook) ?? null;
  const headBench = (head.benchmarks ?? null)?.filter(hasHook) ?? null;
  const benchmarks = baseBench !== null && headBench !== null ? compareBenchmarks(baseBench, headBench, thresholdPct) : null;
  const perCall = (list: { finding: Finding }[]): number => list.filter((c) => countsAsPerCall(c.finding)).length;
  return {
    schemaVersion: 1,
    kind: 'otel-audit-diff',
    base: side(base),
    head: side(head),
    thresholdPct,
    packages: packageChanges(base, head),
    findings,
    benchmarks,
    summary: {
      new: findings.new.length,
      fixed: findings.fixed.length,
      unchanged: findings.unchanged.length,
      moved: findings.unchanged.filter((u) => u.moved).length,
      newPerCall: perCall(findings.new),
      fixedPerCall: perCall(findings.fixed),
      regressions: benchmarks?.filter((b) => b.verdict === 'regression').length ?? 0,
      improvements: benchmarks?.filter((b) => b.verdict === 'improvement').length ?? 0,
    },
  };
}
