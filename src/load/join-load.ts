// `load` joins what it counted in the app to the scan of the packages the instrumentation brought in,
// as `scan --bench` joins the bench: a per-call finding whose operation was counted at its line (a
// counter that stands for the operation, as in join-bench.ts; the same file, within a couple of lines,
// the exact line first) gets `confirmed` and `perRequestUnderLoad`. A finding of a package an
// instrumented variant loaded, whose operation never ran there under load, gets `confirmed: false` and
// 0: the static path exists, this traffic did not take it.
import path from 'node:path';
import { countersFor } from '../bench/run/join-bench.js';
import type { LoadVariant } from '../model/load.js';
import type { Finding, Report } from '../model/report.js';

/** how far a counted call may sit from the finding's line (a call written over several lines) */
const LINE_SLACK = 2;

function perRequestAt(f: Finding, file: string, variants: readonly LoadVariant[], cwd: string): number | undefined {
  let counted = false;
  let best: { distance: number; perRequest: number } | undefined;
  const counters = countersFor(f.ruleId, f.operation);
  for (const v of variants) {
    if (v.instrumentation.kind === 'none' || v.ops === null || !v.packages.includes(f.package)) continue;
    counted = true;
    for (const s of v.ops.sites) {
      if (s.file === '' || !counters.includes(s.op) || path.resolve(cwd, s.file) !== file) continue;
      const distance = Math.abs(s.line - f.line);
      if (distance > LINE_SLACK) continue;
      if (best === undefined || distance < best.distance || (distance === best.distance && s.perRequest > best.perRequest)) best = { distance, perRequest: s.perRequest };
    }
  }
  return counted ? (best?.perRequest ?? 0) : undefined;
}

export function joinLoad(report: Report, variants: readonly LoadVariant[], cwd: string): Report {
  return {
    ...report,
    findings: report.findings.map((f) => {
      if (f.frequency !== 'per-call') return f;
      const file = path.resolve(cwd, report.roots[f.root] ?? '.', f.file);
      const perRequest = perRequestAt(f, file, variants, cwd);
      return perRequest === undefined ? f : { ...f, confirmed: perRequest > 0, perRequestUnderLoad: perRequest };
    }),
  };
}
