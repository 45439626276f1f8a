// Runtime truth joined with the scan: what the bench's block coverage (cover-packages.ts) says about
// each finding. A static per-call finding whose block ran under the bench is confirmed (`both`); one
// whose hook's function ran while its block did not is `static-not-seen` (a memo the analysis could
// not see, a branch the call never takes), and counts in verdicts only as the policy says. An audited
// operation the analysis called once, init or unknown — or reached from no hook at all — whose block
// ran at least once per call under a measured hook becomes per call, `evidence: runtime`, under the
// hook that drove it. `frequency` keeps its meaning: how often the operation runs.
import path from 'node:path';
import { auditById } from '../../../audits/index.js';
import type { Benchmark, CoverageSite, Finding, Report, RuntimeEvidence } from '../../model/report.js';
import { withCounted } from '../../model/report.js';
import { contextualSeverity } from '../../policy/severity.js';

/** Ran at least this many times per call: per call at run time. */
export const PER_CALL_AT_RUN_TIME = 1;

const keyOf = (root: string, file: string, line: number, column: number): string => `${path.posix.join(root.replace(/\\/g, '/'), file)}:${line}:${column}`;

/** Coverage sites of the measured entries, by absolute position: what each entry saw there. */
class SiteIndex {
  private readonly sites = new Map<Benchmark, Map<string, CoverageSite>>();

  constructor(benchmarks: readonly Benchmark[], rootOf: (b: Benchmark) => string | undefined) {
    for (const b of benchmarks) {
      const root = rootOf(b);
      if (b.coverage === undefined || root === undefined) continue;
      this.sites.set(b, new Map(b.coverage.sites.map((s) => [keyOf(root, s.file, s.line, s.column), s])));
    }
  }

  covered(b: Benchmark | undefined): boolean {
    return b !== undefined && this.sites.has(b);
  }

  at(b: Benchmark, key: string): CoverageSite | undefined {
    return this.sites.get(b)?.get(key);
  }

  /** The entry under which the position ran most often per call, at least `min` times; ties: the first. */
  driver(key: string, min: number): { b: Benchmark; site: CoverageSite } | undefined {
    let best: { b: Benchmark; site: CoverageSite } | undefined;
    for (const [b, sites] of this.sites) {
      const site = sites.get(key);
      if (site === undefined || site.perCall < min) continue;
      if (best === undefined || site.perCall > best.site.perCall) best = { b, site };
    }
    return best;
  }
}

function runtimeOf(b: Benchmark, site: CoverageSite | undefined, start: CoverageSite | undefined): RuntimeEvidence {
  const perCall = site?.perCall ?? 0;
  // the hook's own function: the call path's first step, else the function holding the operation
  const hookRan = ((start ?? site)?.functionPerCall ?? 0) > 0;
  return { perCall, reached: perCall > 0, hookRan, spansPerCall: b.spansPerCall ?? 0, benchHook: b.hook?.target ?? '' };
}

export interface EvidenceJoin {
  roots: readonly string[];
  benchRoots: readonly string[];
  benchmarks: readonly Benchmark[];
  /** the measured entry of the finding's hook (join-bench.ts: same package and kind, best target) */
  matchOf: (f: Finding) => Benchmark | undefined;
  /** what the entry measured, as join-bench.ts writes it on per-call findings (overhead, confirmed) */
  measuredOf: (f: Finding, b: Benchmark) => Pick<Finding, 'measuredOverheadNsPerSpan' | 'confirmed'>;
}

function describe(f: Finding, b: Benchmark, perCall: number): string {
  return `${f.operation} ran ${perCall === 1 ? 'once' : `${perCall} times`} per call of ${b.hook?.kind ?? 'a'} ${b.hook?.target ?? 'hook'} at run time (the static analysis said ${f.frequency})`;
}

/**
 * `evidence`, `runtime` and `counted` on every finding the bench has something to say about; findings
 * with no measured hook and no covered position are left as they were.
 */
export function joinEvidence(findings: readonly Finding[], join: EvidenceJoin, packages: Report['packages']): Finding[] {
  // a bench without coverage (--no-coverage, a report from before it) has nothing to say here
  if (!join.benchmarks.some((b) => b.coverage !== undefined)) return [...findings];
  const rootOfPackage = new Map(packages.map((p) => [`${p.name}@${p.version}`, join.benchRoots[p.root]]));
  const index = new SiteIndex(join.benchmarks, (b) => rootOfPackage.get(b.package));
  return findings.map((f) => {
    const root = join.roots[f.root] ?? '.';
    const key = keyOf(root, f.file, f.line, f.column);
    const step = f.callPath[0];
    const startKey = step === undefined ? undefined : keyOf(root, step.file, step.line, 0);
    const matched = f.hook === null ? undefined : join.matchOf(f);
    const ownRuntime = index.covered(matched) ? runtimeOf(matched!, index.at(matched!, key), startKey === undefined ? undefined : index.at(matched!, startKey)) : undefined;
    const driver = index.driver(key, Number.MIN_VALUE);

    if (f.frequency === 'per-call') {
      if (ownRuntime?.reached) return withCounted({ ...f, evidence: 'both', runtime: ownRuntime }, undefined);
      // ran under another measured hook (the join picked a case that does not take this path)
      if (driver !== undefined) return withCounted({ ...f, evidence: 'both', runtime: runtimeOf(driver.b, driver.site, undefined) }, undefined);
      if (ownRuntime === undefined) return { ...f, evidence: 'static' };
      return withCounted({ ...f, evidence: ownRuntime.hookRan ? 'static-not-seen' : 'static', runtime: ownRuntime }, undefined);
    }
    const promote = driver !== undefined && driver.site.perCall >= PER_CALL_AT_RUN_TIME ? driver : undefined;
    if (promote === undefined) return ownRuntime === undefined ? f : { ...f, runtime: ownRuntime };
    const audit = auditById(f.ruleId);
    const b = promote.b;
    const owner = b.package;
    const promoted: Finding = {
      ...f,
      frequency: 'per-call',
      severity: audit !== undefined ? contextualSeverity(audit.defaultSeverity, { path: 'normal', conditional: false }) : f.severity,
      hook: b.hook === null ? null : { id: b.hook.id, kind: b.hook.kind, target: b.hook.target },
      message: describe(f, b, promote.site.perCall),
      path: 'normal',
      evidence: 'runtime',
      runtime: runtimeOf(b, promote.site, undefined),
      ...join.measuredOf(f, b),
    };
    if (owner !== f.package) promoted.reachedFrom = owner;
    else delete promoted.reachedFrom;
    return promoted;
  });
}
