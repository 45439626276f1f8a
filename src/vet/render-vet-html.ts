// `otel-audit vet --format html`: the verdict and its reasons on top (each finding reason links to its
// card), how the package was obtained, then the scan page's own sections for the vetted package
// (overview, findings with call-path graphs, benchmarks, profiles, errors) and, with --against, the
// diff page's sections. One self-contained page on the shared shell. Pure: the viz.js bundle, rules,
// policy text and the code excerpts (read by vetPackage before its temp folder goes) are inputs.
import { renderDiffSections } from '../diff/render-diff-html.js';
import { escapeHtml as h } from '../report/html/escape.js';
import type { Excerpt } from '../report/html/excerpt.js';
import { joinParts, renderPage, type PagePart } from '../report/html/page-shell.js';
import type { Finding } from '../model/report.js';
import { findingAnchor, renderScanSections } from '../report/html/render-html.js';
import type { RuleInfo } from '../report/rule-info.js';
import type { Reason, VetResult } from './vet-model.js';

export interface VetHtmlOptions {
  /** the browser build of @viz-js/viz (loadVizScript); without it the call paths stay lists */
  vizScript?: string;
  /** rule metadata: titles and fix advice (loadRuleInfo) */
  rules?: readonly RuleInfo[];
  excerpts?: ReadonlyMap<string, Excerpt>;
  /** the policy in words (render-vet.ts says it the same way in every format) */
  policyText?: string;
}

const VERDICT = { pass: { word: 'PASS', symbol: '✓' }, warn: { word: 'WARN', symbol: '!' }, fail: { word: 'FAIL', symbol: '✗' } } as const;

const same = (a: Finding, b: Finding): boolean =>
  a.ruleId === b.ruleId && a.package === b.package && a.root === b.root && a.file === b.file && a.line === b.line && a.column === b.column && a.operation === b.operation;

function reasonItem(reason: Reason, findings: readonly Finding[]): string {
  const f = reason.finding;
  const i = f === undefined ? -1 : findings.findIndex((x) => x === f || same(x, f));
  const link = i < 0 ? '' : ` <a href="#${findingAnchor(i)}">show the finding</a>`;
  return `<li class="reason-${reason.level}"><span class="level level-${reason.level}">${reason.level}</span> ${h(reason.message)}${link}</li>`;
}

function renderVetVerdict(r: VetResult, o: VetHtmlOptions): PagePart {
  const v = VERDICT[r.verdict];
  const label = `${r.package.name}@${r.package.version}`;
  const reasons =
    r.reasons.length > 0
      ? `<ul class="reasons">${r.reasons.map((x) => reasonItem(x, r.report.findings)).join('')}</ul>`
      : `<p>No per-call findings at or above low${r.policy.budgetNs === null ? '' : ', every measured hook within the budget'}.</p>`;
  const facts: Array<[string, string]> = [
    ['spec', `<code>${h(r.spec)}</code>`],
    ['source', `${h(r.source)}; unpacked with ${h(r.unpackedWith)}`],
    ['dependencies', h(r.dependencies.detail)],
    ['bench', h(r.bench.detail)],
    ...(r.against
      ? [['compared with', `<a href="#diff-verdict">${h(`${r.against.package.name}@${r.against.package.version}`)}</a> (its own verdict: ${h(r.against.verdict)})`] as [string, string]]
      : []),
  ];
  const html = `<section id="vet-verdict" aria-labelledby="vet-verdict-h">
<h2 id="vet-verdict-h" tabindex="-1">Verdict</h2>
<p class="verdict verdict-${r.verdict}"><strong class="verdict-word"><span aria-hidden="true">${v.symbol}</span> ${v.word}</strong> <code>${h(label)}</code>${o.policyText !== undefined ? ` <span class="note">${h(o.policyText)}</span>` : ''}</p>
${reasons}
<dl class="facts">${facts.map(([k, x]) => `<div><dt>${h(k)}</dt><dd>${x}</dd></div>`).join('')}</dl>
</section>`;
  return { html, graphs: [], toc: [['vet-verdict', `Verdict: ${r.verdict}`]] };
}

export function renderVetHtml(r: VetResult, o: VetHtmlOptions = {}): string {
  const shared = { ...(o.rules ? { rules: o.rules } : {}), ...(o.excerpts ? { excerpts: o.excerpts } : {}) };
  const parts = [renderVetVerdict(r, o), renderScanSections(r.report, shared)];
  if (r.against) {
    const other = `${r.against.package.name}@${r.against.package.version}`;
    parts.push(renderDiffSections(r.against.diff, { ...shared, failOn: r.policy.failOn, head: r.report, verdictHeading: `Compared with ${other}` }));
  }
  const label = `${r.package.name}@${r.package.version}`;
  return renderPage({
    title: `otel-audit vet: ${label}`,
    subtitle: `${VERDICT[r.verdict].word} · ${h(r.report.tool.name)} ${h(r.report.tool.version)} · ${h(r.spec)}${r.against ? ` against ${h(r.against.spec)}` : ''}`,
    generator: `${r.report.tool.name} ${r.report.tool.version}`,
    skip: { target: 'vet-verdict-h', text: 'Skip to the verdict' },
    body: joinParts(parts),
    footer: "The vet result's JSON (verdict, reasons, the scan report and any diff) is embedded in this page (<code>#vet-data</code>).",
    data: { id: 'vet-data', value: r },
    ...(o.vizScript !== undefined ? { vizScript: o.vizScript } : {}),
  });
}
