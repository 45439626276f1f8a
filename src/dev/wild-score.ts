// Scores a scan report of the third-party corpus against its labels (test/corpus/wild/README.md).
// Pure: the report and the labels come in as data, the score goes out as data; score-wild.ts does
// the installing, spawning and printing. Only the report fields below are read; what counts as per
// call is the report's own predicate (countsAsPerCall), so the score never disagrees with the summary.
import path from 'node:path';
import { countsAsPerCall, type Finding } from '../model/finding.js';
import { FALSE_REASONS, siteKey, type FalseReason, type WildLabel } from './wild-labels.js';

export interface ReportFindingLike extends Pick<Finding, 'frequency' | 'path' | 'evidence'> {
  ruleId: string;
  severity: string;
  package: string;
  root: number;
  file: string;
  line: number;
  hook: { kind: string; target: string } | null;
  reachedFrom?: string;
  /** per-call findings in a branch correct callers never take: reported, not counted as per call */
  deadBranch?: string;
  operation: string;
}

export interface ReportLike {
  roots: string[];
  findings: ReportFindingLike[];
}

/** One place where the scan reports a per-call operation; several findings (one per hook) make one site. */
export interface Site {
  package: string;
  file: string;
  line: number;
  ruleId: string;
  /** the highest severity among the site's per-call findings */
  severity: string;
  /** `kind:target` of every hook it was reported under, sorted */
  hooks: string[];
  operation: string;
  errorPath: boolean;
}

export interface Ratio {
  hits: number;
  total: number;
  /** null when total is 0 */
  value: number | null;
}

export interface MissedCost {
  label: WildLabel;
  /** frequencies the scan gave that site instead (empty: not reported at all) */
  foundAs: string[];
}

export interface WildScore {
  perCallFindings: number;
  perCallSites: number;
  /** per-call findings in packages of the scan that are not corpus packages and not reached from one */
  outOfScope: number;
  precision: Ratio;
  precisionLowPlus: Ratio;
  recall: Ratio;
  labels: { total: number; real: number; false: number };
  truePositives: Array<{ site: Site; label: WildLabel }>;
  falsePositives: Array<{ reason: FalseReason; sites: Array<{ site: Site; label: WildLabel }> }>;
  unlabelled: Site[];
  missed: MissedCost[];
}

const SEVERITY_RANK: Record<string, number> = { high: 3, medium: 2, low: 1, info: 0 };

/** `@scope/name@1.2.3` → `@scope/name` */
export function packageName(spec: string): string {
  const at = spec.lastIndexOf('@');
  return at > 0 ? spec.slice(0, at) : spec;
}

/**
 * The finding's file relative to its own package folder. Findings are relative to the scan root
 * they were found under, which for code reached in a dependency is another package's folder
 * (`../../@grpc/grpc-js/build/src/metadata.js`, `node_modules/@opentelemetry/instrumentation/…`);
 * the last `node_modules/<name>/` on the joined path is the package's own folder.
 */
export function packageRelativeFile(report: ReportLike, f: ReportFindingLike): string {
  const root = (report.roots[f.root] ?? '').split('\\').join('/');
  const full = path.posix.normalize(path.posix.join(root, f.file.split('\\').join('/')));
  const marker = `node_modules/${packageName(f.package)}/`;
  const at = full.lastIndexOf(marker);
  return at >= 0 ? full.slice(at + marker.length) : full;
}

// code-unit order, not the locale's: the output must not change with the machine's language
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareSites = (a: { package: string; file: string; line: number; ruleId: string }, b: typeof a): number =>
  byText(a.package, b.package) || byText(a.file, b.file) || a.line - b.line || byText(a.ruleId, b.ruleId);

