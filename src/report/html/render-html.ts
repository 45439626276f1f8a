// `--format html`: one self-contained page (inline styles and scripts, no network: a CSP forbids it)
// with the overview, every finding with its call path drawn by Graphviz (viz.js, WebAssembly, inlined),
// the code around the operation and the fix, and — when the report has them — benchmarks and profiles.
// Pure: the viz.js bundle, the code excerpts and the profiles are inputs (src/render-inputs reads
// them), so the same inputs always give the same page.
import { SEVERITIES, type Report } from '../../model/report.js';
import type { RuleInfo } from '../rule-info.js';
import { renderBenchTable } from './bench-table.js';
import { escapeHtml as h } from './escape.js';
import type { Excerpt } from './excerpt.js';
import { renderFilters } from './filters.js';
import { CardDeck, inDefaultView } from './card-deck.js';
import { renderFindingCard, reportCardContext } from './finding-card.js';
import { renderOverview } from './overview.js';
import { renderPage, type PagePart } from './page-shell.js';
import { renderProfiles } from './profile-section.js';
import type { HookProfile } from '../../profile/as-profile.js';
import { renderJson } from '../render-json.js';

export interface HtmlOptions {
  /** the browser build of @viz-js/viz (loadVizScript); without it the call paths are shown as lists only */
  vizScript?: string;
  /** code around each finding's operation, `path:line` → excerpt (loadExcerpts) */
  excerpts?: ReadonlyMap<string, Excerpt>;
  /** rule metadata: titles and fix advice (loadRuleInfo) */
  rules?: readonly RuleInfo[];
  /** CPU profiles of benchmarked hooks (loadProfiles), sorted by label */
  profiles?: readonly HookProfile[];
}

/**
 * The scan page's sections — overview, findings, benchmarks, profiles, errors — for this page and for
 * the pages that embed a scan (vet). Their ids (`findings`, `filters`, `f-1`…) are the scan page's own:
 * a page embeds at most one scan.
 */
export function renderScanSections(report: Report, options: HtmlOptions = {}): PagePart {
  const rules = new Map((options.rules ?? []).map((r) => [r.id, r]));
  const ctx = reportCardContext(report, rules, options.excerpts ?? new Map());
  const graphs: Array<[string, string]> = [];
  // most severe first (the report's own order within a severity: package, file, line); ids follow the
  // report's order so a card's anchor does not move when severities change
  const order = report.findings.map((f, i) => ({ f, i })).sort((a, b) => SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) || a.i - b.i);
  const deck = new CardDeck(order.length);
  const cards = order.map(({ f, i }) => {
    const card = renderFindingCard(f, findingAnchor(i), ctx);
    graphs.push([`g-${findingAnchor(i)}`, card.dot]);
    return deck.place(findingAnchor(i), card, inDefaultView(f));
  });
  const profiles = renderProfiles(options.profiles ?? []);
  graphs.push(...profiles.graphs);
  const benchTable = renderBenchTable(ctx.bench, ctx.bareSpanNs);
  const toc: Array<[string, string]> = [
    ['overview', 'Overview'],
    ['findings', `Findings (${report.findings.length})`],
    ...(benchTable ? [['benchmarks', 'Benchmarks'] as [string, string]] : []),
    ...(profiles.html ? [['profiles', 'Profiles'] as [string, string]] : []),
    ['errors', `Errors (${report.errors.length})`],
  ];
  const html = `${renderOverview(report, ctx.bench, ctx.bareSpanNs)}
<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h" tabindex="-1">Findings</h2>
<p class="note">Each card shows the call path from the hook to the expensive operation, the code around it and the fix. Tab through the cards, or press <kbd>j</kbd> / <kbd>k</kbd> on a card for the next / previous one.</p>
${renderFilters(report.findings, rules)}
${cards.join('\n')}
</section>
${benchTable}
${profiles.html}
${renderErrors(report)}`;
  const lazy = deck.lazy();
  return { html, graphs, toc, ...(lazy ? { lazy } : {}) };
}

/** The anchor of the report's i-th finding (0-based) on the page: `#f-1`, … */
export const findingAnchor = (i: number): string => `f-${i + 1}`;

export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const title = `otel-audit report: ${report.roots.join(', ') || report.root}`;
  return renderPage({
    title,
    subtitle: `${h(report.tool.name)} ${h(report.tool.version)} · ${report.summary.packages} package${report.summary.packages === 1 ? '' : 's'} · cost table: ${h(report.costTable)}`,
    generator: `${report.tool.name} ${report.tool.version}`,
    skip: { target: 'findings-h', text: 'Skip to findings' },
    body: renderScanSections(report, options),
    footer: "The report's JSON is embedded in this page (<code>#report-data</code>).",
    data: { id: 'report-data', value: JSON.parse(renderJson(report)) as unknown },
    ...(options.vizScript !== undefined ? { vizScript: options.vizScript } : {}),
  });
}

function renderErrors(report: Report): string {
  const items = report.errors.map((e) => {
    const where = [e.package, e.file].filter((x): x is string => x !== null).join(' ');
    return `<li><strong>${h(e.kind)}</strong>${where ? ` <code>${h(where)}</code>` : ''}: ${h(e.message)}</li>`;
  });
  return `<section id="errors" aria-labelledby="errors-h">
<h2 id="errors-h">Errors</h2>
${items.length === 0 ? '<p>Nothing was skipped.</p>' : `<p class="note">What could not be analysed, and why.</p><ul class="errors">${items.join('')}</ul>`}
</section>`;
}
