// The bench's result cache: an unchanged package is neither listed nor measured again — no child
// process starts — and its entries say they come from the cache; anything that changes a measurement
// (the package's code, the bench options) measures again. Never timings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import diagnostics_channel from 'node:diagnostics_channel';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CHILD_CHANNEL, bench } from '../../src/bench/run/bench.js';
import type { BenchCacheStats } from '../../src/cache/cache-options.js';
import type { BenchOptions } from '../../src/bench/protocol/bench-options.js';
import type { Report } from '../../src/model/report.js';
import { runCli } from '../cli/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const FIXTURES = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'test/fixtures/bench');
const temps = tempDirs();

const tempDir = (prefix: string): string => temps.make(prefix);

/** A copy of a bench fixture to edit, in a temp folder whose node_modules is the repository's (the SDK). */
function copyFixture(name: string): string {
  const root = tempDir('otel-audit-fixture-');
  fs.symlinkSync(path.join(FIXTURES, '../../../node_modules'), path.join(root, 'node_modules'));
  fs.cpSync(path.join(FIXTURES, name), path.join(root, name), { recursive: true });
  return path.join(root, name);
}

/** bench, counting the child processes it starts to list and measure (block coverage is not cached: its children run on every run) */
async function benchCounting(paths: string[], options: BenchOptions): Promise<{ report: Report; children: number; hits: number; misses: number }> {
  let children = 0;
  const count = (m: unknown): void => {
    if ((m as { mode?: string }).mode !== 'cover') children++;
  };
  diagnostics_channel.subscribe(BENCH_CHILD_CHANNEL, count);
  try {
    let stats: BenchCacheStats | undefined;
    const report = await bench(paths, { ...options, onCacheStats: (s) => (stats = s) });
    return { report, children, hits: stats?.hits ?? 0, misses: stats?.misses ?? 0 };
  } finally {
    diagnostics_channel.unsubscribe(BENCH_CHILD_CHANNEL, count);
  }
}

const measuredRows = (r: Report): Array<[string, string, string]> => r.benchmarks!.filter((b) => b.hook !== null).map((b) => [b.package, b.hook!.target, b.status]);

