// `otel-audit diff --format html`: the diff as one self-contained page, on the same shell as the scan
// page (styles, script, Graphviz inlined; nothing fetched). Top to bottom: the verdict (does the change
// fail, and why) with counts that filter, the packages changed, the findings — new first, then fixed,
// then unchanged — as the scan page's cards (call path graph, excerpt, fix) marked with their change,
// and the overhead per span of every hook, base against head. Pure: the viz.js bundle, the excerpts,
// the rules and the two reports are inputs (render-diff.ts and cli/diff.ts read them).
import type { FailOn } from '../policy/exit-code.js';
import { formatNs } from '../util/format-ns.js';
import { escapeHtml as h } from '../report/html/escape.js';
import type { Excerpt } from '../report/html/excerpt.js';
import { frequencyOptions, option, renderFilterForm, ruleOptions, severityOptions, uniqueSorted } from '../report/html/filters.js';
import { CardDeck, inDefaultView } from '../report/html/card-deck.js';
import { renderFindingCard, reportCardContext, type CardContext } from '../report/html/finding-card.js';
import { joinParts, renderPage, type PagePart } from '../report/html/page-shell.js';
import { SEVERITIES, type Finding, type Report } from '../model/report.js';
import { bareSpanNsOf } from '../model/bench-overhead.js';
import { joinRoot } from '../model/report-paths.js';
import type { RuleInfo } from '../report/rule-info.js';
import type { BenchmarkChange, ReportDiff, ReportSide } from './diff-model.js';
import { packageName } from '../model/fingerprint.js';
import { fmtSignedPct, headline, plural, summaryLine } from './format-diff.js';
import { renderBenchmarkChanges, VERDICT_TEXT } from './html-benchmark-changes.js';

export interface DiffHtmlOptions {
  failOn: FailOn;
  /** the browser build of @viz-js/viz (loadVizScript); without it the call paths stay lists */
  vizScript?: string;
  /** code around the findings' operations, `path:line` → excerpt (loadDiffExcerpts) */
  excerpts?: ReadonlyMap<string, Excerpt>;
  /** rule metadata: titles and fix advice (loadRuleInfo) */
  rules?: readonly RuleInfo[];
  /** the reports the diff was made from, when at hand: hook locations, cost table, measured costs, bare span */
  base?: Report;
  head?: Report;
  /** the verdict section's heading (vet: "Compared with name@version") */
  verdictHeading?: string;
}

type ChangeKind = 'new' | 'fixed' | 'unchanged';

const KINDS: Record<ChangeKind, { title: string; symbol: string; note: string }> = {
  new: { title: 'New', symbol: '+', note: 'In head, not in base: what the change brings.' },
  fixed: { title: 'Fixed', symbol: '✓', note: 'In base, gone from head.' },
  unchanged: { title: 'Unchanged', symbol: '=', note: 'In both reports, shown as in head; "moved" when at another file or line.' },
};

interface Entry {
  kind: ChangeKind;
  /** the finding as the page shows it: head's, base's for a fixed one */
  finding: Finding;
  /** an unchanged finding's base, when it moved */
  movedFrom?: Finding;
  id: string;
}

/** What a card knows without the report: the side's roots only. */
function sideContext(side: ReportSide, rules: CardContext['rules'], excerpts: CardContext['excerpts']): CardContext {
  return { roots: side.roots, costTable: null, rules, excerpts, bench: [], bareSpanNs: null, packages: new Map() };
}

const hookKey = (pkg: string, kind: string, target: string): string => `${packageName(pkg)}\u0000${kind}\u0000${target}`;

/** the benchmark change of a finding's hook, as a card fact */
function hookChangeFact(f: Finding, byHook: ReadonlyMap<string, BenchmarkChange>): Array<[string, string]> {
  if (f.hook === null) return [];
  const b = byHook.get(hookKey(f.reachedFrom ?? f.package, f.hook.kind, f.hook.target));
  if (!b) return [];
  const pct = b.changePct !== null ? `, ${fmtSignedPct(b.changePct)}` : '';
  return [['overhead of its hook', `${h(formatNs(b.baseNs))} → ${h(formatNs(b.headNs))} per span (${VERDICT_TEXT[b.verdict].word}${h(pct)})`]];
}

const bySeverity = (a: Entry, b: Entry): number => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity);

function entries(diff: ReportDiff): Entry[] {
  const list = (kind: ChangeKind, items: Array<Omit<Entry, 'kind' | 'id'>>): Entry[] => items.map((e, i) => ({ ...e, kind, id: `d-${kind}-${i + 1}` })).sort(bySeverity);
  return [
    ...list(
      'new',
      diff.findings.new.map((c) => ({ finding: c.finding })),
    ),
    ...list(
      'fixed',
      diff.findings.fixed.map((c) => ({ finding: c.finding })),
    ),
    ...list(
      'unchanged',
      diff.findings.unchanged.map((u) => ({ finding: u.head, ...(u.moved ? { movedFrom: u.base } : {}) })),
    ),
  ];
}

