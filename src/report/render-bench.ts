// The bench part of the terminal view (`bench`, `scan --bench`). Pure, like every renderer: per package,
// the measured hooks costliest first — overhead per span ± benny's margin, as a multiple of a bare span,
// the unsampled cost, the operations counted per call with where they first ran — then what failed and
// what had nothing to measure, then the costliest hooks of the run and one summary line.
import { isNoSpan, measuredOverhead, setUpOverhead, SLOW_SPELL_FACTOR } from '../model/benchmark.js';
import { describeDrive } from '../model/describe-need.js';
import { hookFrequencyOf } from '../model/hook-frequency.js';
import { formatNs, timesBareSpan } from '../util/format-ns.js';
import type { Benchmark, BenchReference, BenchSummary, Report } from '../model/report.js';
import type { Colors } from './render-finding.js';
import { joinRoot, withinPackage } from '../model/report-paths.js';

const TOP = 10;

const signed = (ns: number): string => `${ns >= 0 ? '+' : '−'}${formatNs(Math.abs(ns))}`;

const hookText = (b: Benchmark): string => (b.hook === null ? '' : `${b.hook.kind} ${b.hook.target}`);
const overhead = (b: Benchmark): number => b.overheadNsPerSpan ?? Number.NEGATIVE_INFINITY;

function opsLine(b: Benchmark, dir: string | undefined, c: Colors): string | null {
  const ops = Object.entries(b.opsPerCall).filter(([, n]) => n > 0);
  if (ops.length === 0) return null;
  const parts = ops.map(([op, n]) => {
    const site = b.opSites?.[op];
    return `${c.bold(op)} ${n}${site ? c.dim(` (${withinPackage(dir, site.file)}:${site.line})`) : ''}`;
  });
  return `      ${c.dim('ops/call')} ${parts.join(', ')}`;
}

const isSetUp = (b: Benchmark): boolean => b.hook !== null && hookFrequencyOf(b.hook) === 'set-up';

function measuredLines(b: Benchmark, report: Report, dir: string | undefined, c: Colors): string[] {
  const unit = b.spansPerCall === 0 || isSetUp(b) ? '/call' : '/span';
  const margin = b.marginPct !== null ? c.dim(` ±${Math.round(b.marginPct)}%`) : '';
  const x = timesBareSpan(b.overheadNsPerSpan, b.bareSpanNs ?? report.reference?.bareSpanNs);
  const unsampled = b.unsampledNsPerCall !== null && b.baselineNsPerCall !== null ? c.dim(`  unsampled ${signed(b.unsampledNsPerCall - b.baselineNsPerCall)}/call`) : '';
  const spans = b.spansPerCall !== null && b.spansPerCall !== 1 && b.spansPerCall !== 0 ? c.dim(`  ${b.spansPerCall} spans/call`) : '';
  const attempts = (b.attempts ?? 1) > 1 ? c.dim(`  measured ${b.attempts}× (slow spell)`) : '';
  // a hook that started no span measured its early exit; a set-up hook runs once per logger or pool:
  // neither figure is the price of a span, and neither is ranked or budgeted as one
  const state = [isNoSpan(b) ? c.yellow('no span') : '', isSetUp(b) ? c.cyan('set-up') : ''].filter((t) => t !== '').join(', ');
  const head = `  ${c.bold(`${signed(b.overheadNsPerSpan ?? 0)}${unit}`)}${margin}${x && unit === '/span' ? `  ${x} bare span` : ''}  ${hookText(b)}${state ? `  [${state}]` : ''}${unsampled}${spans}${b.callStyle ? c.dim(`  ${b.callStyle}`) : ''}${attempts}`;
  const lines = [head];
  // the child's own claim, which the parent's measurement did not confirm: never read as a figure
  if (b.untrusted !== undefined) lines.push(`      ${c.red(c.bold('untrusted figures'))} ${c.red(b.untrusted.replace(/^untrusted figures: /, ''))}`);
  const ops = opsLine(b, dir, c);
  if (ops !== null) lines.push(ops);
  const drive = describeDrive(b.spanPath?.drive ?? []);
  if (drive !== '' && b.spanPath?.reached === true) lines.push(`      ${c.dim('driven to its span start by')} ${drive}`);
  if (b.spanPath?.reached === false && b.spanPath.condition !== null) lines.push(`      ${c.dim('no span:')} ${b.spanPath.condition}`);
  if (b.reason !== null) lines.push(`      ${c.dim(b.reason)}`);
  // the three files share a stem (profile.ts writes them side by side): the .cpuprofile names them all
  if (b.profile) lines.push(`      ${c.dim('profile')} ${b.profile.cpuprofile}${c.dim(' (+ .top.txt, .dot beside it)')}`);
  return lines;
}

