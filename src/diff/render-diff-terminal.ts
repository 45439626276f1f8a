// The human view of a diff. Pure: returns the text. Order: the headline (does it fail, and why), what
// changed in the package set, new per-call findings (what the change brings), fixed ones, a count of the
// other frequencies, the overhead changes, then a summary line.
import pc from 'picocolors';
import { visibleDeep } from '../util/visible.js';
import type { FailOn } from '../policy/exit-code.js';
import type { ReportDiff, FindingChange, BenchmarkChange } from './diff-model.js';
import { benchmarkFigures, plural, callChain, headline, location, notableBenchmarks, severestFirst, summaryLine } from './format-diff.js';
import { countsAsPerCall } from '../model/report.js';

export interface DiffTerminalOptions {
  failOn: FailOn;
  color?: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

function findingLines(title: string, list: FindingChange[], c: Colors): string[] {
  const perCall = severestFirst(list).filter((x) => countsAsPerCall(x.finding));
  if (perCall.length === 0) return [];
  const lines = [c.bold(`${title} (${perCall.length})`)];
  for (const { finding: f } of perCall) {
    const sev = f.severity === 'high' ? c.red(f.severity.padEnd(6)) : f.severity.padEnd(6);
    const tags = [f.path === 'error' ? 'error path' : '', f.conditional ? 'conditional' : '', f.suppressed ? 'suppressed' : ''].filter(Boolean);
    lines.push(`  ${sev} ${c.bold(f.ruleId)}  ${f.package}  ${location(f)}${tags.length ? c.dim(`  [${tags.join(', ')}]`) : ''}`);
    lines.push(`         ${c.dim(callChain(f))}`);
  }
  return lines;
}

function packageLines(diff: ReportDiff, c: Colors): string[] {
  if (diff.packages.length === 0) return [];
  const rows = diff.packages.map((p) => {
    if (p.base === null) return `  ${c.green('+')} ${p.name} ${p.head}`;
    if (p.head === null) return `  ${c.red('-')} ${p.name} ${p.base}`;
    return `  ~ ${p.name} ${p.base} → ${p.head}`;
  });
  return [c.bold(`Packages changed (${diff.packages.length})`), ...rows];
}

function paintVerdict(b: BenchmarkChange, c: Colors): string {
  const label = b.verdict.padEnd(14);
  if (b.verdict === 'regression') return c.red(label);
  if (b.verdict === 'improvement') return c.green(label);
  return c.dim(label);
}

function benchmarkLines(diff: ReportDiff, c: Colors): string[] {
  if (diff.benchmarks === null) return [c.dim('Overhead per span: not compared (one report or both have no benchmarks; scan with --bench)')];
  const { shown, quiet } = notableBenchmarks(diff.benchmarks);
  const lines = [c.bold(`Overhead per span (threshold ${diff.thresholdPct}%, beyond the combined margins)`)];
  for (const b of shown) lines.push(`  ${paintVerdict(b, c)} ${b.package}  ${b.hook.kind} ${b.hook.target}  ${benchmarkFigures(b)}`);
  if (quiet > 0) lines.push(c.dim(`  ${quiet} hook${quiet === 1 ? '' : 's'} unchanged`));
  if (diff.benchmarks.length === 0) lines.push(c.dim('  no hooks measured'));
  return lines;
}

export function renderDiffTerminal(original: ReportDiff, options: DiffTerminalOptions): string {
  // control characters from either report are shown escaped, never sent to the terminal
  const diff = visibleDeep(original);
  const c = pc.createColors(options.color ?? false);
  const h = headline(diff, options.failOn);
  const sections: string[][] = [
    [
      `${h.ok ? c.green(c.bold('OK')) : c.red(c.bold('FAIL'))}  ${h.text}`,
      c.dim(`base ${diff.base.root} (${plural(diff.base.packages, 'package')}) → head ${diff.head.root} (${plural(diff.head.packages, 'package')})`),
    ],
    packageLines(diff, c),
    findingLines('New per-call findings', diff.findings.new, c),
    findingLines('Fixed per-call findings', diff.findings.fixed, c),
  ];
  const otherNew = diff.summary.new - diff.summary.newPerCall;
  const otherFixed = diff.summary.fixed - diff.summary.fixedPerCall;
  if (otherNew + otherFixed > 0) sections.push([c.dim(`Not per call (once/init/unknown): ${otherNew} new, ${otherFixed} fixed; all are in --format json`)]);
  sections.push(benchmarkLines(diff, c), [summaryLine(diff)]);
  return `${sections
    .filter((s) => s.length > 0)
    .map((s) => s.join('\n'))
    .join('\n\n')}\n`;
}
