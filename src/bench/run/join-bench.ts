// `scan --bench`: one report holding both, each per-call finding annotated with what the bench measured
// for its hook — `measuredOverheadNsPerSpan` — and whether the finding's operation was counted there at
// run time — `confirmed`. The join is on package and hook target; static targets name the patched
// object the way the source does (`pg:moduleExports.prototype.query`, `fs:objectToPatch.*`), bench
// targets by where the wrapper sits on the module (`pg:prototype.query`), so targets match when their
// modules agree (or the static one could not be resolved) and so do the wrapped members' names (`*`
// matching any); the best match wins: exact, then same member, then wildcard, then the costlier case.
// A finding whose hook matches no measured case keeps neither field.
import { auditById } from '../../../audits/index.js';
import type { Benchmark, Finding, Report } from '../../model/report.js';
import { confirmingCounters } from '../counters/confirming-counters.js';
import { summarise } from './bench.js';
import { matchScore } from './match-target.js';
import { joinEvidence } from './join-evidence.js';
import { recount } from '../../model/summary.js';

export { matchScore };

/** Counter names (op-counters.ts) that show a finding's operation ran: its rule's `counters.confirm` in the registry. */
export function countersFor(ruleId: string, operation: string): readonly string[] {
  return confirmingCounters(auditById(ruleId), operation);
}

function bestMatch(f: Finding, benchmarks: readonly Benchmark[]): Benchmark | undefined {
  if (f.hook === null) return undefined;
  const owner = f.reachedFrom ?? f.package;
  let best: Benchmark | undefined;
  let bestScore = 0;
  for (const b of benchmarks) {
    if (b.status !== 'measured' || b.hook === null || b.package !== owner || b.hook.kind !== f.hook.kind) continue;
    // an entry the bench accounted to this very hook (account-hooks.ts) beats any match of names
    const score = b.scanHook === f.hook.id ? 4 : matchScore(f.hook.target, b.hook.target, b.hook.kind);
    // equal scores: the costlier case, so the figure shown is never the optimistic one
    if (score > bestScore || (score === bestScore && score > 0 && (b.overheadNsPerSpan ?? 0) > (best?.overheadNsPerSpan ?? 0))) {
      best = b;
      bestScore = score;
    }
  }
  return best;
}

/** What entry `b` measured, for a finding it stands for: its overhead, and whether the finding's operation was counted there. */
function measuredOf(f: Finding, b: Benchmark): Pick<Finding, 'measuredOverheadNsPerSpan' | 'confirmed'> {
  if (b.overheadNsPerSpan === null) return {};
  const confirmed = countersFor(f.ruleId, f.operation).some((op) => (b.opsPerCall[op] ?? 0) > 0);
  return { measuredOverheadNsPerSpan: b.overheadNsPerSpan, confirmed };
}

function annotate(f: Finding, benchmarks: readonly Benchmark[]): Finding {
  if (f.frequency !== 'per-call') return f;
  const b = bestMatch(f, benchmarks);
  return b === undefined ? f : { ...f, ...measuredOf(f, b) };
}

export function joinBench(scanned: Report, benched: Report): Report {
  const benchmarks = benched.benchmarks ?? [];
  const s = benched.benchSummary;
  const annotated = scanned.findings.map((f) => annotate(f, benchmarks));
  // block coverage: evidence on per-call findings, and per-call findings the analysis did not call so
  // a bench report from elsewhere (vet's stand-in, an older tool) may lack roots and packages: no coverage to join then
  const findings = joinEvidence(annotated, { roots: scanned.roots, benchRoots: benched.roots ?? [], benchmarks, matchOf: (f) => bestMatch(f, benchmarks), measuredOf }, benched.packages ?? []);
  return {
    ...scanned,
    findings,
    summary: recount(scanned.summary, findings),
    reference: benched.reference ?? null,
    benchmarks,
    benchSummary: s ? { ...s, withScan: true } : summarise(benchmarks, 0, 0, 0, true),
  };
}
