// The counts a report ends with (terminal summary line, Markdown table, dashboards).
import { z } from 'zod/v4';
import { countsAsPerCall, FREQUENCIES, isErrorPathOnly, SEVERITIES, type Finding } from './finding.js';

const count = z.int().min(0);
const countsOf = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);

export const summarySchema = z.object({
  packages: count,
  files: count.meta({ description: 'files analysed in the scanned packages' }),
  parsedFiles: count.meta({ description: 'every file read and parsed, dependencies included' }),
  bytes: count,
  hooks: count,
  findings: count,
  perCall: count.meta({ description: 'findings counted per call: frequency per-call, not in a dead branch and not on the error path only' }),
  deadBranch: count.optional().meta({ description: 'per-call findings in branches correct callers never take (`deadBranch`); absent when none' }),
  errorPath: count
    .optional()
    .meta({ description: 'per-call findings outside dead branches that only run when the call fails (`path: "error"`, not seen on every call by a bench); not in perCall; absent when none' }),
  bySeverity: countsOf(SEVERITIES),
  byFrequency: countsOf(FREQUENCIES),
  errors: count,
  durationMs: z.number(),
  ignored: count.optional().meta({ description: "findings removed by the policy file's `ignore` entries (absent when no policy applied)" }),
});
export type Summary = z.infer<typeof summarySchema>;

/** The summary's finding counts (total, per call as countsAsPerCall counts it, dead branches, error paths, by severity, by frequency): one count for the scan and every recount. */
export function findingCounts(findings: readonly Finding[]): Pick<Summary, 'findings' | 'perCall' | 'deadBranch' | 'errorPath' | 'bySeverity' | 'byFrequency'> {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Summary['bySeverity'];
  const byFrequency = Object.fromEntries(FREQUENCIES.map((s) => [s, 0])) as Summary['byFrequency'];
  let perCall = 0;
  let deadBranch = 0;
  let errorPath = 0;
  for (const f of findings) {
    bySeverity[f.severity]++;
    byFrequency[f.frequency]++;
    if (countsAsPerCall(f)) perCall++;
    else if (f.frequency !== 'per-call') continue;
    else if (f.deadBranch !== undefined) deadBranch++;
    else if (isErrorPathOnly(f)) errorPath++;
  }
  return { findings: findings.length, perCall, ...(deadBranch > 0 ? { deadBranch } : {}), ...(errorPath > 0 ? { errorPath } : {}), bySeverity, byFrequency };
}

/** The summary's finding counts made again for `findings`; the rest kept. */
export function recount(summary: Summary, findings: readonly Finding[]): Summary {
  const { deadBranch: _dead, errorPath: _error, ...rest } = summary;
  return { ...rest, ...findingCounts(findings) };
}
