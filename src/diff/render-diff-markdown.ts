// The diff as Markdown for a pull-request comment: a headline verdict, the package changes, tables of
// new and fixed per-call findings with their call paths in a collapsible block, the overhead changes,
// and a footer naming the tool version. Pure. It stays under GitHub's comment limit by dropping
// detail in steps (call paths first, then rows beyond a cap), saying what was left out.
import type { FailOn } from '../policy/exit-code.js';
import type { BenchmarkChange, FindingChange, ReportDiff } from './diff-model.js';
import { callChain, fmtSignedPct, headline, location, notableBenchmarks, severestFirst, summaryLine } from './format-diff.js';
import { cell, code, GITHUB_COMMENT_LIMIT, table } from './markdown-text.js';
import { countsAsPerCall } from '../model/report.js';
import { formatNs } from '../util/format-ns.js';

export interface DiffMarkdownOptions {
  failOn: FailOn;
  /** first line, e.g. the hidden `<!-- otel-audit -->` marker the GitHub Action finds its comment by */
  marker?: string;
  /** fix advice per rule id (from the audit registry), shown under each call path */
  fixes?: Readonly<Record<string, string>>;
  /** the version named in the footer (default: the head report's tool version) */
  toolVersion?: string;
  /** default: a margin under GitHub's 65,536-character comment limit */
  maxChars?: number;
}

interface Detail {
  callPaths: boolean;
  /** rows per table, Infinity for all */
  rows: number;
}

const LEVELS: Detail[] = [
  { callPaths: true, rows: Infinity },
  { callPaths: false, rows: Infinity },
  { callPaths: false, rows: 25 },
  { callPaths: false, rows: 5 },
];

function capped<T>(list: readonly T[], rows: number): { list: T[]; more: string[] } {
  if (list.length <= rows) return { list: [...list], more: [] };
  return { list: list.slice(0, rows), more: [`_… and ${list.length - rows} more, in the JSON report._`] };
}

function findingSection(title: string, changes: readonly FindingChange[], d: Detail, o: DiffMarkdownOptions): string[] {
  const perCall = severestFirst(changes).filter((c) => countsAsPerCall(c.finding));
  if (perCall.length === 0) return [];
  const { list, more } = capped(perCall, d.rows);
  const rows = list.map(({ finding: f }) => [
    `**${f.severity}**`,
    code(f.ruleId),
    code(f.package),
    code(location(f)) + (f.original ? ` (${code(`${f.original.file}:${f.original.line}`)})` : ''),
    code(f.operation) + (f.path === 'error' ? ' _(error path)_' : '') + (f.conditional ? ' _(conditional)_' : ''),
  ]);
  const lines = [`#### ${title} (${perCall.length})`, '', ...table(['severity', 'rule', 'package', 'location', 'operation'], rows), ...more];
  if (d.callPaths) {
    lines.push('', '<details><summary>Call paths</summary>', '');
    for (const { finding: f } of list) {
      lines.push(`- ${code(f.ruleId)} at ${code(location(f))}: ${code(callChain(f))}`);
      const fix = o.fixes?.[f.ruleId];
      if (fix !== undefined) lines.push(`  Fix: ${cell(fix)}`);
    }
    lines.push('', '</details>');
  }
  return [...lines, ''];
}

const VERDICT_ICON: Record<BenchmarkChange['verdict'], string> = {
  regression: '🔺 regression',
  improvement: '🟢 improvement',
  noise: 'noise',
  unchanged: 'unchanged',
  added: 'new hook',
  removed: 'hook removed',
  'not-comparable': 'not comparable',
};

function benchmarkSection(diff: ReportDiff, d: Detail): string[] {
  if (diff.benchmarks === null) return [];
  const { shown, quiet } = notableBenchmarks(diff.benchmarks);
  const { list, more } = capped(shown, d.rows);
  const lines = [`#### Overhead per span (threshold ${diff.thresholdPct}%, beyond the combined margins)`, ''];
  if (list.length > 0) {
    const rows = list.map((b) => [
      code(b.package),
      code(`${b.hook.kind} ${b.hook.target}`),
      formatNs(b.baseNs),
      formatNs(b.headNs),
      fmtSignedPct(b.changePct),
      b.noisePct === null ? '–' : `±${b.noisePct.toFixed(1)}%`,
      VERDICT_ICON[b.verdict] + (b.reason ? ` (${cell(b.reason)})` : ''),
    ]);
    append(lines, table(['package', 'hook', 'base', 'head', 'change', 'noise', 'verdict'], rows), more);
  }
  if (quiet > 0) lines.push('', `${quiet} hook${quiet === 1 ? '' : 's'} unchanged.`);
  return [...lines, ''];
}

function packageSection(diff: ReportDiff, d: Detail): string[] {
  if (diff.packages.length === 0) return [];
  const { list, more } = capped(diff.packages, d.rows);
  const rows = list.map((p) => [code(p.name), p.base === null ? '_added_' : code(p.base), p.head === null ? '_removed_' : code(p.head)]);
  return [`#### Packages changed (${diff.packages.length})`, '', ...table(['package', 'base', 'head'], rows), ...more, ''];
}

/** `lines.push(...part)` without spreading: a part of 100,000 rows as call arguments overflows the stack. */
function append(lines: string[], ...parts: ReadonlyArray<readonly string[]>): void {
  for (const part of parts) for (const line of part) lines.push(line);
}

/** At least this many characters per table row: a level with more rows than the limit allows is not drawn at all. */
const MIN_ROW_CHARS = 20;

function renderAt(diff: ReportDiff, o: DiffMarkdownOptions, d: Detail): string {
  const h = headline(diff, o.failOn);
  const lines: string[] = [];
  if (o.marker !== undefined) lines.push(o.marker);
  lines.push(`### ${h.ok ? '✅' : '❌'} otel-audit: ${cell(h.text)}`, '');
  append(
    lines,
    packageSection(diff, d),
    findingSection('New per-call findings', diff.findings.new, d, o),
    findingSection('Fixed per-call findings', diff.findings.fixed, d, o),
    benchmarkSection(diff, d),
  );
  const version = o.toolVersion ?? diff.head.toolVersion;
  lines.push(`<sub>${cell(summaryLine(diff))} · fail on ${o.failOn} · otel-audit ${cell(version)}</sub>`);
  return `${lines.join('\n')}\n`;
}

export function renderDiffMarkdown(diff: ReportDiff, options: DiffMarkdownOptions): string {
  const limit = options.maxChars ?? GITHUB_COMMENT_LIMIT - 1_536;
  let text = '';
  const rows = Math.max(diff.findings.new.length, diff.findings.fixed.length, diff.packages.length, diff.benchmarks?.length ?? 0);
  for (const level of LEVELS) {
    // linear in the findings: a level that cannot fit is skipped, not drawn and measured
    if (Math.min(level.rows, rows) * MIN_ROW_CHARS > limit && level !== LEVELS[LEVELS.length - 1]) continue;
    text = renderAt(diff, options, level);
    if (text.length <= limit) return text;
  }
  return text; // the smallest level: tables of 5 rows and counts cannot grow past the limit in practice
}
