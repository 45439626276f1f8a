// Every scanned hook accounted for. The bench lists its cases at run time (what patching on a mock
// wrapped, the channels subscribed, the exported SDK components), the scan lists hooks from the code;
// the two lists overlap without being the same. Each scanned hook of a benched package ends up with a
// status — measured (by at least one entry), skipped or failed with the reason — and never missing;
// percentages are counted against the scan's hooks, not against the bench's own listing.
import type { BenchCoverage, Benchmark, BenchSummary, HookInfo, PackageReport, SpanCondition, SpanNeed } from '../../model/report.js';
import { isNoSpan } from '../../model/benchmark.js';
import { declaredHookFrequency } from '../../model/hook-frequency.js';
import type { PackageNote } from '../protocol/child-protocol.js';
import { matchScore } from './match-target.js';
import { EMPTY } from './to-benchmark.js';

/** A scanned hook installed by the `_wrap` call at `site` (the package's file, relative to it, and line). */
const installedAt = (h: HookInfo, site: { file: string; line: number }): boolean => h.line === site.line && (h.file === site.file || h.file.endsWith(`/${site.file}`));

/**
 * The scanned hook a bench case stands for: the one its wrapper was installed by, when the listing
 * saw the `_wrap` call (hooks of the same target from different calls: fs's sync, callback and exists
 * wrappers); else same kind, the best target match; undefined when none matches.
 */
export function scanHookOf(hooks: readonly HookInfo[], spec: { kind: string; target: string; site?: { file: string; line: number }; assigned?: boolean }): HookInfo | undefined {
  const site = spec.site;
  if (site !== undefined) {
    const by = hooks.find((h) => h.kind === spec.kind && installedAt(h, site));
    if (by !== undefined) return by;
  }
  // a closure a nested call assigned in place of a member (`route.handler = wrapHandler(route.handler)`)
  // is what the scan lists as an assign hook of that member; its target names the member as a wrap's does
  if (spec.assigned === true) {
    const assigned = bestMatch(
      hooks.filter((h) => h.kind === 'assign'),
      spec.target,
      'wrap',
    );
    if (assigned !== undefined) return assigned;
  }
  // a function a wrapper made and returned (`create()`) is per-call code of that wrapper's hook
  return bestMatch(
    hooks.filter((h) => h.kind === spec.kind),
    spec.target.replace(/\(\)(→resolved)?$/, ''),
    spec.kind,
  );
}

function bestMatch(hooks: readonly HookInfo[], target: string, kind: string): HookInfo | undefined {
  let best: HookInfo | undefined;
  let bestScore = 0;
  for (const h of hooks) {
    const score = matchScore(h.target, target, kind);
    if (score > bestScore) {
      best = h;
      bestScore = score;
    }
  }
  return best;
}

/**
 * What the hook reads before its span start, every condition's needs together, each once; and, when
 * its function reads arguments by position past those (`emit(event, ...args)` using `args[1]`), the
 * last of them present: the drive gives the call that many arguments, so the one the hook expects is
 * an object, not missing, nor the callback a callback-style call appends.
 */
export function needsOf(hook: HookInfo | undefined): SpanNeed[] {
  const out: SpanNeed[] = [];
  const seen = new Set<string>();
  for (const c of hook?.spanStart?.conditions ?? []) {
    for (const n of c.needs) {
      const key = JSON.stringify(n);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(n);
    }
  }
  const read = hook?.spanStart?.argumentsRead ?? 0;
  const given = Math.max(0, ...out.map((n) => (n.of === 'arg' && n.index !== undefined ? n.index + 1 : 0)));
  if (read > given) out.push({ of: 'arg', index: read - 1, path: [], is: 'truthy' });
  return out;
}

/**
 * The condition that stopped a hook short of its span start, by block coverage of the calls: the first
 * on the way whose onward position (the branch toward the span start) ran 0 times per call while its
 * function ran. Undefined without coverage, when the way on ran past every condition (something the
 * hook calls returned early or threw), or when a step's function never ran at all (coverage cannot
 * tell which call on the way did not happen).
 */
export function stoppingCondition(hook: HookInfo | undefined, coverage: BenchCoverage | undefined): SpanCondition | undefined {
  if (coverage === undefined || coverage.calls === 0) return undefined;
  for (const c of hook?.spanStart?.conditions ?? []) {
    if (c.onward === undefined) return undefined;
    const site = coverage.sites.find((s) => s.file === c.file && s.line === c.onward!.line && s.column === c.onward!.column);
    // absent: its function never ran (a site's count is left out then), so an earlier step stopped it
    if (site === undefined) return undefined;
    if (site.perCall === 0) return c;
  }
  return undefined;
}

const conditionNamed = (c: SpanCondition): string => `\`${c.expression}\` ${c.mustBe === 'truthy' ? 'true' : 'false'} (${c.file}:${c.line})`;

