// `load --format html`: one self-contained page on the shared shell — the run and its variants, the
// differences with their spread, the packages that cost the difference as bars (µs per request against
// the reference), the expensive operations per request with their sites, each variant's CPU profile
// under load (call graph, flame graph, top functions), and the scan's findings with what was seen
// under load. Pure: the profiles, viz.js, rules and excerpts are inputs.
import type { Profiler } from 'node:inspector';
import type { LoadComparison, LoadSection, LoadVariant } from '../../model/load.js';
import type { Report } from '../../model/report.js';
import { escapeHtml as h } from '../html/escape.js';
import { joinParts, renderPage, type PagePart } from '../html/page-shell.js';
import { renderProfiles } from '../html/profile-section.js';
import { renderScanSections, type HtmlOptions } from '../html/render-html.js';
import { renderJson } from '../render-json.js';
import { addedText, comparisonTitle, diffText, noiseText, num, sandboxText, settingsText, signed, statText, targetText, usText, variantTitle } from './load-text.js';

export interface LoadHtmlOptions extends Omit<HtmlOptions, 'profiles'> {
  /** each variant's CPU profile of the rounds, by variant id */
  variantProfiles?: ReadonlyMap<string, Profiler.Profile>;
}

const TOP = 12;

const td = (s: string, num = false): string => `<td${num ? ' class="num"' : ''}>${s}</td>`;

function summary(load: LoadSection): PagePart {
  const rows = load.variants.map(
    (v) =>
      `<tr><th scope="row">${h(variantTitle(v))}</th>${td(h(statText(v.requestsPerSecond)), true)}${td(h(statText(v.latencyMs.p50)), true)}${td(h(statText(v.latencyMs.p90)), true)}${td(h(statText(v.latencyMs.p99)), true)}${td(v.cpuUsPerRequest === null ? '–' : h(statText(v.cpuUsPerRequest)), true)}${td(v.spansPerRequest === null ? '–' : h(num(v.spansPerRequest)), true)}${td(h(`${num(v.errorRatePct)}%`), true)}${td(`<code>${h(`${v.listening.address}:${v.listening.port}`)}</code>`)}</tr>`,
  );
  const failures =
    load.failures.length === 0
      ? `<p class="verdict verdict-pass"><strong>Every check passed</strong>: no variant failed more than ${h(num(load.settings.maxErrorRatePct))}% of its requests${load.settings.budgetPct !== null ? ` or lost more than ${h(num(load.settings.budgetPct))}% of its throughput` : ''}.</p>`
      : `<ul class="reasons">${load.failures.map((f) => `<li class="reason-fail"><span class="level level-fail">fail</span> <strong>${h(f.variant)}</strong>: ${h(f.message)}</li>`).join('')}</ul>`;
  const html = `<section id="load-summary" aria-labelledby="load-summary-h">
<h2 id="load-summary-h" tabindex="-1">Load test</h2>
<p><code>${h(targetText(load))}</code></p>
<p class="note">${h(settingsText(load))}. Figures are medians over the rounds, the range over rounds in brackets.</p>
${sandboxText(load) === null ? '' : `<p class="note">${h(sandboxText(load)!)}.</p>`}
${failures}
<div class="scroll"><table><thead><tr><th scope="col">variant</th><th scope="col">req/s</th><th scope="col">p50 ms</th><th scope="col">p90 ms</th><th scope="col">p99 ms</th><th scope="col">CPU µs/request</th><th scope="col">spans/request</th><th scope="col">failed</th><th scope="col">listening on</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
</section>`;
  return { html, graphs: [], toc: [['load-summary', 'Load test']] };
}

