// The top of the HTML report: headline counts, per-call findings by severity, and the packages ranked
// — by measured overhead per span against the bare-span reference when the report has benchmarks
// (the number a team decides on), otherwise by their per-call findings.
import { SEVERITIES, type Report, type Severity } from '../../model/report.js';
import { packageOverheads, type PackageOverhead } from '../../model/bench-overhead.js';
import { formatNs, timesBareSpan } from '../../util/format-ns.js';
import { setUpOverhead, type Benchmark } from '../../model/benchmark.js';
import { isUncounted } from '../evidence-text.js';
import { hooksLine } from '../render-bench.js';
import { groupFindings, isHeadline, type PackageGroup } from '../render-groups.js';
import { escapeHtml as h } from './escape.js';

export function renderOverview(report: Report, bench: readonly Benchmark[], bareSpanNs: number | null): string {
  const groups = groupFindings(report);
  const perCall = report.findings.filter(isHeadline);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, perCall.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  const measured = bench.filter((b) => b.status === 'measured').length;
  const hooks = report.benchSummary?.hooks;
  const uncounted = report.findings.filter(isUncounted).length;
  // this machine's usual bare span (bare-span-history.ts) and the cases measured again: how far to trust the run
  const usual = report.reference?.usualBareSpanNs;
  const remeasured = report.benchSummary?.remeasured ?? 0;
  const stats: Array<[string, string]> = [
    ['packages', String(report.summary.packages)],
    ['files', String(report.summary.files)],
    ['hooks', String(report.summary.hooks)],
    ['per-call findings', String(perCall.length - uncounted)],
    ...(uncounted > 0 ? [['not seen at run time (not counted)', String(uncounted)] as [string, string]] : []),
    ['all findings', String(report.findings.length)],
    ...(hooks !== undefined ? [['scanned hooks', hooksLine(hooks)] as [string, string]] : bench.length > 0 ? [['measured hooks', `${measured} of ${bench.length}`] as [string, string]] : []),
    ...(bareSpanNs !== null ? [['bare span', `${formatNs(bareSpanNs)}${usual ? ` (usually ${formatNs(usual)})` : ''}`] as [string, string]] : []),
    ...(remeasured > 0 ? [['measured again (slow spell)', String(remeasured)] as [string, string]] : []),
    ['errors', String(report.errors.length)],
  ];
  const severityButtons = SEVERITIES.map(
    (s) =>
      `<li><button type="button" class="sev-count sev-${s}" data-filter-form="filters" data-set-severity="${s}" aria-label="${bySeverity[s]} per-call ${s} findings: show them">` +
      `<span class="sev-word">${s}</span> <span class="n">${bySeverity[s]}</span></button></li>`,
  ).join('');
  const overheads = packageOverheads(report);
  const ranking = overheads.size > 0 ? overheadRanking(overheads, groups, bareSpanNs) : findingRanking(groups);
  return `<section id="overview" aria-labelledby="overview-h">
<h2 id="overview-h">Overview</h2>
<dl class="stats">${stats.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${h(v)}</dd></div>`).join('')}</dl>
<h3>Per-call findings by severity</h3>
<ul class="sev-counts">${severityButtons}</ul>
${ranking}
${setUpRanking(bench)}
</section>`;
}

/** Set-up hooks (configure, createPool, a router's use …) by their cost per call: apart from the per-span ranking. */
function setUpRanking(bench: readonly Benchmark[]): string {
  const entries = bench.filter((b) => setUpOverhead(b) !== null).sort((a, b) => setUpOverhead(b)! - setUpOverhead(a)! || (a.package < b.package ? -1 : 1));
  if (entries.length === 0) return '';
  const rows = entries.map(
    (b) => `<tr><th scope="row">${packageButton(b.package)}</th><td><code>${h(`${b.hook!.kind} ${b.hook!.target}`)}</code></td><td>${h(formatNs(setUpOverhead(b)))} per call</td></tr>`,
  );
  return `<h3>Set-up hooks</h3>
<p class="note">Wrappers of set-up APIs run once per logger, pool, server or route, not per request: their cost per call is shown here and never in the per-span ranking or a budget.</p>
<table class="ranking setup"><thead><tr><th scope="col">package</th><th scope="col">hook</th><th scope="col">overhead</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