/** Why a measured hook started no span, from the static call graph — the one condition block coverage saw stop it, when it ran. */
export function noSpanCondition(hook: HookInfo | undefined, coverage?: BenchCoverage): string {
  if (hook === undefined) return 'no scanned hook matches this case: what stands before its span start is not known';
  if (hook.spanStart === undefined) return 'the scan could not find the function behind this hook';
  if (hook.spanStart === null) return 'its code reaches no startSpan/startActiveSpan by the static call graph (it installs or calls code that may)';
  const at = `${hook.spanStart.file}:${hook.spanStart.line}`;
  if (hook.spanStart.conditions.length === 0) return `its span start (${at}) is behind no condition the scan sees: something it calls returned early or threw on the mocks`;
  const stopped = stoppingCondition(hook, coverage);
  if (stopped !== undefined) return `stopped before its span start (${at}) by ${conditionNamed(stopped)}: the way on past it did not run (block coverage)`;
  return `stopped before its span start (${at}) by one of: ${hook.spanStart.conditions.map(conditionNamed).join('; ')}`;
}

/** The entry's hook with the scanned hook's own frequency, when the analysis gave it one. */
function withFrequency(ref: NonNullable<Benchmark['hook']>, h: HookInfo): NonNullable<Benchmark['hook']> {
  const frequency = declaredHookFrequency(h);
  return frequency === undefined ? ref : Object.assign({}, ref, { hookFrequency: frequency });
}

/** Why a scanned hook has no bench case, and whether that is a skip (nothing to measure here) or a failure. */
function missingStatus(hook: HookInfo, notes: readonly PackageNote[], loaded: boolean): { status: 'skipped' | 'failed'; reason: string } {
  const note = notes[0];
  if (!loaded && note !== undefined) return { status: note.status, reason: `not measured: ${note.reason}` };
  if (hook.kind === 'exporter') return { status: 'skipped', reason: 'exporters are not benchmarked: export() runs per batch of spans, off the instrumented call' };
  if (hook.kind !== 'wrap' && hook.kind !== 'diagnostics-channel')
    return { status: 'skipped', reason: 'the package does not export this class from its entry: the bench constructs the SDK components a package exports' };
  const why = note !== undefined ? ` (${note.reason})` : '';
  return {
    status: 'failed',
    reason: `not reached at run time: no member wrapped by patching the module definitions on a mock, no call searched for nested wrappers and no channel subscribed in enable() matches this hook${why}`,
  };
}

export interface PackageAccount {
  label: string;
  pkg: PackageReport;
  /** the package's package-level outcomes (nothing to measure, failed to load) */
  notes: readonly PackageNote[];
}

/**
 * The entries with each one's scanned hook (`scanHook`), the no-span condition of measured entries
 * that started none, and one entry per scanned hook no case stands for; plus the counts against the
 * scanned hooks. Entries keep their order; the added ones are appended.
 */
export function accountHooks(entries: readonly Benchmark[], packages: readonly PackageAccount[]): { entries: Benchmark[]; hooks: NonNullable<BenchSummary['hooks']> } {
  const out = entries.map((b) => ({ ...b }));
  const hooks = { total: 0, measured: 0, skipped: 0, failed: 0, noSpan: 0 };
  for (const { label, pkg, notes } of packages) {
    const own = out.filter((b) => b.package === label && b.hook !== null);
    // each entry to its best scanned hook; each scanned hook with the entries that chose it
    const byHook = new Map<string, Benchmark[]>();
    for (const b of own) {
      const h = b.scanHook !== undefined ? pkg.hooks.find((x) => x.id === b.scanHook) : scanHookOf(pkg.hooks, b.hook!);
      if (b.spanPath !== undefined && !b.spanPath.reached && b.status === 'measured') {
        const stopped = stoppingCondition(h, b.coverage);
        b.spanPath = { ...b.spanPath, condition: noSpanCondition(h, b.coverage), ...(stopped === undefined ? {} : { stoppedAt: { file: stopped.file, line: stopped.line } }) };
      }
      if (h === undefined) continue;
      b.scanHook = h.id;
      b.hook = withFrequency(b.hook!, h);
      byHook.set(h.id, [...(byHook.get(h.id) ?? []), b]);
    }
    const loaded = own.length > 0;
    for (const h of pkg.hooks) {
      hooks.total++;
      const mine = byHook.get(h.id) ?? [];
      const measured = mine.filter((b) => b.status === 'measured');
      if (measured.length > 0) {
        hooks.measured++;
        if (measured.every(isNoSpan)) hooks.noSpan++;
        continue;
      }
      if (mine.length > 0) {
        // entries stand for it, none measured: the hook has their status
        if (mine.some((b) => b.status === 'failed')) hooks.failed++;
        else hooks.skipped++;
        continue;
      }
      const { status, reason } = missingStatus(h, notes, loaded);
      hooks[status]++;
      out.push({ package: label, hook: withFrequency({ id: h.id, kind: h.kind, target: h.target }, h), status, reason, ...EMPTY, scanHook: h.id });
    }
  }
  return { entries: out, hooks };
}
