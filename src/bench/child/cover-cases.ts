// The coverage step of a bench child, for the measured cases of one package: V8 block coverage
// (start-coverage.ts) of each hooked call, made as it was measured (its call style, what drove it to
// its span start), turned into per-call counts of the positions the scan cares about (site-counts.ts).
// Coverage runs in a process of its own, never beside a timing: block counters slow the code they
// count several times over. One process serves a whole package (cases are quick: a few warm-up calls
// and the counted ones); each case's answer is sent as soon as it is done, so a case that kills the
// process costs only the cases after it, which the parent gives to a fresh one.
import { setStubStyle } from '../harness/auto-mock.js';
import { runOnce } from '../harness/invoke.js';
import { loadPackage } from '../harness/load-package.js';
import { makeSubject } from '../harness/subjects.js';
import { createTracing } from '../harness/tracing.js';
import type { BlockCoverage } from '../coverage/start-coverage.js';
import { siteCounts } from '../coverage/site-counts.js';
import type { BenchSettings, CoverCase, CoverResult, SitePosition } from '../protocol/child-protocol.js';

/** Calls before the counted ones: lazy caches, memoised reads and per-call setup happen here, not in the counts. */
export const COVER_WARM_UP_CALLS = 3;

/**
 * Covers each case in turn and hands each result to `send` as soon as it is known. `coverage` was
 * started before the package was loaded (child.ts), so its functions have block counters.
 */
export async function coverCases(
  coverage: BlockCoverage,
  dir: string,
  name: string,
  cases: readonly CoverCase[],
  sites: readonly SitePosition[],
  settings: BenchSettings,
  send: (index: number, result: CoverResult | { error: string }) => Promise<void>,
  sourceOf: (file: string) => string | undefined,
): Promise<void> {
  const pkg = await loadPackage(dir, name);
  const tracing = createTracing();
  for (const [index, c] of cases.entries()) {
    let result: CoverResult | { error: string };
    try {
      const subject = makeSubject(pkg, c.spec, tracing);
      subject.setDrive?.(c.drive);
      setStubStyle(c.style);
      subject.enterHooked(true);
      const call = subject.calls(c.style).hooked;
      for (let i = 0; i < COVER_WARM_UP_CALLS; i++) await runOnce(call, settings.probeTimeoutMs);
      await coverage.take(); // resets the counts: what follows is the measured calls alone
      const started = tracing.counter.started;
      for (let i = 0; i < settings.countCalls; i++) await runOnce(call, settings.probeTimeoutMs);
      const spansPerCall = (tracing.counter.started - started) / settings.countCalls;
      const scripts = await coverage.take();
      subject.enterPlain();
      result = { calls: settings.countCalls, spansPerCall, sites: siteCounts(scripts, sites, settings.countCalls, sourceOf) };
    } catch (err) {
      result = { error: err instanceof Error ? err.message : String(err) };
    }
    await send(index, result);
  }
}