/** The per-call sites of the corpus: findings of corpus packages, or reached from one of their hooks. */
export function perCallSites(report: ReportLike, corpus: ReadonlySet<string>): { sites: Site[]; findings: number; outOfScope: number } {
  const byKey = new Map<string, Site>();
  let findings = 0;
  let outOfScope = 0;
  for (const f of report.findings) {
    // what the report counts as per call: not dead branches, not error paths only
    if (!countsAsPerCall(f)) continue;
    const inScope = corpus.has(packageName(f.package)) || (f.reachedFrom !== undefined && corpus.has(packageName(f.reachedFrom)));
    if (!inScope) {
      outOfScope++;
      continue;
    }
    findings++;
    const site = { package: f.package, file: packageRelativeFile(report, f), line: f.line, ruleId: f.ruleId };
    const key = siteKey(site);
    const hook = f.hook === null ? '' : `${f.hook.kind}:${f.hook.target}`;
    const known = byKey.get(key);
    if (known === undefined) {
      byKey.set(key, { ...site, severity: f.severity, hooks: hook ? [hook] : [], operation: f.operation, errorPath: f.path === 'error' });
      continue;
    }
    if ((SEVERITY_RANK[f.severity] ?? 0) > (SEVERITY_RANK[known.severity] ?? 0)) known.severity = f.severity;
    if (hook && !known.hooks.includes(hook)) known.hooks.push(hook);
    // a site is an error path only when every finding there is
    known.errorPath &&= f.path === 'error';
  }
  const sites = [...byKey.values()].sort(compareSites);
  for (const s of sites) s.hooks.sort();
  return { sites, findings, outOfScope };
}

function ratio(hits: number, total: number): Ratio {
  return { hits, total, value: total === 0 ? null : hits / total };
}

export function scoreWild(report: ReportLike, labels: readonly WildLabel[], corpus: ReadonlySet<string>): WildScore {
  const { sites, findings, outOfScope } = perCallSites(report, corpus);
  const labelOf = new Map(labels.map((l) => [siteKey(l), l]));
  const truePositives: WildScore['truePositives'] = [];
  const wrong: Array<{ site: Site; label: WildLabel }> = [];
  const unlabelled: Site[] = [];
  for (const site of sites) {
    const label = labelOf.get(siteKey(site));
    if (label === undefined) unlabelled.push(site);
    else if (label.real) truePositives.push({ site, label });
    else wrong.push({ site, label });
  }
  const lowPlus = (s: Site): boolean => (SEVERITY_RANK[s.severity] ?? 0) >= SEVERITY_RANK.low!;
  const labelled = truePositives.length + wrong.length;
  const labelledLow = truePositives.filter((t) => lowPlus(t.site)).length + wrong.filter((w) => lowPlus(w.site)).length;

  // every frequency the scan gave each site, to say what a missed cost was found as instead
  const frequencies = new Map<string, Set<string>>();
  for (const f of report.findings) {
    const key = siteKey({ package: f.package, file: packageRelativeFile(report, f), line: f.line, ruleId: f.ruleId });
    (frequencies.get(key) ?? frequencies.set(key, new Set()).get(key)!).add(
      f.deadBranch !== undefined ? `${f.frequency} (dead branch)` : countsAsPerCall(f) || f.frequency !== 'per-call' ? f.frequency : `${f.frequency} (error path)`,
    );
  }
  const perCallKeys = new Set(sites.map(siteKey));
  const real = labels.filter((l) => l.real);
  const missed = real
    .filter((l) => !perCallKeys.has(siteKey(l)))
    .sort(compareSites)
    .map((label) => ({ label, foundAs: [...(frequencies.get(siteKey(label)) ?? [])].sort() }));

  const falsePositives = FALSE_REASONS.map((reason) => ({ reason, sites: wrong.filter((w) => w.label.reason === reason) })).filter((g) => g.sites.length > 0);
  return {
    perCallFindings: findings,
    perCallSites: sites.length,
    outOfScope,
    precision: ratio(truePositives.length, labelled),
    precisionLowPlus: ratio(truePositives.filter((t) => lowPlus(t.site)).length, labelledLow),
    recall: ratio(real.length - missed.length, real.length),
    labels: { total: labels.length, real: real.length, false: labels.length - real.length },
    truePositives,
    falsePositives,
    unlabelled,
    missed,
  };
}

export interface Thresholds {
  minPrecision?: number;
  minPrecisionLowPlus?: number;
  minRecall?: number;
}

/** The thresholds missed, as lines; a ratio without a denominator (nothing to judge) never misses. */
export function missedThresholds(score: WildScore, t: Thresholds): string[] {
  const out: string[] = [];
  const check = (name: string, r: Ratio, min: number | undefined): void => {
    if (min === undefined || r.value === null || r.value * 100 >= min) return;
    out.push(`${name} ${(r.value * 100).toFixed(1)}% < ${min}%`);
  };
  check('precision', score.precision, t.minPrecision);
  check('precision at low+', score.precisionLowPlus, t.minPrecisionLowPlus);
  check('recall', score.recall, t.minRecall);
  return out;
}
