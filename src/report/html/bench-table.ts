// Every bench entry as a table (measured, skipped and failed, with the reason): a report from `bench`
// or `scan --bench` shows all of it, not only the worst hook per package that the overview ranks.
import { formatNs, timesBareSpan } from '../../util/format-ns.js';
import { isNoSpan, type Benchmark } from '../../model/benchmark.js';
import { describeDrive } from '../../model/describe-need.js';
import { hookFrequencyOf } from '../../model/hook-frequency.js';
import { escapeHtml as h } from './escape.js';

export function renderBenchTable(rows: readonly Benchmark[], bareSpanNs: number | null): string {
  if (rows.length === 0) return '';
  const sorted = [...rows].sort((a, b) => (b.overheadNsPerSpan ?? -Infinity) - (a.overheadNsPerSpan ?? -Infinity) || cmp(a.package, b.package) || cmp(a.hook?.target ?? '', b.hook?.target ?? ''));
  const body = sorted.map((b) => {
    const ns = b.overheadNsPerSpan;
    const x = timesBareSpan(ns, bareSpanNs) ?? '';
    const ops = Object.entries(b.opsPerCall)
      .map(([op, n]) => `${h(op)} ×${Number.isInteger(n) ? n : n.toFixed(2)}`)
      .join(', ');
    // measured, no span (an early exit) and set-up hooks are per call: not a span's price
    const state = [b.status, isNoSpan(b) ? 'no span' : '', b.hook !== null && hookFrequencyOf(b.hook) === 'set-up' ? 'set-up' : ''].filter((t) => t !== '').join(', ');
    const drive = describeDrive(b.spanPath?.drive ?? []);
    const note = [
      b.reason ?? '',
      b.spanPath?.reached === false && b.spanPath.condition !== null ? `no span: ${b.spanPath.condition}` : '',
      drive !== '' && b.spanPath?.reached === true ? `driven by ${drive}` : '',
    ]
      .filter((t) => t !== '')
      .join('; ');
    return (
      `<tr class="status-${h(b.status)}"><td>${h(b.package)}</td><td>${b.hook ? `${h(b.hook.kind)} <code>${h(b.hook.target)}</code>` : '—'}</td><td>${h(state)}</td>` +
      `<td class="num">${ns !== null ? h(formatNs(ns)) : ''}</td><td class="num">${x}</td><td class="num">${b.marginPct !== null ? `±${b.marginPct.toFixed(1)}%` : ''}</td>` +
      `<td class="num">${b.spansPerCall ?? ''}</td><td>${ops}</td><td>${h(note)}</td></tr>`
    );
  });
  return `<section id="benchmarks" aria-labelledby="benchmarks-h">
<h2 id="benchmarks-h">Benchmarks</h2>
<div class="scroll"><table class="bench"><thead><tr><th scope="col">package</th><th scope="col">hook</th><th scope="col">status</th><th scope="col">overhead per span (per call: no span, set-up)</th><th scope="col">× bare span</th><th scope="col">margin</th><th scope="col">spans per call</th><th scope="col">operations per call</th><th scope="col">note</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table></div>
</section>`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
