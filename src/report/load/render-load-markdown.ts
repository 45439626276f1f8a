// A load report as a pull-request comment: the verdict (failed checks, or how far each variant moved
// throughput and whether beyond noise), the variants table, the costliest packages and the operations
// per request per comparison, findings confirmed under load. Pure.
import type { LoadComparison, LoadSection } from '../../model/load.js';
import type { Report } from '../../model/report.js';
import { TOOL_VERSION } from '../../util/version.js';
import { addedText, comparisonTitle, diffText, noiseText, num, sandboxText, settingsText, signed, statText, targetText, usText, variantTitle } from './load-text.js';

const TOP = 8;

/** table cells: a `|` or a line break would end the cell */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;

function verdict(load: LoadSection): string {
  if (load.failures.length > 0) return `**fail**: ${load.failures.map((f) => `${f.variant}: ${f.message}`).join('; ')}`;
  const moved = load.comparisons
    .filter((c) => c.reference === 'without')
    .map((c) => `${c.variant} ${signed(c.requestsPerSecondPct.estimate, '%')} req/s (${c.beyondNoise ? 'beyond noise' : 'within noise'})`);
  return `**pass**${moved.length > 0 ? `: ${moved.join(', ')}` : ''}`;
}

function comparisonBlock(d: LoadComparison, load: LoadSection): string[] {
  const lines = [`#### ${comparisonTitle(d)}: ${diffText(d.requestsPerSecondPct, '%')} req/s, ${noiseText(d, load.variants)}`, ''];
  if (d.cpuUsPerRequest !== null)
    lines.push(
      `CPU per request ${diffText(d.cpuUsPerRequest, ' µs')} (${d.cpuBeyondNoise ? 'beyond noise' : 'within noise'}); latency p50 ${diffText(d.latencyP50Pct, '%')}, p99 ${diffText(d.latencyP99Pct, '%')}.`,
      '',
    );
  const packages = d.packages.filter((p) => p.deltaUsPerRequest > 0).slice(0, TOP);
  if (packages.length > 0) {
    lines.push(row(['package', 'self µs/request', d.reference, 'difference']), row(['---', '---:', '---:', '---:']));
    for (const p of packages)
      lines.push(row([code(p.package), num(p.selfUsPerRequest), p.added ? addedText(p.package, d.reference) : num(p.referenceSelfUsPerRequest), `**${signed(p.deltaUsPerRequest)}**`]));
    lines.push('');
  }
  if (d.ops.length > 0) {
    lines.push(row(['operation', 'per request', d.reference, 'site', 'package']), row(['---', '---:', '---:', '---', '---']));
    for (const o of d.ops.slice(0, TOP)) lines.push(row([code(o.op), `**${num(o.perRequest)}**`, num(o.referencePerRequest), o.file === '' ? '–' : code(`${o.file}:${o.line}`), o.package ?? '–']));
    lines.push('');
  }
  return lines;
}

export function renderLoadMarkdown(report: Report): string {
  const load = report.load;
  if (load === undefined) return 'No load section in this report.\n';
  const lines = [`### otel-audit load: ${verdict(load)}`, '', `${targetText(load)}  `, `${settingsText(load)}`, ''];
  lines.push(row(['variant', 'req/s (rounds)', 'p50 ms', 'p99 ms', 'CPU µs/request', 'failed']), row(['---', '---:', '---:', '---:', '---:', '---:']));
  for (const v of load.variants) {
    lines.push(
      row([
        variantTitle(v),
        statText(v.requestsPerSecond),
        statText(v.latencyMs.p50),
        statText(v.latencyMs.p99),
        v.cpuUsPerRequest === null ? '–' : statText(v.cpuUsPerRequest),
        `${num(v.errorRatePct)}%`,
      ]),
    );
  }
  lines.push('');
  for (const d of load.comparisons) lines.push(...comparisonBlock(d, load));
  const confirmed = report.findings.filter((f) => f.frequency === 'per-call' && f.confirmed === true && f.perRequestUnderLoad !== undefined);
  if (confirmed.length > 0) {
    lines.push(`<details><summary>${confirmed.length} per-call finding${confirmed.length === 1 ? '' : 's'} seen under load</summary>`, '');
    for (const f of confirmed)
      lines.push(
        `- ${f.severity} \`${f.ruleId}\` ${code(`${report.roots[f.root]}/${f.file}:${f.line}`)}: ${f.operation}, ${num(f.perRequestUnderLoad!)} per request (${usText(f.estimatedCostNs / 1000)} each)`,
      );
    lines.push('', '</details>', '');
  }
  const sandbox = sandboxText(load);
  if (sandbox !== null) lines.push(sandbox.charAt(0).toUpperCase() + sandbox.slice(1) + '.', '');
  lines.push(`<sub>otel-audit ${TOOL_VERSION} · ${num(load.durationMs / 1000)} s · medians over ${load.settings.rounds} rounds; ranges in brackets</sub>`);
  return `${lines.join('\n')}\n`;
}
