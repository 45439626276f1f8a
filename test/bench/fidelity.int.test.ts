// Three ways a hook could be measured doing less than it does under the SDK, each on a fixture of its
// own (test/fixtures/bench/): a wrapper that checks whether its instrumentation is enabled
// (checks-enabled), one that iterates over an array among its arguments (maps-array), one that starts
// spans only inside an active span (needs-parent). Statuses, span counts and shapes only — never timings.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureRemark } from './remarks.js';
import { bench } from '../../src/bench/run/bench.js';
import type { ListResult, WrapCase } from '../../src/bench/protocol/child-protocol.js';
import type { AnyClass } from '../../src/bench/harness/find-classes.js';
import { construct } from '../../src/bench/harness/instrumentation-like.js';
import { runChild } from '../../src/bench/run/run-child.js';
import type { Benchmark, Report } from '../../src/model/report.js';

// compiled to dist/test/bench/: the repository is three levels up
const FIXTURES = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'test/fixtures/bench');
const fixture = (name: string): string => path.join(FIXTURES, name);

function entry(report: Report, pkg: string, target: string): Benchmark {
  const found = report.benchmarks!.find((b) => b.package.startsWith(`${pkg}@`) && b.hook?.target === target);
  assert.ok(found, `no bench entry for ${pkg} ${target}`);
  return found;
}

async function list(name: string): Promise<ListResult> {
  const { response: r } = await runChild({ mode: 'list', dir: fixture(name), name: `bench-fixture-${name}` }, 30_000, { unsafe: false }, [fixture(name)]);
  assert.ok(r.ok && r.mode === 'list', r.ok ? 'unexpected answer' : r.error);
  return r.result;
}

describe('bench fidelity', () => {
  let report: Report;
  before(async () => {
    report = await bench(['checks-enabled', 'maps-array', 'needs-parent'].map(fixture), { timeMs: 20, caseTimeoutMs: 8_000, probeTimeoutMs: 200, countCalls: 10 });
  });

  describe('an instrumentation that checks whether it is enabled', () => {
    it('is constructed disabled (no require hook, enable() never called) yet reports itself enabled', () => {
      const req = createRequire(path.join(fixture('checks-enabled'), 'package.json'));
      const mod = req('./index.js') as { ChecksEnabledInstrumentation: AnyClass; counts: { enableCalls: number } };
      const inst = construct(mod.ChecksEnabledInstrumentation) as unknown as { isEnabled(): boolean; getConfig(): { enabled?: boolean }; _enabled: boolean; _hooks: unknown[] };
      assert.equal(inst.isEnabled(), true);
      assert.equal(inst.getConfig().enabled, true);
      assert.equal(inst._enabled, false);
      assert.deepEqual(inst._hooks, []);
      assert.equal(mod.counts.enableCalls, 0);
    });

    it('its wrappers take the enabled path: one span per call, whether they ask isEnabled() or the config', () => {
      for (const t of ['push', 'pop', 'drain']) {
        const b = entry(report, 'bench-fixture-checks-enabled', `not-installed-queue:Queue.prototype.${t}`);
        assert.equal(b.status, 'measured', `${t}: ${b.reason}`);
        assert.equal(b.spansPerCall, 1, t);
        assert.equal(fixtureRemark(b.reason), null, t);
      }
    });
  });

  describe('a wrapper that iterates over an array argument', () => {
    it('sees a one-element array on the auto-mock: map, forEach, length (send), reduce, flatMap, filter, some, every (sendBatch)', () => {
      const send = entry(report, 'bench-fixture-maps-array', 'not-installed-bus:Producer.prototype.send');
      assert.equal(send.status, 'measured', send.reason ?? '');
      assert.equal(send.spansPerCall, 1);
      assert.deepEqual(send.patched, { module: 'not-installed-bus@1.0.0', mock: 'auto' });
      const batch = entry(report, 'bench-fixture-maps-array', 'not-installed-bus:Producer.prototype.sendBatch');
      assert.equal(batch.status, 'measured', batch.reason ?? '');
      assert.equal(batch.spansPerCall, 2);
    });
  });

  describe('a wrapper that starts spans only inside an active span', () => {
    it('is listed with parentSpan; its sibling that needs no parent is not', async () => {
      const { cases, notes } = await list('needs-parent');
      assert.deepEqual(notes, []);
      const byTarget = new Map(cases.map((c) => [c.target, c as WrapCase]));
      assert.equal(byTarget.get('not-installed-cache:Cache.prototype.get')?.parentSpan, true);
      assert.equal(byTarget.get('not-installed-cache:Cache.prototype.set')?.parentSpan, undefined);
      assert.equal(cases.length, 2, [...byTarget.keys()].join(', '));
    });

    it('is measured inside a parent span, one span per call, and says so in its reason', () => {
      const get = entry(report, 'bench-fixture-needs-parent', 'not-installed-cache:Cache.prototype.get');
      assert.equal(get.status, 'measured', get.reason ?? '');
      assert.equal(get.spansPerCall, 1);
      assert.match(get.reason ?? '', /parent span/);
      for (const k of ['baselineNsPerCall', 'instrumentedNsPerCall', 'unsampledNsPerCall', 'overheadNsPerSpan'] as const) assert.equal(typeof get[k], 'number', k);
      const set = entry(report, 'bench-fixture-needs-parent', 'not-installed-cache:Cache.prototype.set');
      assert.equal(set.status, 'measured', set.reason ?? '');
      assert.equal(set.spansPerCall, 1);
      assert.equal(fixtureRemark(set.reason), null);
    });
  });

  it('nothing failed', () => {
    assert.equal(report.benchSummary?.failed, 0, JSON.stringify(report.benchmarks!.filter((b) => b.status === 'failed')));
    assert.equal(report.benchSummary?.measured, 7);
  });
});
