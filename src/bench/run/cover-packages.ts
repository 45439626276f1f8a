// The coverage phase of a bench run: after the timing, one child per package covers its measured
// cases (child/cover-cases.ts) and answers, case by case, how many times per call each position the
// scan cares about ran. Positions are the scan's findings of every frequency (an operation the
// analysis called once, init or unknown may still run per call) and the first step of each call path
// (did the hook's own function run?). A child that dies or hangs loses the case it was on; the cases
// after it go to a fresh child.
import path from 'node:path';
import type { BenchCoverage, Report } from '../../model/report.js';
import { relativeTo } from '../../scan/paths.js';
import type { BenchSettings, CoverCase, CoverResult, SitePosition } from '../protocol/child-protocol.js';
import { runChild, type ChildRun, type ChildSandbox } from './run-child.js';

/** Loading a package in a child, before its first case answers; then each case gets this long. */
export const COVER_START_MS = 30_000;
export const COVER_CASE_MS = 10_000;

/** Every finding's position and every call path's first line, absolute, each once, in a stable order. */
export function coverageSites(report: Pick<Report, 'roots' | 'findings' | 'packages'>): SitePosition[] {
  const seen = new Map<string, SitePosition>();
  const add = (root: number, file: string, line: number, column: number): void => {
    const abs = path.resolve(report.roots[root] ?? '.', file);
    const key = `${abs}:${line}:${column}`;
    if (!seen.has(key)) seen.set(key, { file: abs, line, column });
  };
  for (const f of report.findings) {
    add(f.root, f.file, f.line, f.column);
    // column 0: the first statement on the line (a call step names its line only)
    const start = f.callPath[0];
    if (start !== undefined) add(f.root, start.file, start.line, 0);
  }
  // where the way to each hook's span start goes on past a condition: which one stopped a hook that started no span
  for (const p of report.packages) for (const h of p.hooks) for (const c of h.spanStart?.conditions ?? []) if (c.onward !== undefined) add(p.root, c.file, c.onward.line, c.onward.column);
  return [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

export type CoverOutcome = CoverResult | { error: string };

/**
 * Covers the cases of one package in the sandbox (`sandbox` needs the inspector: coverage is read
 * through it); outcomes by position in `cases`. `onRun` sees each child's run (what its sandbox applied).
 */
export async function coverPackage(
  dir: string,
  name: string,
  cases: readonly CoverCase[],
  sites: readonly SitePosition[],
  settings: BenchSettings,
  sandbox: ChildSandbox,
  onRun?: (run: ChildRun) => void,
): Promise<CoverOutcome[]> {
  const outcomes = new Array<CoverOutcome | undefined>(cases.length);
  let next = 0;
  while (next < cases.length) {
    const from = next;
    const batch = cases.slice(from);
    let last = -1;
    const run = await runChild(
      { mode: 'cover', dir, name, cases: [...batch], sites: [...sites], settings },
      COVER_START_MS,
      sandbox,
      [dir],
      (m) => {
        outcomes[from + m.index] = m.result;
        last = Math.max(last, m.index);
      },
      COVER_CASE_MS,
    );
    onRun?.(run);
    const r = run.response;
    if (r.ok && r.mode === 'cover') break;
    // the child died or hung on the case after the last one it answered: that case fails, the rest go on
    const failedAt = from + last + 1;
    if (failedAt >= cases.length) break;
    outcomes[failedAt] ??= { error: r.ok ? 'unexpected answer from the child process' : r.error };
    next = failedAt + 1;
  }
  return outcomes.map((o) => o ?? { error: 'no answer from the coverage child' });
}

/** A covered case's counts as a bench entry's `coverage`, positions relative to the package's root. */
export function toCoverage(result: CoverResult, sites: readonly SitePosition[], root: string): BenchCoverage {
  return {
    calls: result.calls,
    sites: result.sites.map((s) => {
      const p = sites[s.index]!;
      return { file: relativeTo(root, p.file), line: p.line, column: p.column, perCall: s.perCall, functionPerCall: s.functionPerCall };
    }),
  };
}
