// One finding as a card: severity (as a word), rule, location, the call path as a graph (drawn by the
// page) with the same steps as a list, the code around the operation, the fix, and what the bench
// measured for its hook. The card's data-* attributes are what the page's filters match on.
import type { Finding, HookInfo, PackageReport, Report } from '../../model/report.js';
import { formatNs, timesBareSpan } from '../../util/format-ns.js';
import { type Benchmark } from '../../model/benchmark.js';
import { bareSpanNsOf } from '../../model/bench-overhead.js';
import { joinRoot } from '../../model/report-paths.js';
import type { RuleInfo } from '../rule-info.js';
import { callPathDot, callPathNodes, type PathNode } from './call-path-dot.js';
import { escapeHtml as h } from './escape.js';
import { excerptKey, type Excerpt } from './excerpt.js';
import { evidenceLabel, evidenceSentence } from '../evidence-text.js';

/** What a card needs beside its finding: the report it comes from (or what a diff knows of it). */
export interface CardContext {
  /** the report's scanned paths: a finding's `root` indexes into them */
  roots: readonly string[];
  /** where the estimated costs come from (the report's `costTable`), null when unknown */
  costTable: string | null;
  rules: ReadonlyMap<string, RuleInfo>;
  excerpts: ReadonlyMap<string, Excerpt>;
  bench: readonly Benchmark[];
  bareSpanNs: number | null;
  /** `root\0name@version` → package */
  packages: ReadonlyMap<string, PackageReport>;
}

/** How a page places a card: a diff marks it new / fixed / unchanged and nests it one level deeper. */
export interface CardOptions {
  /** heading level of the card's title (default 3) */
  level?: 3 | 4;
  /** more data-* attributes for the filters (they replace the card's own of the same name) */
  data?: Readonly<Record<string, string>>;
  /** extra class names */
  className?: string;
  /** markup put before the severity badge in the title (e.g. a change badge) */
  badge?: string;
  /** more facts after the card's own (label, HTML value) */
  facts?: ReadonlyArray<[string, string]>;
}

export const packageKey = (root: number, label: string): string => `${root}\u0000${label}`;

/** The card context of a whole report: its roots, cost table, packages and bench entries. */
export function reportCardContext(report: Report, rules: ReadonlyMap<string, RuleInfo>, excerpts: ReadonlyMap<string, Excerpt>): CardContext {
  return {
    roots: report.roots,
    costTable: report.costTable,
    rules,
    excerpts,
    bench: report.benchmarks ?? [],
    bareSpanNs: bareSpanNsOf(report),
    packages: new Map(report.packages.map((p) => [packageKey(p.root, `${p.name}@${p.version}`), p])),
  };
}

/**
 * A card in parts: the opening tag (what the filters read: id, class, data-*), its content and the
 * closing tag, so that a page with thousands of cards can write the content as data and fill it in when
 * the card is shown (card-deck.ts). The excerpt is apart for the same reason: cards at one site share it.
 */
export interface CardParts {
  html: string;
  dot: string;
  open: string;
  /** the content before and after the excerpt's place */
  inner: [before: string, after: string];
  close: string;
  /** the code excerpt's figure, and a key naming its content (cards at one site have the same) */
  excerpt: { key: string; html: string } | null;
}

