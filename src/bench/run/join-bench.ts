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

/** Counter names (op-counters.ts) that show a finding's operation ran: its rule's `counters.confirm` in the registry. */
export function countersFor(ruleId: string, operation: string): readonly string[] {
  return confirmingCounters(auditById(ruleId), operation);
}

function split(target: string): { module: string; members: string[] } {
  const i = target.indexOf(':');
  if (i < 0) return { module: '', members: target.split('.') };
  return { module: target.slice(0, i), members: target.slice(i + 1).split('.') };
}

/** A static module name the analysis could not resolve (`internal_types_1.X`, a template literal): matches any. */
function unresolved(module: string): boolean {
  return /[`${}]/.test(module) || /^[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$.]*$/.test(module) && !module.includes('/');
}

const memberMatches = (s: string, b: string): boolean => s === '*' || s === b;

/** How well a static hook target names a bench target: 3 exact, 2+ same module and member (more with each owner that agrees), 1+ with `*`; 0 no. */
export function matchScore(staticTarget: string, benchTarget: string, kind: string): number {
  if (staticTarget === benchTarget) return 3;
  if (kind !== 'wrap') return 0;
  const s = split(staticTarget);
  const b = split(benchTarget);
  if (s.module !== b.module && !unresolved(s.module)) return 0;
  const sm = [...s.members].reverse();
  const bm = [...b.members].reverse();
  if (!memberMatches(sm[0]!, bm[0]!)) return 0;
  // the owners before the member may differ — the source names them by local variables (moduleExports,
  // proto …) — but each one that agrees, from the member outwards, makes the match better
  let owners = 0;
  while (owners + 1 < sm.length && owners + 1 < bm.length && sm[owners + 1] === bm[owners + 1]) owners++;
  return (sm[0] === '*' ? 1 : 2) + owners / 100;
}

function bestMatch(f: Finding, benchmarks: readonly Benchmark[]): Benchmark | undefined {
  if (f.hook === null) return undefined;
  const owner = f.reachedFrom ?? f.package;
  let best: Benchmark | undefined;
  let bestScore = 0;
  for (const b of benchmarks) {
    if (b.status !== 'measured' || b.hook === null || b.package !== owner || b.hook.kind !== f.hook.kind) continue;
    const score = matchScore(f.hook.target, b.hook.target, b.hook.kind);
    // equal scores: the costlier case, so the figure shown is never the optimistic one
    if (score > bestScore || (score === bestScore && score > 0 && (b.overheadNsPerSpan ?? 0) > (best?.overheadNsPerSpan ?? 0))) {
      best = b;
      bestScore = score;
    }
  }
  return best;
}

function annotate(f: Finding, benchmarks: readonly Benchmark[]): Finding {
  if (f.frequency !== 'per-call') return f;
  const b = bestMatch(f, benchmarks);
  if (b === undefined || b.overheadNsPerSpan === null) return f;
  const confirmed = countersFor(f.ruleId, f.operation).some((op) => (b.opsPerCall[op] ?? 0) > 0);
  return { ...f, measuredOverheadNsPerSpan: b.overheadNsPerSpan, confirmed };
}

export function joinBench(scanned: Report, benched: Report): Report {
  const benchmarks = benched.benchmarks ?? [];
  const s = benched.benchSummary;
  return {
    ...scanned,
    findings: scanned.findings.map((f) => annotate(f, benchmarks)),
    reference: benched.reference ?? null,
    benchmarks,
    benchSummary: s ? { ...s, withScan: true } : summarise(benchmarks, 0, 0, 0, true),
  };
}