function differences(load: LoadSection): PagePart {
  if (load.comparisons.length === 0) return { html: '', graphs: [], toc: [] };
  const rows = load.comparisons.map(
    (d) =>
      `<tr><th scope="row">${h(comparisonTitle(d))}</th>${td(`<strong>${h(diffText(d.requestsPerSecondPct, '%'))}</strong>`, true)}${td(h(noiseText(d, load.variants)))}${td(d.cpuUsPerRequest === null ? '–' : `${h(diffText(d.cpuUsPerRequest, ' µs'))}<br><small>${d.cpuBeyondNoise ? 'beyond noise' : 'within noise'}</small>`, true)}${td(h(diffText(d.latencyP50Pct, '%')), true)}${td(h(diffText(d.latencyP99Pct, '%')), true)}</tr>`,
  );
  const html = `<section id="load-differences" aria-labelledby="load-differences-h">
<h2 id="load-differences-h">Differences</h2>
<p class="note">Each round ran the variants back to back, so each difference is taken round by round: the estimate (Hodges–Lehmann: the median of the averages of every two rounds' differences), and in brackets its 95% interval (Wilcoxon signed-rank; the range below 6 rounds). The order of the variants turns round every other round, so each runs before each other as often as after. Beyond noise: the interval excludes 0.</p>
<div class="scroll"><table><thead><tr><th scope="col">comparison</th><th scope="col">req/s</th><th scope="col">verdict</th><th scope="col">CPU per request</th><th scope="col">p50</th><th scope="col">p99</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
</section>`;
  return { html, graphs: [], toc: [['load-differences', 'Differences']] };
}

function attributionBars(d: LoadComparison): string {
  const rows = d.packages.filter((p) => p.deltaUsPerRequest > 0).slice(0, TOP);
  if (rows.length === 0) return '<p>No package costs more per request than in the reference.</p>';
  const max = Math.max(...rows.map((p) => p.deltaUsPerRequest));
  const bars = rows.map(
    (p) =>
      `<tr><th scope="row"><code>${h(p.package)}</code></th><td class="bar-cell"><span class="bar" style="width:${((p.deltaUsPerRequest / max) * 100).toFixed(2)}%"></span></td><td>${h(signed(p.deltaUsPerRequest, ' µs'))} per request<br><small>${p.added ? h(addedText(p.package, d.reference)) : `${h(usText(p.selfUsPerRequest))} against ${h(usText(p.referenceSelfUsPerRequest))} in ${h(d.reference)}`}</small></td></tr>`,
  );
  return `<table class="ranking"><thead><tr><th scope="col">package</th><th scope="col">self time per request, beyond ${h(d.reference)}</th><th scope="col">value</th></tr></thead><tbody>${bars.join('\n')}</tbody></table>`;
}