function otherLine(b: Benchmark, c: Colors): string {
  const status = b.status === 'failed' ? c.red('failed ') : c.yellow('skipped');
  const what = hookText(b);
  return `  ${status}  ${what}${what === '' ? '' : '  '}${c.dim(b.reason ?? '')}`;
}

export interface BenchSectionOptions {
  /** leave out packages and entries with nothing measured but a skip reason */
  quiet?: boolean;
}

/** The per-package blocks and the costliest hooks; [] when the report holds no benchmarks. */
export function benchSections(report: Report, c: Colors, options: BenchSectionOptions = {}): string[][] {
  const all = report.benchmarks;
  if (all === undefined) return [];
  const sections: string[][] = [];
  const bare = report.reference?.bareSpanNs;
  sections.push([c.bold(`Benchmarks${bare ? `  (overhead per span; × = multiple of a bare span, ${formatNs(bare)} here; ± benny's margin)` : ''}`)]);
  const byPackage = new Map<string, Benchmark[]>();
  for (const b of all) byPackage.set(b.package, [...(byPackage.get(b.package) ?? []), b]);
  for (const [label, entries] of byPackage) {
    const shown = options.quiet === true ? entries.filter((b) => b.status !== 'skipped') : entries;
    if (shown.length === 0) continue;
    const pkg = report.packages.find((p) => `${p.name}@${p.version}` === label);
    const dir = pkg ? joinRoot(report.roots[pkg.root], pkg.dir) : undefined;
    const lines = [`${c.bold(c.underline(label))}${dir ? c.dim(`  ${dir}`) : ''}`];
    const measured = shown.filter((b) => b.status === 'measured').sort((a, b) => overhead(b) - overhead(a) || hookText(a).localeCompare(hookText(b)));
    // op sites are relative to the package's root: shorten them to the package folder
    const siteDir = pkg ? pkg.dir : undefined;
    for (const b of measured) lines.push(...measuredLines(b, report, siteDir, c));
    for (const b of shown.filter((x) => x.status === 'failed')) lines.push(otherLine(b, c));
    for (const b of shown.filter((x) => x.status === 'skipped')) lines.push(otherLine(b, c));
    sections.push(lines);
  }
  const byCost = (a: Benchmark, b: Benchmark): number => overhead(b) - overhead(a) || a.package.localeCompare(b.package) || hookText(a).localeCompare(hookText(b));
  // per request: hooks that started spans, set-up hooks and no-span ones left out (ranked apart below)
  const top = all
    .filter((b) => measuredOverhead(b) !== null)
    .sort(byCost)
    .slice(0, TOP);
  if (byPackage.size > 1 && top.length > 0) {
    const rows = top.map((b, i) => {
      const x = timesBareSpan(b.overheadNsPerSpan, b.bareSpanNs ?? bare) ?? '';
      return `  ${String(i + 1).padStart(2)}. ${signed(b.overheadNsPerSpan ?? 0).padStart(10)}  ${x.padStart(5)}  ${b.package}  ${hookText(b)}`;
    });
    sections.push([c.bold(`Costliest hooks (overhead per span, per request)`), ...rows]);
  }
  const setUp = all
    .filter((b) => setUpOverhead(b) !== null)
    .sort(byCost)
    .slice(0, TOP);
  if (setUp.length > 0) {
    const rows = setUp.map((b, i) => `  ${String(i + 1).padStart(2)}. ${signed(b.overheadNsPerSpan ?? 0).padStart(10)}/call  ${b.package}  ${hookText(b)}`);
    sections.push([`${c.bold('Set-up hooks')} ${c.dim('(overhead per call: they run once per logger, pool, server or route, not per request; never in the per-span ranking or budgets)')}`, ...rows]);
  }
  return sections;
}

/** `hooks N, measured M, skipped S, failed F, no span Z`: the scanned hooks, every one accounted for. */
export function hooksLine(h: NonNullable<BenchSummary['hooks']>): string {
  return `hooks ${h.total}, measured ${h.measured}, skipped ${h.skipped}, failed ${h.failed}, no span ${h.noSpan}`;
}

export function benchSummaryLine(s: BenchSummary, reference: BenchReference | null | undefined, c: Colors): string {
  const entries = `${s.cases} bench ${s.cases === 1 ? 'entry' : 'entries'}`;
  const parts =
    s.hooks !== undefined
      ? [
          `${c.bold(hooksLine(s.hooks))} (${s.measuredPct}% of the scanned hooks measured)`,
          `${entries}: ${s.measured} measured, ${s.skipped} skipped, ${s.failed > 0 ? c.red(`${s.failed} failed`) : '0 failed'}`,
        ]
      : [`${entries}: ${c.bold(`${s.measured} measured`)}, ${s.skipped} skipped, ${s.failed > 0 ? c.red(`${s.failed} failed`) : '0 failed'} (${s.measuredPct}% of hooks measured)`];
  if (reference) {
    const usual = reference.usualBareSpanNs;
    const ratio = usual ? reference.bareSpanNs / usual : null;
    const slow = ratio !== null && ratio > SLOW_SPELL_FACTOR ? c.yellow(`, ${ratio.toFixed(1)}×: the machine was slow through this run, its figures are high`) : '';
    parts.push(`bare span ${formatNs(reference.bareSpanNs)}${usual ? ` (usually ${formatNs(usual)} here${slow})` : ''}`);
  }
  if ((s.remeasured ?? 0) > 0) parts.push(`${s.remeasured} measured again after a slow spell`);
  if ((s.untrusted ?? 0) > 0) parts.push(c.red(`${s.untrusted} with untrusted figures`));
  parts.push(`${s.timeMs} ms per variant, ${s.concurrency} at a time`, `${(s.durationMs / 1000).toFixed(1)} s`);
  if (s.coverageMs !== undefined) parts.push(coverageShare(s.coverageMs, s.durationMs));
  if (reference?.historyProblem) parts.push(c.yellow(`bare-span history not used: ${reference.historyProblem}`));
  const line = parts.join(' · ');
  return s.sandbox === undefined ? line : `${line}\n${sandboxLine(s.sandbox, c)}`;
}

/** How package code was confined, and what could not be applied here. */
export function sandboxLine(s: NonNullable<BenchSummary['sandbox']>, c: Colors): string {
  if (!s.enabled) return c.yellow(`sandbox off (--unsafe-run): package code ran with your environment, files, network and processes`);
  const applied = [
    `environment: allow-list`,
    s.permissionModel ? 'Node permission model' : null,
    s.network ? 'no network' : null,
    s.pidNamespace ? 'pid namespace' : null,
    s.files === true ? 'own file view' : null,
  ].filter((x): x is string => x !== null);
  const limits = s.limits.length === 0 ? '' : c.yellow(`; not applied: ${s.limits.join('; ')}`);
  return `sandbox: ${applied.join(', ')}${limits}`;
}

/** `block coverage 6.5 s (+18% on the rest of the run)`: what the coverage phase added to the bench's wall time. */
export function coverageShare(coverageMs: number, durationMs: number): string {
  const rest = durationMs - coverageMs;
  const pct = rest > 0 ? ` (+${Math.round((coverageMs / rest) * 100)}% on the rest of the run)` : '';
  return `block coverage ${(coverageMs / 1000).toFixed(1)} s${pct}`;
}
