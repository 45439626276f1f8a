// The policy file applied to a scanned report, as one pure function: the date comes in as an argument
// so that expiry is testable and a report can be re-judged as of any day. Detectors never see the
// policy (knip's IssueCollector pattern): they report what is there, the policy decides what counts.
//
// In order: rules turned off are dropped; severity overrides replace the rule's default (still lowered
// for error-only and flag-guarded code, as the default is); `ignore` entries remove findings (counted
// in summary.ignored); active suppressions mark findings `suppressed` with their reason; expired ones
// apply no more and are listed in the report's `policy` section, with the budgets exceeded (checked
// against the benchmarks when present) and the verdict against the --fail-on threshold.
import { recount } from '../model/summary.js';
import { withCounted, type ExpiredSuppression, type FailOn, type Finding, type OverBudget, type Report, type Summary } from '../model/report.js';
import { packageOverheads } from '../model/bench-overhead.js';
import { formatNs } from '../util/format-ns.js';
import { joinRoot, withinPackage } from '../model/report-paths.js';
import type { FindingMatcher, PolicyConfig, Suppression } from './config-schema.js';
import { matchesGlob } from '../util/glob.js';
import { contextualSeverity } from './severity.js';
import { judge } from './verdict.js';
import { packageName } from '../model/fingerprint.js';

// `@scope/name@1.2.3` → `@scope/name`: one implementation, the fingerprint's (re-exported for callers of the policy)
export { packageName } from '../model/fingerprint.js';

/** A file as a user may spell it: root-relative, as the terminal prints it, or inside its package. */
interface Place {
  files: string[];
  line: number;
}

function placesOf(f: Finding, report: Report): Place[] {
  const root = report.roots[f.root];
  const dir = report.packages.find((p) => p.root === f.root && `${p.name}@${p.version}` === f.package)?.dir;
  const spellings = (file: string): string[] => [...new Set([file, joinRoot(root, file), withinPackage(dir, file)])];
  const places = [{ files: spellings(f.file), line: f.line }];
  // a TypeScript project thinks in src/*.ts: its original location matches as well
  if (f.original) places.push({ files: spellings(f.original.file), line: f.original.line });
  return places;
}

function matches(m: FindingMatcher & { line?: number }, f: Finding, places: readonly Place[]): boolean {
  if (m.rule !== undefined && m.rule !== f.ruleId) return false;
  if (m.package !== undefined) {
    // `name@version` in the pattern pins a version; a bare name matches every version
    const subject = m.package.lastIndexOf('@') > 0 ? f.package : packageName(f.package);
    if (!matchesGlob(subject, m.package, 'name')) return false;
  }
  if (m.file === undefined && m.line === undefined) return true;
  return places.some((p) => (m.file === undefined || p.files.some((file) => matchesGlob(file, m.file!, 'path'))) && (m.line === undefined || m.line === p.line));
}

function describeMatcher(m: FindingMatcher): string {
  return (['rule', 'package', 'file'] as const).flatMap((k) => (m[k] === undefined ? [] : [`${k} ${m[k]}`])).join(', ');
}

function countSummary(summary: Summary, findings: readonly Finding[], ignored: number): Summary {
  return { ...recount(summary, findings), ignored };
}

function budgetOf(config: PolicyConfig, label: string): { budget: number; setting: string } | undefined {
  const name = packageName(label);
  const own = config.packages?.[name]?.maxOverheadNsPerSpan;
  const budget = own ?? config.maxOverheadNsPerSpan;
  if (budget === undefined) return undefined;
  return { budget, setting: own !== undefined ? `packages[${JSON.stringify(name)}].maxOverheadNsPerSpan` : 'maxOverheadNsPerSpan' };
}

