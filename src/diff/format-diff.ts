// Small formatting helpers shared by the diff renderers (terminal and Markdown), so both say the same
// thing in the same words: the headline, signed percentages, call chains (durations: util/format-ns.ts).
import type { FailOn } from '../policy/exit-code.js';
import { SEVERITIES, type Finding } from '../model/report.js';
import type { BenchmarkChange, ReportDiff } from './diff-model.js';
import { failingNewFindings } from './diff-exit-code.js';
import { formatNs } from '../util/format-ns.js';

export function fmtSignedPct(pct: number | null): string {
  if (pct === null) return '–';
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/** `wrap pg:Client.prototype.query → patchedQuery → getVersion → fs.readFileSync` */
export function callChain(f: Finding): string {
  const steps = f.callPath.map((s) => s.function);
  const head = f.hook ? [`${f.hook.kind} ${f.hook.target}`] : [];
  return [...head, ...steps, f.operation].join(' → ');
}

export function location(f: Finding): string {
  return `${f.file}:${f.line}`;
}

/** Most severe first; the order within a severity (package, file, line) is kept. */
export function severestFirst<T extends { finding: Finding }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity));
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export interface Headline {
  ok: boolean;
  text: string;
}

/** The one-line answer a reviewer wants first: does this change make instrumentation slower? */
export function headline(diff: ReportDiff, failOn: FailOn): Headline {
  const failing = failingNewFindings(diff, failOn).length;
  const regressions = diff.summary.regressions;
  const bad: string[] = [];
  if (failing > 0) bad.push(`${plural(failing, 'new per-call finding')} at or above ${failOn}`);
  if (regressions > 0) bad.push(plural(regressions, 'overhead regression'));
  if (bad.length > 0) return { ok: false, text: bad.join(', ') };
  const threshold = failOn === 'none' ? 'no new per-call finding fails (--fail-on none)' : `no new per-call finding at or above ${failOn}`;
  return { ok: true, text: `${threshold}, no overhead regression` };
}

export function summaryLine(diff: ReportDiff): string {
  const s = diff.summary;
  const parts = [`${s.new} new (${s.newPerCall} per-call)`, `${s.fixed} fixed (${s.fixedPerCall} per-call)`, `${s.unchanged} unchanged${s.moved > 0 ? ` (${s.moved} moved)` : ''}`];
  if (diff.benchmarks !== null) parts.push(plural(s.regressions, 'regression'), plural(s.improvements, 'improvement'));
  return parts.join(' · ');
}

export function benchmarkFigures(b: BenchmarkChange): string {
  if (b.verdict === 'added') return `new hook, ${formatNs(b.headNs)}`;
  if (b.verdict === 'removed') return `hook gone (was ${formatNs(b.baseNs)})`;
  if (b.verdict === 'not-comparable') return b.reason ?? 'not measured';
  const noise = b.noisePct === null ? '' : `, noise ±${b.noisePct.toFixed(1)}%`;
  return `${formatNs(b.baseNs)} → ${formatNs(b.headNs)} (${fmtSignedPct(b.changePct)}${noise})`;
}

/** Benchmark rows worth showing: all but the unchanged ones, which are only counted (noise rows stay: they say why a big-looking change is not a regression). */
export function notableBenchmarks(list: readonly BenchmarkChange[]): { shown: BenchmarkChange[]; quiet: number } {
  const shown = list.filter((b) => b.verdict !== 'unchanged');
  return { shown, quiet: list.length - shown.length };
}
