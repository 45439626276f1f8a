// The pull-request comment: what a reviewer needs before merging a change that adds or bumps an
// instrumentation. A verdict with its reasons on top, one table row per package, the evidence (call
// paths and the fix) folded into <details>, and a one-line footer. GitHub rejects comments over 65,536
// characters, and a rejected comment says nothing at all, so the renderer summarises until it fits —
// details first, then the packages without findings, then table rows — and says what it left out.
import { packageOverheads } from '../model/bench-overhead.js';
import { formatNs, timesBareSpan } from '../util/format-ns.js';
import { SEVERITIES, total, unjudged, type Finding, type Report, type Severity, type Verdict } from '../model/report.js';
import { bareSpanNsOf } from '../model/bench-overhead.js';
import { groupFindings, type PackageGroup } from './render-groups.js';
import { withinPackage } from '../model/report-paths.js';
import type { RuleInfo } from './rule-info.js';
import { setUpOverhead } from '../model/benchmark.js';
import { evidenceLabel, isUncounted } from './evidence-text.js';
import { hooksLine } from './render-bench.js';
import { mdCode, mdHtml, mdText } from './markdown-escape.js';

export interface MarkdownOptions {
  rules?: readonly RuleInfo[];
  /** characters the comment may take (default: GitHub's limit less a margin) */
  limit?: number;
}

export const GITHUB_COMMENT_LIMIT = 65_536;
/** JS counts UTF-16 units, GitHub may count otherwise; and a bot often adds a marker line of its own */
const DEFAULT_LIMIT = GITHUB_COMMENT_LIMIT - 1_536;
/** room kept for the "summarised" note, which is written last */
const NOTE_ROOM = 600;
const MAX_REASONS = 10;
/** clean packages listed as table rows up to this many; more fold into one collapsed list */
const CLEAN_ROWS = 10;

const HEADLINE: Record<Verdict, string> = { pass: '✅ otel-audit: pass', warn: '⚠️ otel-audit: warn', fail: '❌ otel-audit: fail' };

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
/** text that must not turn into markup: HTML, emphasis, links, mentions, table pipes (markdown-escape.ts) */
const esc = mdText;
/** a code span; in a table cell `|` still needs its backslash */
const code = mdCode;
const html = mdHtml;

function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

const countsText = (c: Readonly<Record<Severity, number>>): string =>
  SEVERITIES.filter((s) => c[s] > 0)
    .map((s) => `${c[s]} ${s}`)
    .join(', ');
const bySeverityText = (findings: readonly Finding[]): string => countsText(severityCounts(findings));