function overBudget(report: Report, config: PolicyConfig): OverBudget[] {
  const out: OverBudget[] = [];
  const overheads = [...packageOverheads(report)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [label, overhead] of overheads) {
    const b = budgetOf(config, label);
    if (b === undefined || overhead.ns <= b.budget) continue;
    const hook = overhead.hook !== null ? ` (${overhead.hook})` : '';
    out.push({
      package: label,
      hook: overhead.hook,
      overheadNsPerSpan: overhead.ns,
      budgetNs: b.budget,
      setting: b.setting,
      message: `${formatNs(overhead.ns)} overhead per span${hook} exceeds the budget of ${formatNs(b.budget)} (${b.setting})`,
    });
  }
  // figures the parent could not confirm prove nothing: a package with one never passes its budget
  const flagged = new Set(out.map((o) => o.package));
  for (const entry of report.benchmarks ?? []) {
    if (entry.untrusted === undefined || flagged.has(entry.package)) continue;
    const b = budgetOf(config, entry.package);
    if (b === undefined) continue;
    flagged.add(entry.package);
    const hook = entry.hook?.target ?? null;
    out.push({
      package: entry.package,
      hook,
      overheadNsPerSpan: null,
      budgetNs: b.budget,
      setting: b.setting,
      message: `untrusted figures${hook === null ? '' : ` (${hook})`} never pass the budget of ${formatNs(b.budget)} (${b.setting}): ${entry.untrusted.replace(/^untrusted figures: /, '')}`,
    });
  }
  return out.sort((x, y) => (x.package < y.package ? -1 : x.package > y.package ? 1 : 0));
}

/**
 * @param today `YYYY-MM-DD`; a suppression applies through its `until` day and expires after it
 * @param source the policy file's name (null: no policy file), named in the report's policy section
 * @param failOn the threshold the verdict is judged against (the command line's, else the file's, else none)
 * @param allowSkipped `--allow-skipped`: packages and files the check could not look at do not fail it
 */
export function applyPolicy(report: Report, config: PolicyConfig, today: string, source: string | null = null, failOn: FailOn = config.failOn ?? 'none', allowSkipped = false): Report {
  if (Object.keys(config).every((k) => k === '$schema' || k === 'failOn')) return { ...report, policy: judge(report, failOn, source, [], [], allowSkipped) };
  const rules = config.rules ?? {};
  const suppressions = config.suppressions ?? [];
  const active = suppressions.filter((s) => s.until === undefined || s.until >= today);
  const expired = suppressions.map((s, index) => ({ s, index, covered: 0 })).filter(({ s }) => s.until !== undefined && s.until < today);

  let ignored = 0;
  const findings: Finding[] = [];
  for (const original of report.findings) {
    const rule = rules[original.ruleId];
    if (rule?.enabled === false) continue;
    let f = config.countUnconfirmed === undefined ? original : withCounted(original, config.countUnconfirmed);
    if (rule?.severity !== undefined && f.frequency === 'per-call') f = { ...f, severity: contextualSeverity(rule.severity, f) };
    const places = placesOf(f, report);
    if ((config.ignore ?? []).some((m) => matches(m, f, places))) {
      ignored++;
      continue;
    }
    const suppression: Suppression | undefined = active.find((s) => matches(s, f, places));
    if (suppression !== undefined) f = { ...f, suppressed: true, suppressionReason: suppression.reason };
    else for (const e of expired) if (matches(e.s, f, places)) e.covered++;
    findings.push(f);
  }

  const expiredSuppressions: ExpiredSuppression[] = expired.map(({ s, index, covered }) => ({
    index,
    until: s.until!,
    reason: s.reason,
    covered,
    message: `suppressions[${index}] (${describeMatcher(s)}) expired after ${s.until}: ${covered} finding${covered === 1 ? '' : 's'} no longer suppressed ("${s.reason}")`,
  }));
  const judged = { ...report, findings, summary: countSummary(report.summary, findings, ignored) };
  return { ...judged, policy: judge(judged, failOn, source, overBudget(report, config), expiredSuppressions, allowSkipped) };
}
