// The terminal view of a load report: what ran, a table per variant (throughput, latency, CPU per
// request, each as a median with its range over the rounds), the differences and whether they are
// beyond noise, where the time went (packages by µs per request against the reference), the expensive
// operations per request with their sites, the scan's findings confirmed under load, and the checks
// that failed. Pure.
import pc from 'picocolors';
import type { LoadComparison, LoadSection, LoadVariant } from '../../model/load.js';
import type { Report } from '../../model/report.js';
import type { Colors } from '../render-finding.js';
import { addedText, comparisonTitle, diffText, noiseText, num, sandboxText, settingsText, signed, statText, targetText, usText, variantTitle } from './load-text.js';

/** rows of each comparison's package and operation lists */
const TOP = 8;

function table(rows: string[][], c: Colors): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r, k) => {
    const line = `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`.trimEnd();
    return k === 0 ? c.dim(line) : line;
  });
}

function variantTable(load: LoadSection, c: Colors): string[] {
  const rows = [['variant', 'req/s (rounds)', 'p50 ms', 'p90 ms', 'p99 ms', 'CPU µs/req', 'spans/req', 'failed']];
  for (const v of load.variants) {
    rows.push([
      variantTitle(v),
      statText(v.requestsPerSecond),
      statText(v.latencyMs.p50),
      statText(v.latencyMs.p90),
      statText(v.latencyMs.p99),
      v.cpuUsPerRequest === null ? '–' : statText(v.cpuUsPerRequest),
      v.spansPerRequest === null ? '–' : num(v.spansPerRequest),
      `${num(v.errorRatePct)}%`,
    ]);
  }
  return table(rows, c);
}

function differenceLines(load: LoadSection, c: Colors): string[] {
  return load.comparisons.map((d) => {
    const verdict = d.beyondNoise ? c.bold(noiseText(d, load.variants)) : c.dim(noiseText(d, load.variants));
    const cpu = d.cpuUsPerRequest === null ? '' : `  CPU ${diffText(d.cpuUsPerRequest, ' µs/req')} ${d.cpuBeyondNoise ? c.bold('beyond noise') : c.dim('within noise')}`;
    return `  ${comparisonTitle(d).padEnd(20)} ${c.bold(diffText(d.requestsPerSecondPct, '%'))} req/s  ${verdict}${cpu}  p50 ${signed(d.latencyP50Pct.estimate, '%')}  p99 ${signed(d.latencyP99Pct.estimate, '%')}`;
  });
}

function packageLines(d: LoadComparison, c: Colors): string[] {
  const added = d.packages.filter((p) => p.added).slice(0, TOP);
  const changed = d.packages.filter((p) => !p.added && p.deltaUsPerRequest > 0).slice(0, Math.max(3, TOP - added.length));
  if (added.length + changed.length === 0) return [`    ${c.dim('no package costs more than in the reference')}`];
  const width = Math.max(...[...added, ...changed].map((p) => signed(p.deltaUsPerRequest).length));
  const line = (p: LoadComparison['packages'][number]): string =>
    `    ${c.bold(`${signed(p.deltaUsPerRequest).padStart(width)} µs`)}  ${p.package}  ${c.dim(p.added ? `(${addedText(p.package, d.reference)})` : `(${usText(p.selfUsPerRequest)} vs ${usText(p.referenceSelfUsPerRequest)})`)}`;
  return [...added.map(line), ...(changed.length > 0 ? [`    ${c.dim(`in both, costlier in ${d.variant}:`)}`, ...changed.map((p) => `  ${line(p)}`)] : [])];
}