function headSection(report: Report): string {
  // the verdict is the policy's (written into the report by whoever judged it); a report nobody judged
  // is shown as judged against no threshold
  const v = report.policy ?? unjudged(report.findings);
  const failOn = v.failOn;
  const failing = total(v.failing);
  const warning = total(v.warning);
  const reasons: string[] = [];
  if (failing > 0) reasons.push(`**${plural(failing, 'per-call finding')} at or above \`${failOn}\`** (${countsText(v.failing)})`);
  for (const e of v.overBudget.slice(0, MAX_REASONS)) reasons.push(`**Over budget:** ${code(e.package)}: ${esc(e.message)}`);
  if (v.overBudget.length > MAX_REASONS) reasons.push(`… and ${plural(v.overBudget.length - MAX_REASONS, 'more package')} over budget`);
  if (warning > 0) {
    const threshold = failOn === 'none' ? 'no `--fail-on` threshold is set' : `below \`${failOn}\``;
    reasons.push(`${plural(warning, 'per-call finding')} that ${warning === 1 ? 'does' : 'do'} not fail the check (${countsText(v.warning)}; ${threshold})`);
  }
  const unchecked = v.unchecked ?? 0;
  if (unchecked > 0)
    reasons.push(`**${unchecked === 1 ? '1 package or file' : `${unchecked} packages or files`} could not be analysed** (errors below): they fail a run with a threshold unless \`--allow-skipped\``);
  const expired = v.expiredSuppressions.length;
  if (expired > 0) reasons.push(`${plural(expired, 'suppression')} expired: the findings ${expired === 1 ? 'it' : 'they'} covered count again`);
  const uncounted = report.findings.filter(isUncounted).length;
  if (uncounted > 0)
    reasons.push(
      `${plural(uncounted, 'per-call finding')} not seen at run time and not counted: the bench ran ${uncounted === 1 ? 'its hook' : 'their hooks'} and not the operation (policy \`countUnconfirmed\` counts them)`,
    );
  if (reasons.length === 0) {
    reasons.push(report.packages.length === 0 ? `No packages found under ${report.roots.map((r) => code(r)).join(', ') || '(no paths)'}.` : 'No per-call findings.');
  }
  const s = report.summary;
  const stats = [plural(s.packages, 'package'), plural(s.hooks, 'hook'), plural(failing + warning, 'per-call finding')];
  const suppressed = report.findings.filter((f) => f.suppressed === true).length;
  if (suppressed > 0) stats.push(`${suppressed} suppressed`);
  if ((s.ignored ?? 0) > 0) stats.push(`${s.ignored} ignored by policy`);
  const errors = report.errors.length;
  if (errors > 0) stats.push(plural(errors, 'error'));
  const hooks = report.benchSummary?.hooks;
  if (hooks !== undefined) stats.push(`bench: ${hooksLine(hooks)}`);
  const untrusted = report.benchSummary?.untrusted ?? 0;
  if (untrusted > 0) stats.push(`${untrusted} with untrusted figures`);
  if (report.benchSummary?.sandbox?.enabled === false) stats.push('package code ran without the sandbox (--unsafe-run)');
  return [`## ${HEADLINE[v.verdict]}`, '', ...reasons.map((r) => `- ${r}`), '', stats.join(' · ')].join('\n');
}

interface Row {
  group: PackageGroup;
  counts: Record<Severity, number>;
  overhead: string;
  times: string;
}

function rows(report: Report): Row[] {
  const overheads = packageOverheads(report);
  const bare = bareSpanNsOf(report);
  const all = groupFindings(report).map((group): Row => {
    const o = overheads.get(group.label);
    return {
      group,
      // what the verdict counts: a finding the bench did not see run, and the policy does not count, is listed but not tallied
      counts: severityCounts(group.perCall.filter((f) => !isUncounted(f))),
      overhead: o === undefined ? '' : formatNs(o.ns),
      times: (o === undefined ? null : timesBareSpan(o.ns, bare)) ?? '',
    };
  });
  // the packages that need a look first, the worst on top; the sort is stable, so ties keep report order
  const weight = (r: Row): number[] => SEVERITIES.map((s) => -r.counts[s]);
  return all.sort((a, b) => {
    const wa = weight(a);
    const wb = weight(b);
    const i = wa.findIndex((x, k) => x !== wb[k]);
    return i === -1 ? 0 : wa[i]! - wb[i]!;
  });
}