function renderVerdict(diff: ReportDiff, o: DiffHtmlOptions): PagePart {
  const hl = headline(diff, o.failOn);
  const s = diff.summary;
  const stat = (label: string, n: number, form: string | null, set: Record<string, string>): string => {
    const inner = `<span class="k">${h(label)}</span> <span class="n">${n}</span>`;
    if (form === null) return `<li><span class="stat">${inner}</span></li>`;
    const attrs = Object.entries(set)
      .map(([k, v]) => ` data-set-${k}="${h(v)}"`)
      .join('');
    return `<li><button type="button" class="stat" data-filter-form="${form}"${attrs} aria-label="${h(`${n} ${label}: show them`)}">${inner}</button></li>`;
  };
  // the counts are buttons that set the filters below, when there is something to filter
  const findings = s.new + s.fixed + s.unchanged > 0 ? 'diff-filters' : null;
  const bench = diff.benchmarks !== null && diff.benchmarks.length > 0 ? 'bench-filters' : null;
  const stats = [
    stat('new per-call findings', s.newPerCall, findings, { change: 'new', frequency: 'per-call' }),
    stat('fixed per-call findings', s.fixedPerCall, findings, { change: 'fixed', frequency: 'per-call' }),
    stat(`unchanged findings${s.moved > 0 ? ` (${s.moved} moved)` : ''}`, s.unchanged, findings, { change: 'unchanged', frequency: '' }),
    ...(diff.benchmarks !== null
      ? [stat('overhead regressions', s.regressions, bench, { verdict: 'regression' }), stat('overhead improvements', s.improvements, bench, { verdict: 'improvement' })]
      : []),
  ];
  const side = (name: string, x: ReportSide): string => `${name} <code>${h(x.root)}</code> (${plural(x.packages, 'package')}, otel-audit ${h(x.toolVersion)})`;
  const html = `<section id="diff-verdict" aria-labelledby="diff-verdict-h">
<h2 id="diff-verdict-h" tabindex="-1">${h(o.verdictHeading ?? 'Verdict')}</h2>
<p class="verdict verdict-${hl.ok ? 'pass' : 'fail'}"><strong class="verdict-word"><span aria-hidden="true">${hl.ok ? '✓' : '✗'}</span> ${hl.ok ? 'OK' : 'FAIL'}</strong> ${h(hl.text)}</p>
<ul class="stat-list">${stats.join('')}</ul>
<p class="note">${side('base', diff.base)} → ${side('head', diff.head)} · fails on new per-call findings at or above ${h(o.failOn)} and on overhead regressions beyond ${diff.thresholdPct}% and the noise.</p>
<p class="note">${h(summaryLine(diff))}</p>
</section>`;
  return { html, graphs: [], toc: [['diff-verdict', o.verdictHeading ?? 'Verdict']] };
}

function renderPackages(diff: ReportDiff): PagePart {
  if (diff.packages.length === 0) return { html: '', graphs: [], toc: [] };
  const rows = diff.packages.map((p) => {
    const what = p.base === null ? 'added' : p.head === null ? 'removed' : 'version changed';
    return `<tr><th scope="row">${h(p.name)}</th><td>${p.base === null ? '—' : `<code>${h(p.base)}</code>`}</td><td>${p.head === null ? '—' : `<code>${h(p.head)}</code>`}</td><td>${what}</td></tr>`;
  });
  const html = `<section id="diff-packages" aria-labelledby="diff-packages-h">
<h2 id="diff-packages-h">Packages changed (${diff.packages.length})</h2>
<table class="packages"><thead><tr><th scope="col">package</th><th scope="col">base</th><th scope="col">head</th><th scope="col">change</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</section>`;
  return { html, graphs: [], toc: [['diff-packages', `Packages changed (${diff.packages.length})`]] };
}

/**
 * Cards drawn per kind of change (new, fixed, unchanged). A card with its call graph is kilobytes: a
 * diff with 100,000 new findings would build a page past the largest string V8 makes (and no browser
 * would open it). The rest are counted under the group, and all of them are in the embedded JSON.
 */
export const MAX_CARDS_PER_CHANGE = 500;