describe('bench result cache', () => {
  it('an unchanged package is served from the cache: no child process, every entry marked cached with when it was measured', async () => {
    const paths = [path.join(FIXTURES, 'styles'), path.join(FIXTURES, 'no-instrumentation')];
    const unstored = (r: Report): number => r.benchmarks!.filter((b) => b.hook !== null && (b.status !== 'measured' || b.untrusted !== undefined)).length;
    // on a very busy machine every 5 ms case of a run can come out untrusted, and then nothing is stored
    // and there is nothing to serve: take a fresh cache and a new cold run then (at most three)
    let options: BenchOptions;
    let cold: Awaited<ReturnType<typeof benchCounting>>;
    let attempt = 0;
    do {
      options = { timeMs: 5, hooks: '*:*{querySync,queryPromise}', history: null, cache: { dir: tempDir('otel-audit-cache-') } };
      cold = await benchCounting(paths, options);
    } while (unstored(cold.report) === 2 && ++attempt < 3);
    assert.ok(cold.children >= 3, `lists and measures in children (${cold.children})`);
    assert.equal(
      cold.report.benchmarks!.some((b) => b.cached === true),
      false,
    );
    assert.equal(cold.report.benchSummary!.cached, undefined);
    const warm = await benchCounting(paths, options);
    // what the cache stores: measured entries whose figures held up against the child's CPU time. On a busy
    // machine a 5 ms case can fail or come out untrusted; it is measured again (a child), by design.
    const notStored = unstored(cold.report);
    if (notStored === 0) {
      assert.equal(warm.children, 0);
      assert.deepEqual([warm.hits, warm.misses], [cold.misses, 0]);
      assert.deepEqual(measuredRows(warm.report), measuredRows(cold.report));
      assert.ok(
        warm.report.benchmarks!.every((b) => b.status !== 'measured' || b.cached === true),
        'every measured entry from the cache',
      );
    } else {
      assert.ok(warm.children >= 1, 'what was not stored is measured again');
    }
    const measured = warm.report.benchmarks!.filter((b) => b.status === 'measured' && b.cached === true);
    assert.ok(measured.length >= 2 - notStored && measured.length >= 1);
    for (const b of measured) {
      assert.equal(b.cached, true);
      assert.ok(!Number.isNaN(Date.parse(b.measuredAt!)));
      const before = cold.report.benchmarks!.find((c) => c.hook?.id === b.hook!.id)!;
      assert.equal(b.overheadNsPerSpan, before.overheadNsPerSpan);
      assert.deepEqual(b.opSites, before.opSites);
    }
    assert.equal(warm.report.benchSummary!.cached, measured.length);
    // the package-level outcome (nothing to measure) is served from the cached list too
    assert.deepEqual(
      warm.report.benchmarks!.filter((b) => b.hook === null).map((b) => [b.package, b.status]),
      [['bench-fixture-no-instrumentation@1.0.0', 'skipped']],
    );
  });

  it('other bench options, or a changed file of the package, measure again', async () => {
    const cache = tempDir('otel-audit-cache-');
    const dir = copyFixture('styles');
    const options: BenchOptions = { timeMs: 5, hooks: '*:*querySync', history: null, cache: { dir: cache } };
    await benchCounting([dir], options);
    assert.equal((await benchCounting([dir], options)).children, 0);
    const longer = await benchCounting([dir], { ...options, timeMs: 6 });
    assert.deepEqual([longer.children, longer.hits, longer.misses], [1, 0, 1], 'the list is served, the case measured again');
    fs.appendFileSync(path.join(dir, 'index.js'), '\n// edited\n');
    const edited = await benchCounting([dir], options);
    assert.deepEqual([edited.children, edited.hits], [2, 0], 'listed and measured again');
    assert.equal(
      edited.report.benchmarks!.some((b) => b.cached === true),
      false,
    );
  });

  it('a failed case is not stored, and --profile neither reads nor writes the cache', async () => {
    const cache = tempDir('otel-audit-cache-');
    const options: BenchOptions = { timeMs: 5, history: null, caseTimeoutMs: 3000, cache: { dir: cache } };
    const first = await benchCounting([path.join(FIXTURES, 'hangs')], options);
    const failed = first.report.benchmarks!.filter((b) => b.status === 'failed' && b.hook !== null).map((b) => b.hook!.id);
    assert.ok(failed.length > 0);
    const second = await benchCounting([path.join(FIXTURES, 'hangs')], options);
    assert.ok(second.children >= failed.length, 'the failed cases are tried again');
    for (const id of failed) assert.notEqual(second.report.benchmarks!.find((b) => b.hook?.id === id)?.cached, true, id);
    const paths = [path.join(FIXTURES, 'styles')];
    await benchCounting(paths, { timeMs: 5, hooks: '*:*querySync', history: null, cache: { dir: cache } });
    const profiled = await benchCounting(paths, { timeMs: 5, hooks: '*:*querySync', history: null, cache: { dir: cache }, profileDir: tempDir('otel-audit-profile-') });
    assert.ok(profiled.children > 0);
    assert.equal(
      profiled.report.benchmarks!.some((b) => b.cached === true),
      false,
    );
  });

  it('otel-audit bench --cache-dir: the second run says cached; --no-cache measures', async () => {
    const args = ['bench', path.join(FIXTURES, 'styles'), '--time', '5', '--hooks', '*:*querySync', '--no-history', '--format', 'json'];
    // as above: a cold run whose one 5 ms case came out untrusted or failed on a very busy machine stores
    // nothing; take a fresh cache and run cold again then (at most three)
    const stored = (stdout: string): boolean => (JSON.parse(stdout) as Report).benchmarks!.some((b) => b.hook !== null && b.status === 'measured' && b.untrusted === undefined);
    let cache: string;
    let first: Awaited<ReturnType<typeof runCli>>;
    let attempt = 0;
    do {
      cache = tempDir('otel-audit-cache-');
      first = await runCli([...args, '--cache-dir', cache]);
      assert.equal(first.code, 0, first.stderr);
    } while (!stored(first.stdout) && ++attempt < 3);
    const second = await runCli([...args, '--cache-dir', cache]);
    const cached = (JSON.parse(second.stdout) as Report).benchmarks!.filter((b) => b.hook !== null);
    assert.deepEqual(
      cached.map((b) => b.cached),
      [true],
    );
    const off = await runCli([...args, '--cache-dir', cache, '--no-cache']);
    assert.deepEqual(
      (JSON.parse(off.stdout) as Report).benchmarks!.filter((b) => b.hook !== null).map((b) => b.cached),
      [undefined],
    );
  });
});
