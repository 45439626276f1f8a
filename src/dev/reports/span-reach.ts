#!/usr/bin/env node
// `npm run span-reach -- AFTER.json [BEFORE.json]`: of the hooks whose code reaches a span start by the
// static call graph (`packages[].hooks[].spanStart`), how many each bench measured with at least one
// span per call, per package — and for the others, whether the report names what stopped them. The
// hooks come from AFTER (a report of this version: it has spanStart); BEFORE may be a report of an
// older version, whose entries are matched to those hooks by target as the bench matches them.
import { readFileSync } from 'node:fs';
import { scanHookOf } from '../../bench/run/account-hooks.js';
import type { Benchmark, HookInfo, Report } from '../../model/report.js';

export interface SpanReachRow {
  package: string;
  /** hooks whose code reaches a span start */
  reaching: number;
  /** of those, measured with ≥ 1 span per call */
  withSpan: number;
  /** measured with no span, with what stopped them named */
  named: number;
  /** not measured (failed, skipped), or no entry at all */
  notMeasured: number;
}

/** The bench entries standing for a scanned hook: by `scanHook` when the report has it, else by target. */
function entriesOf(report: Report, label: string, hooks: readonly HookInfo[], h: HookInfo): Benchmark[] {
  const own = (report.benchmarks ?? []).filter((b) => b.package === label && b.hook !== null);
  if (own.some((b) => b.scanHook !== undefined)) return own.filter((b) => b.scanHook === h.id);
  return own.filter((b) => scanHookOf(hooks, b.hook!) === h);
}

export function spanReach(report: Report, staticHooks: Report = report): SpanReachRow[] {
  const rows: SpanReachRow[] = [];
  for (const p of staticHooks.packages) {
    const label = `${p.name}@${p.version}`;
    const reaching = p.hooks.filter((h) => h.spanStart !== undefined && h.spanStart !== null);
    if (reaching.length === 0) continue;
    const row: SpanReachRow = { package: label, reaching: reaching.length, withSpan: 0, named: 0, notMeasured: 0 };
    for (const h of reaching) {
      const measured = entriesOf(report, label, p.hooks, h).filter((b) => b.status === 'measured');
      if (measured.some((b) => (b.spansPerCall ?? 0) >= 1)) row.withSpan++;
      else if (measured.some((b) => typeof b.spanPath?.condition === 'string')) row.named++;
      else row.notMeasured++;
    }
    rows.push(row);
  }
  return rows;
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((n / d) * 100).toFixed(1)}%`);

export function renderSpanReach(after: readonly SpanReachRow[], before?: readonly SpanReachRow[]): string {
  const head = ['package', 'reach a span start', ...(before ? ['before: ≥1 span'] : []), 'after: ≥1 span', 'after: no span, condition named', 'after: not measured'];
  const lines = [head.join(' | ')];
  const sum = (rows: readonly SpanReachRow[] | undefined, k: keyof Omit<SpanReachRow, 'package'>): number => (rows ?? []).reduce((n, r) => n + r[k], 0);
  for (const r of after) {
    const b = before?.find((x) => x.package === r.package);
    lines.push([r.package.replace(/^@opentelemetry\//, ''), String(r.reaching), ...(before ? [String(b?.withSpan ?? 0)] : []), String(r.withSpan), String(r.named), String(r.notMeasured)].join(' | '));
  }
  const total = sum(after, 'reaching');
  lines.push(['total', String(total), ...(before ? [`${sum(before, 'withSpan')} (${pct(sum(before, 'withSpan'), total)})`] : []), `${sum(after, 'withSpan')} (${pct(sum(after, 'withSpan'), total)})`, String(sum(after, 'named')), String(sum(after, 'notMeasured'))].join(' | '));
  return `${lines.join('\n')}\n`;
}

function main(argv: string[]): number {
  const [afterFile, beforeFile] = argv;
  if (afterFile === undefined) {
    process.stderr.write('usage: span-reach AFTER.json [BEFORE.json]\n');
    return 2;
  }
  const after = JSON.parse(readFileSync(afterFile, 'utf8')) as Report;
  const before = beforeFile === undefined ? undefined : (JSON.parse(readFileSync(beforeFile, 'utf8')) as Report);
  process.stdout.write(renderSpanReach(spanReach(after), before === undefined ? undefined : spanReach(before, after)));
  return 0;
}

if (process.argv[1]?.endsWith('span-reach.js')) process.exitCode = main(process.argv.slice(2));