function renderFindingChanges(diff: ReportDiff, o: DiffHtmlOptions): PagePart {
  const rules = new Map((o.rules ?? []).map((r) => [r.id, r]));
  const excerpts = o.excerpts ?? new Map();
  const headCtx = o.head ? reportCardContext(o.head, rules, excerpts) : sideContext(diff.head, rules, excerpts);
  const baseCtx = o.base ? reportCardContext(o.base, rules, excerpts) : sideContext(diff.base, rules, excerpts);
  const byHook = new Map((diff.benchmarks ?? []).map((b) => [hookKey(b.package, b.hook.kind, b.hook.target), b]));
  const all = entries(diff);
  const graphs: Array<[string, string]> = [];
  const deck = new CardDeck(all.length);
  const groups = (Object.keys(KINDS) as ChangeKind[]).flatMap((kind) => {
    const list = all.filter((e) => e.kind === kind);
    if (list.length === 0) return [];
    const k = KINDS[kind];
    const left = list.length - MAX_CARDS_PER_CHANGE;
    const cards = list.slice(0, MAX_CARDS_PER_CHANGE).map((e) => {
      const word = e.movedFrom ? 'moved' : kind;
      const moved: Array<[string, string]> = e.movedFrom ? [['moved from', `<code>${h(`${joinRoot(diff.base.roots[e.movedFrom.root], e.movedFrom.file)}:${e.movedFrom.line}`)}</code>`]] : [];
      const card = renderFindingCard(e.finding, e.id, kind === 'fixed' ? baseCtx : headCtx, {
        level: 4,
        className: `change-${kind}`,
        data: { package: packageName(e.finding.package), change: kind },
        badge: `<span class="change-badge change-${kind}"><span aria-hidden="true">${k.symbol}</span> ${word}</span> `,
        facts: [...moved, ...hookChangeFact(e.finding, byHook)],
      });
      graphs.push([`g-${e.id}`, card.dot]);
      return deck.place(e.id, card, inDefaultView(e.finding));
    });
    return [
      `<div class="change-group" id="diff-${kind}" aria-labelledby="diff-${kind}-h">
<h3 id="diff-${kind}-h">${k.title} (${list.length})</h3>
<p class="note">${h(k.note)}</p>
${cards.join('\n')}${left > 0 ? `\n<p class="note">… and ${left.toLocaleString('en-US')} more ${h(kind)} finding${left === 1 ? '' : 's'}, left out of the page (the first ${MAX_CARDS_PER_CHANGE} are shown); all are in the embedded JSON (<code>#diff-data</code>).</p>` : ''}
</div>`,
    ];
  });
  const findings = all.map((e) => e.finding);
  const form = renderFilterForm({
    id: 'diff-filters',
    prefix: 'diff-filter',
    label: 'Filter finding changes',
    items: '#diff-findings article.finding',
    groups: '#diff-findings .change-group',
    noun: 'finding',
    focus: 'diff-findings-h',
    none: { id: 'diff-no-match', text: 'No findings match the filters.' },
    status: 'diff-filter-status',
    controls: [
      { kind: 'select', key: 'package', label: 'Package', options: [option('', 'all packages'), ...uniqueSorted(findings.map((f) => packageName(f.package))).map((p) => option(p, p))] },
      {
        kind: 'select',
        key: 'rule',
        label: 'Rule',
        options: ruleOptions(
          findings.map((f) => f.ruleId),
          rules,
        ),
      },
      { kind: 'select', key: 'severity', label: 'Severity', options: severityOptions() },
      {
        kind: 'select',
        key: 'change',
        label: 'Change',
        options: [option('', 'all changes'), option('new|fixed', 'new or fixed'), option('new', 'new'), option('fixed', 'fixed'), option('unchanged', 'unchanged')],
      },
      { kind: 'select', key: 'frequency', label: 'Runs', options: frequencyOptions() },
      { kind: 'include', key: 'suppressed', label: 'include suppressed' },
      { kind: 'text', label: 'Text', placeholder: 'function, file, operation' },
    ],
  });
  const s = diff.summary;
  const html = `<section id="diff-findings" aria-labelledby="diff-findings-h">
<h2 id="diff-findings-h" tabindex="-1">Findings: new, fixed, unchanged</h2>
<p class="note">Findings are matched by a fingerprint that survives line shifts and version bumps. Each card shows the call path from the hook to the operation, the code around it when the file is at hand, and the fix. Tab through the cards, or press <kbd>j</kbd> / <kbd>k</kbd> on a card for the next / previous one.</p>
${all.length === 0 ? '<p>Neither report has findings.</p>' : `${form}\n${groups.join('\n')}`}
</section>`;
  const lazy = deck.lazy();
  return { html, graphs, toc: [['diff-findings', `Finding changes (${s.new} new, ${s.fixed} fixed)`]], ...(lazy ? { lazy } : {}) };
}

/** The diff's sections, for the diff page and for vet --against. Ids start with `diff-`, `d-` or `bench-`. */
export function renderDiffSections(diff: ReportDiff, options: DiffHtmlOptions): PagePart {
  const bare = options.head ? bareSpanNsOf(options.head) : null;
  return joinParts([renderVerdict(diff, options), renderPackages(diff), renderFindingChanges(diff, options), renderBenchmarkChanges(diff, bare)]);
}

export function renderDiffHtml(diff: ReportDiff, options: DiffHtmlOptions): string {
  const version = diff.head.toolVersion;
  return renderPage({
    title: `otel-audit diff: ${diff.base.root} → ${diff.head.root}`,
    subtitle: `base ${h(diff.base.root)} → head ${h(diff.head.root)} · threshold ${diff.thresholdPct}% · fail on ${h(options.failOn)}`,
    generator: `otel-audit ${version}`,
    skip: { target: 'diff-verdict-h', text: 'Skip to the verdict' },
    body: renderDiffSections(diff, options),
    footer: "The diff's JSON is embedded in this page (<code>#diff-data</code>).",
    data: { id: 'diff-data', value: diff },
    ...(options.vizScript !== undefined ? { vizScript: options.vizScript } : {}),
  });
}
