// The default, human view of a report. Pure: returns the text, the CLI decides where it goes.
// Order: packages with per-call findings (the hot path, what the tool is for), then — with --all — the
// once/init/unknown/suppressed findings in a dimmer section, then the clean packages on one line, then
// every error (nothing is skipped silently), then one summary line.
import pc from 'picocolors';
import { SEVERITIES, type Report } from './model.js';
import { groupFindings, isHeadline, type PackageGroup } from './render-groups.js';
import { renderFinding, type Colors } from './render-finding.js';
import { benchSections, benchSummaryLine } from './render-bench.js';
import { joinRoot } from './render-paths.js';

export interface TerminalOptions {
  /** also show once / init / unknown and suppressed findings */
  all?: boolean;
  /** ANSI colours (the CLI turns them off for pipes, files, NO_COLOR and --no-color) */
  color?: boolean;
  /** leave out the list of packages without findings */
  quiet?: boolean;
}

export function renderTerminal(report: Report, options: TerminalOptions = {}): string {
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
  sections.push(...errorSection(report, c));
  if (!benchOnly) sections.push([summaryLine(report, options.all === true, c)]);
  if (report.benchSummary !== undefined) sections.push([benchSummaryLine(report.benchSummary, report.reference?.bareSpanNs, c)]);
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
  const body = withOther.map((g) =>
    [header(g, report, c), ...g.other.flatMap((f) => renderFinding(f, report, g.pkg?.dir, c))].map((l) => c.dim(l)).join('\n'),
  );
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

function errorSection(report: Report, c: Colors): string[][] {
  if (report.errors.length === 0) return [];
  const lines = [c.bold(c.red(`Errors (${report.errors.length}): skipped, not analysed`))];
  for (const e of report.errors) {
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
  const perCall = report.findings.filter(isHeadline).length;
  const hidden = all ? 0 : report.findings.length - perCall;
  const parts = [
    count(s.packages, 'package'),
    // dependency files that calls were followed into are parsed too: say so when there are any
    s.parsedFiles > s.files ? `${count(s.files, 'file')} (+${s.parsedFiles - s.files} dependency)` : count(s.files, 'file'),
    count(s.hooks, 'hook'),
    `${count(s.findings, 'finding')} (${bySeverity})`,
    perCall > 0 ? c.bold(`${perCall} per-call`) : '0 per-call',
  ];
  if (hidden > 0) parts.push(c.dim(`${hidden} not shown (--all)`));
  // what the policy file took out of view, so nobody mistakes a quiet report for a clean one
  const suppressed = report.findings.filter((f) => f.suppressed === true).length;
  if (suppressed > 0) parts.push(c.dim(`${suppressed} suppressed`));
  if ((s.ignored ?? 0) > 0) parts.push(c.dim(`${s.ignored} ignored (policy)`));
  if (s.errors > 0) parts.push(c.red(count(s.errors, 'error')));
  parts.push(`${(s.durationMs / 1000).toFixed(2)} s`);
  return parts.join(' · ');
}


function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
