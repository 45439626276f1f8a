// The diff page's benchmark changes, one row per hook: the verdict in words (and a symbol), base and
// head overhead per span, the change, the combined margins, and bars — base (hatched) above head
// (solid) on one scale, the shaded zone the change must leave to count (the larger of the threshold and
// the combined noise, around the base figure), and the bare-span reference line when it is known.
import { formatNs } from '../util/format-ns.js';
import { escapeHtml as h } from '../report/html/escape.js';
import { option, renderFilterForm, uniqueSorted } from '../report/html/filters.js';
import type { PagePart } from '../report/html/page-shell.js';
import { BENCHMARK_VERDICTS, type BenchmarkChange, type BenchmarkVerdict, type ReportDiff } from './diff-model.js';
import { fmtSignedPct } from './format-diff.js';

/** The verdict as a word and a symbol: never colour alone. */
export const VERDICT_TEXT: Record<BenchmarkVerdict, { word: string; symbol: string }> = {
  regression: { word: 'regression', symbol: '▲' },
  improvement: { word: 'improvement', symbol: '▼' },
  noise: { word: 'within noise', symbol: '≈' },
  unchanged: { word: 'unchanged', symbol: '=' },
  added: { word: 'new hook', symbol: '+' },
  removed: { word: 'hook removed', symbol: '−' },
  'not-comparable': { word: 'not comparable', symbol: '?' },
};

/** what a reviewer looks at first: regressions, then improvements, then the rest */
const ORDER: readonly BenchmarkVerdict[] = ['regression', 'improvement', 'noise', 'not-comparable', 'added', 'removed', 'unchanged'];
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const ns = (v: number | null): string => h(formatNs(v));

/** the half-width of the no-change zone around the base figure, ns */
function zoneNs(b: BenchmarkChange, thresholdPct: number): number | null {
  if (b.baseNs === null || b.headNs === null) return null;
  const pct = Math.max(thresholdPct, b.noisePct ?? 0);
  return (Math.abs(b.baseNs) * pct) / 100;
}

function bars(b: BenchmarkChange, thresholdPct: number, max: number, bare: number | null): string {
  const pct = (v: number): string => `${Math.max(0, Math.min(100, (v / max) * 100)).toFixed(2)}%`;
  const parts: string[] = [];
  parts.push(b.baseNs !== null ? `<span class="cb base" style="width:${pct(b.baseNs)}"></span>` : '<span class="cb none"></span>');
  parts.push(b.headNs !== null ? `<span class="cb head v-${b.verdict}" style="width:${pct(b.headNs)}"></span>` : '<span class="cb none"></span>');
  const zone = zoneNs(b, thresholdPct);
  if (zone !== null && b.baseNs !== null) {
    const from = Math.max(0, b.baseNs - zone);
    parts.push(`<span class="zone" style="left:${pct(from)};width:${pct(b.baseNs + zone - from)}"></span>`);
  }
  if (bare !== null) parts.push(`<span class="ref" style="left:${pct(bare)}"></span>`);
  return `<td class="change-bars" aria-hidden="true">${parts.join('')}</td>`;
}

function change(b: BenchmarkChange): string {
  if (b.changeNs === null) return b.reason ? h(b.reason) : '–';
  const sign = b.changeNs > 0 ? '+' : b.changeNs < 0 ? '−' : '±';
  return `${sign}${h(formatNs(Math.abs(b.changeNs)))} (${h(fmtSignedPct(b.changePct))})`;
}

function row(b: BenchmarkChange, thresholdPct: number, max: number, bare: number | null): string {
  const v = VERDICT_TEXT[b.verdict];
  return (
    `<tr class="bench-change v-${b.verdict}" data-package="${h(b.package)}" data-verdict="${b.verdict}">` +
    `<td>${h(b.package)}</td><td>${h(b.hook.kind)} <code>${h(b.hook.target)}</code></td>` +
    `<td class="verdict-cell"><span class="verdict-symbol" aria-hidden="true">${v.symbol}</span> ${v.word}</td>` +
    `<td class="num">${ns(b.baseNs)}</td><td class="num">${ns(b.headNs)}</td><td class="num">${change(b)}</td>` +
    `<td class="num">${b.noisePct === null ? '–' : `±${b.noisePct.toFixed(1)}%`}</td>` +
    `${bars(b, thresholdPct, max, bare)}</tr>`
  );
}

/** `bareSpanNs`: the head report's bare-span reference, when known (drawn as a dashed line). */
export function renderBenchmarkChanges(diff: ReportDiff, bareSpanNs: number | null): PagePart {
  const toc: Array<[string, string]> = [['diff-benchmarks', 'Overhead changes']];
  const head = `<section id="diff-benchmarks" aria-labelledby="diff-benchmarks-h">
<h2 id="diff-benchmarks-h" tabindex="-1">Overhead per span: base → head</h2>`;
  if (diff.benchmarks === null) {
    return { html: `${head}\n<p>Not compared: one report or both have no benchmarks (scan with <code>--bench</code>, or use <code>otel-audit bench</code>).</p>\n</section>`, graphs: [], toc };
  }
  const list = [...diff.benchmarks].sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict) || cmp(a.package, b.package) || cmp(a.hook.target, b.hook.target));
  if (list.length === 0) return { html: `${head}\n<p>No hooks measured in either report.</p>\n</section>`, graphs: [], toc };
  const t = diff.thresholdPct;
  const max = Math.max(1, bareSpanNs ?? 0, ...list.flatMap((b) => [b.baseNs ?? 0, b.headNs ?? 0, (b.baseNs ?? 0) + (zoneNs(b, t) ?? 0)]));
  const present = new Set(list.map((b) => b.verdict));
  const form = renderFilterForm({
    id: 'bench-filters',
    prefix: 'bench-filter',
    label: 'Filter benchmark changes',
    items: '#diff-benchmarks tr.bench-change',
    noun: 'hook',
    focus: 'diff-benchmarks-h',
    none: { id: 'bench-no-match', text: 'No hooks match the filters.' },
    status: 'bench-filter-status',
    controls: [
      { kind: 'select', key: 'package', label: 'Package', options: [option('', 'all packages'), ...uniqueSorted(list.map((b) => b.package)).map((p) => option(p, p))] },
      {
        kind: 'select',
        key: 'verdict',
        label: 'Change',
        options: [
          option('', 'all hooks'),
          option('regression|improvement', 'regression or improvement'),
          ...BENCHMARK_VERDICTS.filter((v) => present.has(v)).map((v) => option(v, VERDICT_TEXT[v].word)),
        ],
      },
    ],
  });
  const reference = bareSpanNs !== null ? `; the dashed line is a bare span (<code>startSpan().end()</code>), ${h(formatNs(bareSpanNs))}` : '';
  const legend =
    `A change is a regression or an improvement only beyond both the threshold (${t}% of the base figure) and the two measurements' combined margins (the noise column). ` +
    `Bars: base (hatched) above head (solid); the shaded zone around the end of the base bar is what the head must leave to count${reference}.`;
  const html = `${head}
<p class="note">${legend}</p>
${form}
<div class="scroll"><table class="bench-changes"><thead><tr><th scope="col">package</th><th scope="col">hook</th><th scope="col">verdict</th><th scope="col">base per span</th><th scope="col">head per span</th><th scope="col">change</th><th scope="col">noise</th><th scope="col">base / head</th></tr></thead>
<tbody>${list.map((b) => row(b, t, max, bareSpanNs)).join('\n')}</tbody></table></div>
</section>`;
  return { html, graphs: [], toc };
}