/** the package as a button that filters the findings to it */
const packageButton = (label: string): string => `<button type="button" class="link" data-filter-form="filters" data-set-package="${h(label)}">${h(label)}</button>`;

function overheadRanking(byPackage: ReadonlyMap<string, PackageOverhead>, groups: readonly PackageGroup[], bare: number | null): string {
  const overheads = [...byPackage].sort((a, b) => b[1].ns - a[1].ns || (a[0] < b[0] ? -1 : 1));
  const max = Math.max(...overheads.map(([, o]) => o.ns), bare ?? 0, 1);
  const pct = (ns: number): string => `${Math.max(0, Math.min(100, (ns / max) * 100)).toFixed(2)}%`;
  const perCallOf = new Map(groups.map((g) => [g.label, g.perCall.length]));
  const rows = overheads.map(([label, o]) => {
    const x = timesBareSpan(o.ns, bare) !== null ? ` · ${timesBareSpan(o.ns, bare)} a bare span` : '';
    const n = perCallOf.get(label) ?? 0;
    return (
      `<tr><th scope="row">${packageButton(label)}</th>` +
      `<td class="bar-cell"><span class="bar" style="width:${pct(o.ns)}"></span>${bare !== null ? `<span class="ref" style="left:${pct(bare)}"></span>` : ''}</td>` +
      `<td>${h(formatNs(o.ns))}${x}<br><small>${o.hook !== null ? `worst hook ${h(o.hook)} · ` : ''}${o.measured} measured · ${n} per-call finding${n === 1 ? '' : 's'}</small></td></tr>`
    );
  });
  const unmeasured = groups.filter((g) => !byPackage.has(g.label)).map((g) => g.label);
  const legend = bare !== null ? ` The vertical line marks a bare span (<code>startSpan().end()</code>): ${h(formatNs(bare))}.` : '';
  return `<h3>Packages by measured overhead per span</h3>
<p class="note">The worst measured hook of each package, per span it starts.${legend}</p>
<table class="ranking"><thead><tr><th scope="col">package</th><th scope="col">overhead per span</th><th scope="col">value</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
${unmeasured.length > 0 ? `<details><summary>${unmeasured.length} package${unmeasured.length === 1 ? '' : 's'} without a measured hook</summary><p>${unmeasured.map(h).join(', ')}</p></details>` : ''}`;
}

const SEVERITY_WEIGHT: Record<Severity, number> = { high: 1_000_000, medium: 1_000, low: 1, info: 0.001 };

function findingRanking(groups: readonly PackageGroup[]): string {
  const score = (g: PackageGroup): number => g.perCall.reduce((s, f) => s + SEVERITY_WEIGHT[f.severity], 0);
  const ranked = groups.filter((g) => g.perCall.length > 0).sort((a, b) => score(b) - score(a) || b.perCall.length - a.perCall.length || (a.label < b.label ? -1 : 1));
  const clean = groups.filter((g) => g.perCall.length === 0).map((g) => g.label);
  const max = Math.max(1, ...ranked.map((g) => g.perCall.length));
  const rows = ranked.map((g) => {
    const counts = SEVERITIES.map((s) => [s, g.perCall.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
    const segments = counts.map(([s, n]) => `<span class="seg sev-${s}" style="width:${((n / max) * 100).toFixed(2)}%"></span>`).join('');
    return `<tr><th scope="row">${packageButton(g.label)}</th><td class="bar-cell"><span class="stack">${segments}</span></td><td>${counts.map(([s, n]) => `${n} ${s}`).join(', ')}</td></tr>`;
  });
  const table =
    ranked.length === 0
      ? '<p>No package has per-call findings.</p>'
      : `<table class="ranking"><thead><tr><th scope="col">package</th><th scope="col">per-call findings</th><th scope="col">by severity</th></tr></thead>\n<tbody>${rows.join('\n')}</tbody></table>`;
  return `<h3>Packages by per-call findings</h3>
<p class="note">No benchmarks in this report: packages are ranked by their per-call findings, most severe first (run <code>otel-audit scan --bench</code> for measured overhead per span).</p>
${table}
${clean.length > 0 ? `<details><summary>${clean.length} package${clean.length === 1 ? '' : 's'} without per-call findings</summary><p>${clean.map(h).join(', ')}</p></details>` : ''}`;
}