function packageTable(v: LoadVariant): string {
  if (v.attribution === null) return '';
  const rows = v.attribution.packages.map(
    (p) => `<tr><th scope="row"><code>${h(p.package)}</code></th>${td(h(num(p.selfUsPerRequest)), true)}${td(h(num(p.totalUsPerRequest)), true)}${td(h(`${num(p.selfPct)}%`), true)}</tr>`,
  );
  return `<details><summary>${h(variantTitle(v))}: every package (${v.attribution.samples} busy samples over ${h(num(v.attribution.requests))} requests)</summary><table><thead><tr><th scope="col">package</th><th scope="col">self µs/request</th><th scope="col">total µs/request</th><th scope="col">self share</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

function attribution(load: LoadSection): PagePart {
  if (load.variants.every((v) => v.attribution === null)) return { html: '', graphs: [], toc: [] };
  const html = `<section id="load-attribution" aria-labelledby="load-attribution-h">
<h2 id="load-attribution-h">Where the time went</h2>
<p class="note">From a CPU profile of each app under load, through every round: each sample is charged to the innermost package on the stack (Node's internals and native code it called are its own), as microseconds per request. <code>(app)</code>: the app's own code; <code>(preload)</code>: your preload file; <code>(node)</code>: Node with no package on the stack; <code>node:undici</code>: a package Node bundles; <code>(async hooks)</code>: async_hooks and AsyncLocalStorage callbacks (context propagation); <code>(gc)</code>, <code>(program)</code>: V8's own. The packages the variant brought in come first: all their time is the variant's.</p>
${load.comparisons.map((d) => `<h3>${h(comparisonTitle(d))}</h3>\n${attributionBars(d)}`).join('\n')}
${load.variants.map(packageTable).join('\n')}
</section>`;
  return { html, graphs: [], toc: [['load-attribution', 'Where the time went']] };
}

function opRows(sites: ReadonlyArray<{ op: string; perRequest: number; file: string; line: number; package: string | null; referencePerRequest?: number }>, withReference: boolean): string {
  return sites
    .map(
      (o) =>
        `<tr><th scope="row"><code>${h(o.op)}</code></th>${td(`<strong>${h(num(o.perRequest))}</strong>`, true)}${withReference ? td(h(num(o.referencePerRequest ?? 0)), true) : ''}${td(o.file === '' ? '–' : `<code>${h(`${o.file}:${o.line}`)}</code>`)}${td(o.package === null ? '<small>the app, or no package</small>' : h(o.package))}</tr>`,
    )
    .join('');
}

function operations(load: LoadSection): PagePart {
  if (load.variants.every((v) => v.ops === null)) return { html: '', graphs: [], toc: [] };
  const per = load.comparisons.map((d) => {
    const table =
      d.ops.length === 0
        ? '<p>No operation ran more often per request than in the reference.</p>'
        : `<table><thead><tr><th scope="col">operation</th><th scope="col">per request</th><th scope="col">in ${h(d.reference)}</th><th scope="col">site</th><th scope="col">package</th></tr></thead><tbody>${opRows(d.ops, true)}</tbody></table>`;
    return `<h3>${h(comparisonTitle(d))}</h3>\n${table}`;
  });
  const all = load.variants
    .filter((v) => v.ops !== null)
    .map(
      (v) =>
        `<details><summary>${h(variantTitle(v))}: every site (${v.ops!.sites.length}, over ${h(num(v.ops!.requests))} requests)</summary><table><thead><tr><th scope="col">operation</th><th scope="col">per request</th><th scope="col">site</th><th scope="col">package</th></tr></thead><tbody>${opRows(v.ops!.sites, false)}</tbody></table></details>`,
    );
  const html = `<section id="load-ops" aria-labelledby="load-ops-h">
<h2 id="load-ops-h">Expensive operations per request</h2>
<p class="note">Counted in the app by otel-audit's op counters, in a pass of their own after the rounds (counting is slow), each at its call site: the first frame outside Node's own code.</p>
${per.join('\n')}
${all.join('\n')}
</section>`;
  return { html, graphs: [], toc: [['load-ops', 'Operations']] };
}

export function renderLoadHtml(report: Report, o: LoadHtmlOptions = {}): string {
  const load = report.load;
  const parts: PagePart[] = [];
  if (load !== undefined) {
    parts.push(summary(load), differences(load), attribution(load), operations(load));
    const profiles = load.variants.flatMap((v) => {
      const p = o.variantProfiles?.get(v.id);
      return p === undefined ? [] : [{ label: `${variantTitle(v)} (${num(v.attribution?.requests ?? 0)} requests)`, profile: p }];
    });
    const drawn = renderProfiles(profiles, 'CPU profiles under load');
    if (drawn.html !== '') parts.push({ html: drawn.html, graphs: drawn.graphs, toc: [['profiles', 'Profiles']] });
  }
  // the scan of what the instrumentation loaded, when there was one
  if (report.packages.length > 0) parts.push(renderScanSections(report, o));
  const title = `otel-audit load: ${load?.app.demo ?? load?.app.entry ?? report.root}`;
  return renderPage({
    title,
    subtitle: `${h(report.tool.name)} ${h(report.tool.version)}${load ? ` · ${load.variants.length} variants · ${h(num(load.durationMs / 1000))} s` : ''}`,
    generator: `${report.tool.name} ${report.tool.version}`,
    skip: { target: 'load-summary-h', text: 'Skip to the load test' },
    body: joinParts(parts),
    footer: "The report's JSON is embedded in this page (<code>#report-data</code>).",
    data: { id: 'report-data', value: JSON.parse(renderJson(report)) as unknown },
    ...(o.vizScript !== undefined ? { vizScript: o.vizScript } : {}),
  });
}
