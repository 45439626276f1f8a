// The default, human view of a report. Pure: returns the text, the CLI decides where it goes.
// Order: packages with per-call findings (the hot path, what the tool is for), then — with --all — the
// once/init/unknown/suppressed findings in a dimmer section, then the clean packages on one line, then
// what the policy file did (which suppressions applied and why, which expired, which budgets were
// exceeded), then every error (nothing is skipped silently), then one summary line.
import pc from 'picocolors';
import { visibleDeep } from '../util/visible.js';
import { SEVERITIES, type Finding, type Report } from '../model/report.js';
import { groupFindings, isHeadline, type PackageGroup } from './render-groups.js';
import { renderFinding, type Colors } from './render-finding.js';
import { benchSections, benchSummaryLine } from './render-bench.js';
import { isUncounted } from './evidence-text.js';
import { joinRoot } from '../model/report-paths.js';

export interface TerminalOptions {
  /** also show once / init / unknown and suppressed findings */
  all?: boolean;
  /** ANSI colours (the CLI turns them off for pipes, files, NO_COLOR and --no-color) */
  color?: boolean;
  /** leave out the list of packages without findings */
  quiet?: boolean;
}

export function renderTerminal(original: Report, options: TerminalOptions = {}): string {
  // package strings with control characters are shown escaped, colour or not (an ESC from a hook
  // target would otherwise clear the screen, retitle the window or write the clipboard)
  const report = visibleDeep(original);
  const c = pc.createColors(options.color ?? false);
  const groups = groupFindings(report);
  const sections: string[][] = [];
  // a `bench` report has no scan in it: only its own sections (a `scan --bench` report has both)
  const benchOnly = report.benchSummary !== undefined && !report.benchSummary.withScan;

  if (!benchOnly) {
    for (const g of groups.filter((x) => x.perCall.length > 0)) {
      sections.push([header(g, report, c), ...g.perCall.flatMap((f) => renderFinding(f, report, g.pkg?.dir, c))]);
    }
    if (options.all === true) sections.push(...otherSection(groups, report, c));
    if (options.quiet !== true) sections.push(...cleanSection(groups, report, c));
  }
  sections.push(...benchSections(report, c, { quiet: options.quiet === true }));
  sections.push(...policySections(report, options.all === true, c));
  sections.push(...errorSection(report, c));
  if (!benchOnly) sections.push([summaryLine(report, options.all === true, c)]);
  if (report.benchSummary !== undefined) sections.push([benchSummaryLine(report.benchSummary, report.reference, c)]);
  return sections.map((s) => s.join('\n')).join('\n\n') + '\n';
}

function header(g: PackageGroup, report: Report, c: Colors): string {
  const where = g.pkg ? c.dim(`  ${joinRoot(report.roots[g.root], g.pkg.dir)}`) : c.dim('  (not a scanned package)');
  return `${c.bold(c.underline(g.label))}${where}`;
}

function otherSection(groups: PackageGroup[], report: Report, c: Colors): string[][] {
  const withOther = groups.filter((g) => g.other.length > 0);
  if (withOther.length === 0) return [];
  const title = c.bold('Other findings (once, init, unknown, suppressed: not on the per-call path)');
  const body = withOther.map((g) => [header(g, report, c), ...g.other.flatMap((f) => renderFinding(f, report, g.pkg?.dir, c))].map((l) => c.dim(l)).join('\n'));
  return [[title, ...body.flatMap((b) => ['', b])]];
}

function cleanSection(groups: PackageGroup[], report: Report, c: Colors): string[][] {
  if (report.packages.length === 0) {
    return [[c.yellow(`No packages found under ${report.roots.join(', ') || '(no paths)'}.`)]];
  }
  const clean = groups.filter((g) => g.pkg !== undefined && g.perCall.length === 0).map((g) => g.label);
  if (clean.length === 0) return [];
  return [[`${c.green('No per-call findings')} (${clean.length}): ${clean.join(', ')}`]];
}

const MAX_LISTED = 3;

/** `a ×2, b` — distinct values by count (most first, then by name), `×n` past one unless `times` is off */
function tally(values: readonly string[], max = Infinity, times = true): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  const shown = sorted.slice(0, max).map(([v, n]) => (n > 1 && times ? `${v} ×${n}` : v));
  if (sorted.length > max) shown.push(`${sorted.length - max} more`);
  return shown.join(', ');
}

/**
 * Suppressed findings grouped by the reason given in the policy file, so a reader sees which
 * suppressions applied and why (the count alone in the summary line hides that); then the expired
 * suppressions and exceeded budgets, each with the policy's own message.
 */