function table(report: Report, shown: readonly Row[], footnote: string | null): string {
  const bench = packageOverheads(report).size > 0;
  const bare = bench && bareSpanNsOf(report) !== null;
  const head = ['package', 'hooks', 'per-call', ...SEVERITIES, ...(bench ? ['overhead / span'] : []), ...(bare ? ['× bare span'] : [])];
  if (shown.length === 0) return footnote ?? '';
  const lines = [
    `| ${head.join(' | ')} |`,
    `| --- | ${head
      .slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
  ];
  for (const r of shown) {
    const name = r.group.pkg === undefined ? `${code(r.group.label, true)} (reached, not scanned)` : code(r.group.label, true);
    const cells = [name, String(r.group.pkg?.hooks.length ?? 0), String(total(r.counts)), ...SEVERITIES.map((s) => String(r.counts[s]))];
    if (bench) cells.push(r.overhead || '–');
    if (bare) cells.push(r.times || '–');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (footnote !== null) lines.push('', footnote);
  return lines.join('\n');
}

function cleanList(clean: readonly Row[]): string {
  const names = clean.map((r) => code(r.group.label)).join(', ');
  return ['<details>', `<summary>${plural(clean.length, 'package')} without per-call findings</summary>`, '', names, '', '</details>'].join('\n');
}

function findingLines(f: Finding, dir: string | undefined): string[] {
  const where = `${f.file}:${f.line}:${f.column}`;
  const bits = [`**${f.severity}** at ${code(withinPackage(dir, where))}`];
  if (f.original) bits.push(`(source ${code(`${withinPackage(dir, f.original.file)}:${f.original.line}`)})`);
  if (f.hook !== null) bits.push(`under ${code(`${f.hook.kind} ${f.hook.target}`)}`);
  if (f.reachedFrom !== undefined) bits.push(`reached from ${code(f.reachedFrom)}`);
  const tags = [f.conditional === true ? 'behind a flag' : '', f.path === 'error' ? 'error path only' : '', evidenceLabel(f) ?? ''].filter((t) => t !== '');
  if (tags.length > 0) bits.push(`(${tags.join(', ')})`);
  const steps = f.callPath.map((s) => `${code(s.function)} (${esc(withinPackage(dir, s.file))}:${s.line})`);
  const chain = [...steps, `**${code(f.operation)}**`].join(' → ');
  return [`- ${bits.join(' ')}`, `  ${chain}`];
}

function detailsBlock(group: PackageGroup, rules: ReadonlyMap<string, RuleInfo>): string {
  const summary = `<b>${html(group.label)}</b>: ${plural(group.perCall.length, 'per-call finding')} (${bySeverityText(group.perCall)})`;
  const lines = ['<details>', `<summary>${summary}</summary>`, ''];
  const ruleIds = [...new Set(group.perCall.map((f) => f.ruleId))];
  for (const id of ruleIds) {
    const rule = rules.get(id);
    lines.push(rule === undefined ? `**${code(id)}**` : `**${code(id)}** ${esc(rule.title)}. *Fix:* ${esc(rule.fix)}`, '');
    for (const f of group.perCall.filter((x) => x.ruleId === id)) lines.push(...findingLines(f, group.pkg?.dir));
    lines.push('');
  }
  lines.push('</details>');
  return lines.join('\n');
}

function suppressedBlock(report: Report): string | null {
  const suppressed = report.findings.filter((f) => f.suppressed === true);
  if (suppressed.length === 0) return null;
  const lines = ['<details>', `<summary>Suppressed by policy (${suppressed.length})</summary>`, ''];
  for (const f of suppressed) {
    const reason = f.suppressionReason !== undefined ? `: ${esc(f.suppressionReason)}` : '';
    lines.push(`- ${code(f.ruleId)} ${code(f.package)} ${code(`${f.file}:${f.line}`)}${reason}`);
  }
  return [...lines, '', '</details>'].join('\n');
}

function errorsBlock(report: Report): string | null {
  const source = report.policy?.source ?? null;
  const entries: Array<{ kind: string; where: Array<string | null>; message: string }> = [
    ...report.errors.map((e) => ({ kind: e.kind, where: [e.package, e.file], message: e.message })),
    ...(report.policy?.expiredSuppressions ?? []).map((e) => ({ kind: 'expired-suppression', where: [source], message: e.message })),
    ...(report.policy?.overBudget ?? []).map((e) => ({ kind: 'over-budget', where: [e.package, source], message: e.message })),
  ];
  if (entries.length === 0) return null;
  const lines = ['<details>', `<summary>Errors and policy notices (${entries.length})</summary>`, ''];
  for (const e of entries) {
    const where = e.where
      .filter((x): x is string => x !== null)
      .map((x) => code(x))
      .join(' ');
    lines.push(`- ${code(e.kind)} ${where}${where === '' ? '' : ' '}${esc(e.message)}`);
  }
  return [...lines, '', '</details>'].join('\n');
}

/** Set-up hooks (a logger's configure, a pool's creation) with their cost per call: ranked apart, never per span. */
function setUpBlock(report: Report): string | null {
  const entries = (report.benchmarks ?? []).filter((b) => setUpOverhead(b) !== null).sort((a, b) => setUpOverhead(b)! - setUpOverhead(a)! || a.package.localeCompare(b.package));
  if (entries.length === 0) return null;
  const lines = [
    '<details>',
    `<summary>Set-up hooks (${entries.length}): overhead per call, once per logger, pool or server — not per request</summary>`,
    '',
    '| package | hook | overhead / call |',
    '| --- | --- | ---: |',
  ];
  for (const b of entries) lines.push(`| ${code(b.package, true)} | ${code(`${b.hook!.kind} ${b.hook!.target}`, true)} | ${formatNs(setUpOverhead(b))} |`);
  return [...lines, '', '</details>'].join('\n');
}

function footer(report: Report): string {
  return `<sub>${html(report.tool.name)} ${html(report.tool.version)} · only per-call findings are listed; the JSON report has every finding · cost figures: ${html(report.costTable)}</sub>`;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const rules = new Map((options.rules ?? []).map((r) => [r.id, r]));
  const head = headSection(report);
  const foot = footer(report);
  let room = limit - head.length - foot.length - NOTE_ROOM;
  const left: string[] = [];

  // The table: the packages with findings (or a measured overhead), and the clean ones too when they
  // are few — a long list of clean packages is noise in a review, so past CLEAN_ROWS they fold into
  // a collapsed list. Too long: the clean ones only counted; still too long: as many rows as fit.
  const all = rows(report);
  const notable = all.filter((r) => r.group.perCall.length > 0 || r.overhead !== '');
  const clean = all.filter((r) => !notable.includes(r));
  let text = clean.length > CLEAN_ROWS ? table(report, notable, cleanList(clean)) : table(report, all, null);
  if (text.length > room) {
    const others = clean.length;
    const note = others > 0 ? `${plural(others, 'other package')}: no per-call findings.` : null;
    text = table(report, notable, note);
    if (others > 0) left.push(`${plural(others, 'package')} without per-call findings counted, not listed`);
    let shown = notable.length;
    while (text.length > room && shown > 0) {
      shown = Math.max(0, Math.floor(shown * 0.9) - 1);
      text = table(report, notable.slice(0, shown), `… and ${plural(notable.length - shown, 'more package')} with findings, not listed.${note === null ? '' : ` ${note}`}`);
    }
    if (shown < notable.length) left.push(`${plural(notable.length - shown, 'package')} with findings left out of the table`);
  }
  room -= text.length;

  // Details in table order while they fit; then the notices.
  const blocks: string[] = [];
  const withFindings = all.filter((r) => r.group.perCall.length > 0);
  let dropped = 0;
  for (const r of withFindings) {
    const block = detailsBlock(r.group, rules);
    if (block.length + 2 <= room) {
      blocks.push(block);
      room -= block.length + 2;
    } else dropped++;
  }
  if (dropped > 0) left.unshift(`call paths and fixes of ${plural(dropped, 'package')} left out`);
  const notices: Array<[string | null, string]> = [
    [setUpBlock(report), 'set-up hooks'],
    [errorsBlock(report), 'errors'],
    [suppressedBlock(report), 'suppressed findings'],
  ];
  for (const [block, what] of notices) {
    if (block === null) continue;
    if (block.length + 2 <= room) {
      blocks.push(block);
      room -= block.length + 2;
    } else left.push(`the list of ${what} left out`);
  }

  const parts = [head];
  if (left.length > 0) {
    parts.push(`> [!NOTE]\n> Summarised to stay under GitHub's 65,536-character comment limit: ${left.join('; ')}. The JSON or SARIF report has everything.`);
  }
  parts.push(text, ...blocks, foot);
  return `${parts.join('\n\n')}\n`;
}