function opLines(d: LoadComparison, c: Colors): string[] {
  if (d.ops.length === 0) return [`    ${c.dim('no operation ran more often per request than in the reference')}`];
  const shown = d.ops.slice(0, TOP);
  const width = Math.max(...shown.map((o) => o.op.length));
  const lines = shown.map((o) => {
    const where = o.file === '' ? c.dim('(no frame outside Node)') : `${o.file}:${o.line}`;
    const ref = o.referencePerRequest > 0 ? c.dim(` (${num(o.referencePerRequest)} in ${d.reference})`) : '';
    return `    ${c.bold(o.op.padEnd(width))}  ${num(o.perRequest)}/req${ref}  ${where}${o.package !== null ? c.dim(`  ${o.package}`) : ''}`;
  });
  if (d.ops.length > shown.length) lines.push(`    ${c.dim(`… ${d.ops.length - shown.length} more (--format json lists them all)`)}`);
  return lines;
}

function findingLines(report: Report, c: Colors): string[] {
  const perCall = report.findings.filter((f) => f.frequency === 'per-call' && f.suppressed !== true);
  if (report.packages.length === 0) return [];
  const confirmed = perCall.filter((f) => f.confirmed === true);
  const head = `Scan of the ${report.packages.length} package${report.packages.length === 1 ? '' : 's'} the instrumentation loaded: ${perCall.length} per-call finding${perCall.length === 1 ? '' : 's'}, ${confirmed.length} seen under load`;
  const lines = [c.bold(head)];
  for (const f of confirmed.sort((a, b) => (b.perRequestUnderLoad ?? 0) - (a.perRequestUnderLoad ?? 0)).slice(0, TOP)) {
    lines.push(`  ${f.severity.padEnd(6)} ${c.bold(f.ruleId)}  ${report.roots[f.root]}/${f.file}:${f.line}  ${num(f.perRequestUnderLoad ?? 0)}/req under load  ${c.dim(f.operation)}`);
  }
  return lines;
}

export function renderLoadTerminal(report: Report, options: { color?: boolean } = {}): string {
  const load = report.load;
  if (load === undefined) return 'no load section in this report\n';
  const c = pc.createColors(options.color ?? false);
  const blocks: string[][] = [];
  blocks.push([`${c.bold('otel-audit load')}  ${targetText(load)}`, c.dim(settingsText(load))]);
  blocks.push(variantTable(load, c));
  if (load.comparisons.length > 0) blocks.push([c.bold('Differences, paired round by round: the estimate [its 95% interval]'), ...differenceLines(load, c)]);
  const profiled = load.comparisons.filter((d) => d.packages.length > 0);
  if (profiled.length > 0) {
    blocks.push([c.bold('Where the time went (CPU profile: self µs per request against the reference)'), ...profiled.flatMap((d) => [`  ${comparisonTitle(d)}`, ...packageLines(d, c)])]);
  }
  const counted = load.comparisons.filter((d) => load.variants.find((v) => v.id === d.variant)?.ops !== null);
  if (counted.length > 0) {
    blocks.push([c.bold('Expensive operations per request, beyond the reference (counted in the app)'), ...counted.flatMap((d) => [`  ${comparisonTitle(d)}`, ...opLines(d, c)])]);
  }
  const findings = findingLines(report, c);
  if (findings.length > 0) blocks.push(findings);
  if (load.failures.length > 0) blocks.push([c.red(c.bold('Failed')), ...load.failures.map((f) => `  ${c.red(f.kind)} ${f.variant}: ${f.message}`)]);
  const sandbox = sandboxText(load);
  blocks.push([c.dim(summaryLine(load, report)), ...(sandbox === null ? [] : [load.sandbox!.enabled && load.sandbox!.limits.length === 0 ? c.dim(sandbox) : c.yellow(sandbox)])]);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}

function summaryLine(load: LoadSection, report: Report): string {
  const requests = load.variants.reduce((n, v: LoadVariant) => n + v.requests, 0);
  const listening = [...new Set(load.variants.map((v) => v.listening.address))].join(', ');
  return `${load.variants.length} variants · ${num(requests)} measured requests · app listening on ${listening} · ${report.errors.length} errors · ${num(load.durationMs / 1000)} s`;
}