function policySections(report: Report, all: boolean, c: Colors): string[][] {
  const sections: string[][] = [];
  const suppressed = report.findings.filter((f) => f.suppressed === true);
  if (suppressed.length > 0) {
    const byReason = new Map<string, Finding[]>();
    for (const f of suppressed) {
      const reason = f.suppressionReason ?? '(no reason recorded)';
      byReason.set(reason, [...(byReason.get(reason) ?? []), f]);
    }
    const groups = [...byReason].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0));
    const perCall = suppressed.filter((f) => f.frequency === 'per-call').length;
    const note = `${perCall} per-call, not counted for --fail-on${all ? '' : '; --all lists them'}`;
    const lines = [`${c.bold(`Suppressed by the policy file (${count(suppressed.length, 'finding')})`)}: ${c.dim(note)}`];
    const width = String(Math.max(...groups.map(([, fs]) => fs.length))).length;
    for (const [reason, fs] of groups) {
      const rules = tally(fs.map((f) => f.ruleId));
      const packages = tally(
        fs.map((f) => f.package),
        MAX_LISTED,
        false,
      );
      const hot = fs.filter((f) => f.frequency === 'per-call').length;
      lines.push(`  ${String(fs.length).padStart(width)} × ${JSON.stringify(reason)}  ${c.dim(`${rules} · ${hot} per-call · ${packages}`)}`);
    }
    sections.push(lines);
  }
  const source = report.policy?.source ?? null;
  const expired = report.policy?.expiredSuppressions ?? [];
  if (expired.length > 0) {
    const lines = [`${c.bold(c.yellow(`Expired suppressions (${expired.length})`))}: ${c.dim('no longer applied, the findings count again; renew `until` or fix the code')}`];
    for (const e of expired) lines.push(`  ${c.yellow('!')} ${source === null ? '' : `${source}  `}${e.message}`);
    sections.push(lines);
  }
  const over = report.policy?.overBudget ?? [];
  if (over.length > 0) {
    const lines = [`${c.bold(c.red(`Over budget (${count(over.length, 'package')})`))}: ${c.dim('maxOverheadNsPerSpan of the policy file, fails the run')}`];
    for (const e of over) lines.push(`  ${c.red('✗')} ${c.bold(e.package)}  ${e.message}`);
    sections.push(lines);
  }
  const unchecked = report.policy?.unchecked ?? 0;
  if (unchecked > 0) {
    sections.push([
      `${c.bold(c.red(`Not analysed (${`${unchecked} ${unchecked === 1 ? 'package or file' : 'packages or files'}`})`))}: ${c.dim(`skipped-package / unreadable-file errors below; they fail a --fail-on run (--allow-skipped lets them pass)`)}`,
    ]);
  }
  return sections;
}

function errorSection(report: Report, c: Colors): string[][] {
  const errors = report.errors;
  if (errors.length === 0) return [];
  const lines = [c.bold(c.red(`Errors (${errors.length}): skipped, not analysed`))];
  for (const e of errors) {
    // files are relative to their root: joined with it, they open from the working directory
    const file = e.file !== null && e.root !== undefined ? joinRoot(report.roots[e.root], e.file) : e.file;
    const where = [e.package, file].filter((x): x is string => x !== null).join('  ');
    lines.push(`  ${c.red(e.kind)}  ${where}${where === '' ? '' : '  '}${c.dim(e.message)}`);
  }
  return [lines];
}

function summaryLine(report: Report, all: boolean, c: Colors): string {
  const s = report.summary;
  const bySeverity = SEVERITIES.map((sev) => `${s.bySeverity[sev] ?? 0} ${sev}`).join(', ');
  // per-call findings the bench did not see run and the policy does not count are shown, tagged, but not counted
  const uncounted = report.findings.filter(isUncounted).length;
  const perCall = report.findings.filter(isHeadline).length - uncounted;
  const hidden = all ? 0 : report.findings.length - perCall - uncounted;
  const parts = [
    count(s.packages, 'package'),
    // dependency files that calls were followed into are parsed too: say so when there are any
    s.parsedFiles > s.files ? `${count(s.files, 'file')} (+${s.parsedFiles - s.files} dependency)` : count(s.files, 'file'),
    count(s.hooks, 'hook'),
    `${count(s.findings, 'finding')} (${bySeverity})`,
    perCall > 0 ? c.bold(`${perCall} per-call`) : '0 per-call',
  ];
  if (uncounted > 0) parts.push(c.dim(`${uncounted} not seen at run time (not counted)`));
  if (hidden > 0) parts.push(c.dim(`${hidden} not shown (--all)`));
  // per-call code in branches correct callers never take: reported, not counted (see README)
  if ((s.deadBranch ?? 0) > 0) parts.push(c.dim(`${s.deadBranch} in dead branches`));
  // per-call code that only runs when the call fails: reported, not counted (isErrorPathOnly)
  if ((s.errorPath ?? 0) > 0) parts.push(c.dim(`${s.errorPath} on error paths only`));
  // what the policy file took out of view, so nobody mistakes a quiet report for a clean one
  const suppressed = report.findings.filter((f) => f.suppressed === true).length;
  if (suppressed > 0) parts.push(c.dim(`${suppressed} suppressed`));
  if ((s.ignored ?? 0) > 0) parts.push(c.dim(`${s.ignored} ignored (policy)`));
  // the policy's notices are not errors of the run: named apart, as the sections do
  const expired = report.policy?.expiredSuppressions.length ?? 0;
  const over = report.policy?.overBudget.length ?? 0;
  if (expired > 0) parts.push(c.yellow(`${expired} expired suppression${expired === 1 ? '' : 's'}`));
  if (over > 0) parts.push(c.red(`${over} over budget`));
  const errors = s.errors;
  if (errors > 0) parts.push(c.red(count(errors, 'error')));
  parts.push(`${(s.durationMs / 1000).toFixed(2)} s`);
  return parts.join(' · ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
