// `vet <name>@<a> --against <name>@<b>`: the question a dependency bump asks. Both versions are vetted
// the same way; the result is the candidate's (a), with the diff from b to a. A regression or a new
// failing finding in the diff makes the verdict fail even when a alone would only warn.
import { diffExitCode, failingNewFindings } from '../diff/diff-exit-code.js';
import { diffReports } from '../diff/diff-reports.js';
import type { Reason, VetResult } from './vet-model.js';
import { vetPackage, type VetOptions } from './vet-package.js';
import { formatNs } from '../util/format-ns.js';

export async function vetAgainst(spec: string, againstSpec: string, options: VetOptions, thresholdPct?: number): Promise<VetResult> {
  // one after the other: two npm installs and two benches side by side would only disturb the timings
  const head = await vetPackage(spec, options);
  const base = await vetPackage(againstSpec, options);
  const diff = diffReports(base.report, head.report, thresholdPct === undefined ? {} : { thresholdPct });
  const extra: Reason[] = [];
  if (diffExitCode(diff, options.policy.failOn) !== 0) {
    const failing = failingNewFindings(diff, options.policy.failOn).length;
    if (failing > 0) extra.push({ level: 'fail', code: 'new-finding', message: `${failing} per-call finding${failing === 1 ? '' : 's'} at or above ${options.policy.failOn} not in ${againstSpec}` });
    const regressions = diff.benchmarks?.filter((b) => b.verdict === 'regression') ?? [];
    for (const r of regressions)
      extra.push({
        level: 'fail',
        code: 'regression',
        message: `${r.hook.kind} ${r.hook.target}: overhead per span ${formatNs(r.baseNs)} → ${formatNs(r.headNs)} (${r.changePct ?? '?'}%) against ${againstSpec}`,
      });
  }
  const reasons = [...extra, ...head.reasons].sort((a, b) => (a.level === b.level ? 0 : a.level === 'fail' ? -1 : 1));
  return {
    ...head,
    verdict: reasons.some((r) => r.level === 'fail') ? 'fail' : head.verdict,
    reasons,
    against: { spec: againstSpec, package: base.package, verdict: base.verdict, diff },
  };
}