export function renderFindingCard(f: Finding, id: string, ctx: CardContext, options: CardOptions = {}): CardParts {
  const pkg = ctx.packages.get(packageKey(f.root, f.package));
  const hook: HookInfo | undefined = f.hook === null ? undefined : pkg?.hooks.find((x) => x.id === f.hook!.id);
  const nodes = callPathNodes(f, hook, pkg?.dir);
  const rule = ctx.rules.get(f.ruleId);
  const root = ctx.roots[f.root];
  const where = `${joinRoot(root, f.file)}:${f.line}:${f.column}`;
  const original = f.original ? joinRoot(root, f.original.file) : null;
  const evidence = evidenceLabel(f);
  const tags = [
    f.frequency,
    ...(f.conditional === true ? ['behind a configuration flag'] : []),
    ...(f.path === 'error' ? ['error path only'] : []),
    ...(f.suppressed === true ? ['suppressed'] : []),
    ...(evidence !== null ? [evidence] : []),
  ];
  const facts: Array<[string, string]> = [
    ['package', h(f.package) + (f.reachedFrom !== undefined ? ` <small>(reached from ${h(f.reachedFrom)})</small>` : '')],
    ...(f.hook !== null ? [['hook', `${h(f.hook.kind)} <code>${h(f.hook.target)}</code>`] as [string, string]] : []),
    ['runs', h(tags.join(', '))],
    ['estimated cost', `${h(formatNs(f.estimatedCostNs))} per run${ctx.costTable !== null ? ` <small>(${h(ctx.costTable)})</small>` : ''}`],
    ...measured(f, ctx),
    ...(f.perRequestUnderLoad !== undefined
      ? [
          ['under load', h(f.perRequestUnderLoad > 0 ? `${f.perRequestUnderLoad} per request at this line in the app under load (confirmed)` : 'not seen at this line in the app under load')] as [
            string,
            string,
          ],
        ]
      : []),
    ...(f.suppressed === true && f.suppressionReason !== undefined ? [['suppressed because', h(f.suppressionReason)] as [string, string]] : []),
    ...(options.facts ?? []),
  ];
  const primary = f.original ? ctx.excerpts.get(excerptKey(original!, f.original.line)) : undefined;
  const compiled = ctx.excerpts.get(excerptKey(joinRoot(root, f.file), f.line));
  const code = primary ?? compiled;
  const graphId = `g-${id}`;
  const data: Record<string, string> = {
    package: f.package,
    rule: f.ruleId,
    severity: f.severity,
    frequency: f.frequency,
    suppressed: String(f.suppressed === true),
    ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
    ...options.data,
  };
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${h(v)}"`)
    .join('');
  const level = options.level ?? 3;
  const open = `<article class="finding sev-${f.severity}${options.className ? ` ${h(options.className)}` : ''}" id="${id}" tabindex="0" aria-labelledby="${id}-h"${attrs}>`;
  const excerpt = code
    ? {
        key: [excerptKey(code.path, code.line), ...(primary !== undefined && compiled !== undefined ? [excerptKey(compiled.path, compiled.line)] : [])].join('|'),
        html: excerptFigure(code, primary !== undefined && compiled !== undefined ? compiled : undefined),
      }
    : null;
  const before = `
<header>
<h${level} id="${id}-h">${options.badge ?? ''}<span class="sev-badge sev-${f.severity}">${f.severity}</span> <span class="rule-id">${h(f.ruleId)}</span>${rule ? ` <span class="rule-title">${h(rule.title)}</span>` : ''}${evidence !== null ? ` <span class="evidence-badge ev-${h(f.evidence!)}">${h(evidence)}</span>` : ''}</h${level}>
<p class="where"><code>${h(where)}</code>${original !== null ? ` <span class="orig">from <code>${h(`${original}:${f.original!.line}`)}</code></span>` : ''}</p>
</header>
<p class="message">${h(f.message)}</p>
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>
<div class="evidence">
<figure class="callpath"><figcaption>Call path, hook to operation</figcaption>
<div class="graph" data-graph="${graphId}" role="img" aria-label="${h(pathText(nodes))}"></div>
<ol class="path-steps">${nodes.map(stepItem).join('')}</ol>
</figure>
`;
  const after = `
</div>
${rule ? `<p class="fix"><strong>Fix:</strong> ${h(rule.fix)}</p>` : ''}
`;
  const close = '</article>';
  return { html: `${open}${before}${excerpt?.html ?? ''}${after}${close}`, dot: callPathDot(nodes), open, inner: [before, after], close, excerpt };
}

const pathText = (nodes: readonly PathNode[]): string => `Call path: ${nodes.map((n) => `${n.title}${n.where ? ` (${n.where})` : ''}`).join(' → ')}`;

function stepItem(n: PathNode): string {
  const kind = n.role === 'step' ? '' : `<span class="role">${n.role}</span> `;
  const where = n.where ? ` <code>${h(n.where)}</code>` : '';
  const original = n.original ? ` <code class="orig">[${h(n.original)}]</code>` : '';
  return `<li class="${n.role}">${kind}<strong>${h(n.title)}</strong>${where}${original}</li>`;
}

/** what the bench measured for the finding's hook: the joined figure, or the matching bench entry */
function measured(f: Finding, ctx: CardContext): Array<[string, string]> {
  let ns = f.measuredOverheadNsPerSpan;
  if (ns === undefined && f.hook !== null) {
    const row = ctx.bench.find((b) => b.status === 'measured' && b.package === (f.reachedFrom ?? f.package) && b.hook !== null && (b.hook.id === f.hook!.id || b.hook.target === f.hook!.target));
    ns = row?.overheadNsPerSpan ?? undefined;
  }
  const sentence = evidenceSentence(f);
  const run: Array<[string, string]> = sentence === null ? [] : [['at run time', h(sentence)]];
  if (ns === undefined) return run;
  const times = timesBareSpan(ns, ctx.bareSpanNs);
  const x = times !== null ? ` (${times} a bare span)` : '';
  const seen = sentence !== null ? '' : f.confirmed === true ? '; the operation ran at run time (confirmed)' : f.confirmed === false ? '; the operation was not seen at run time' : '';
  return [['measured', `${h(formatNs(ns))} per span for this hook${h(x)}${h(seen)}`], ...run];
}

function excerptFigure(e: Excerpt, compiled: Excerpt | undefined): string {
  return `<figure class="excerpt"><figcaption><code>${h(`${e.path}:${e.line}`)}</code></figcaption>${codeBlock(e)}${
    compiled ? `<details><summary>compiled JavaScript <code>${h(`${compiled.path}:${compiled.line}`)}</code></summary>${codeBlock(compiled)}</details>` : ''
  }</figure>`;
}

function codeBlock(e: Excerpt): string {
  const width = String(e.start + e.lines.length - 1).length;
  const rows = e.lines.map((text, i) => {
    const n = e.start + i;
    const ln = `<span class="ln" aria-hidden="true">${String(n).padStart(width)}</span>`;
    // the marker is text as well as a highlight: readable in print and without colour
    return n === e.line ? `<mark>${ln}<span class="marker">▶</span>${h(text)}</mark>` : `${ln}<span class="marker"> </span>${h(text)}`;
  });
  return `<pre><code>${rows.join('\n')}</code></pre>`;
}
