// Wrappers an instrumentation installs per call (find-nested.ts): found by calling each wrapper once
// while listing, reached again by the same setup calls while measuring. On the `nested` fixture: one
// installed on the return value, one on an argument, one through the receiver that needs an active
// parent span; a wrapper that never returns and one that throws after wrapping. Shapes, statuses and
// counts only — never timings.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createObjectMock } from '../../src/bench/harness/auto-mock.js';
import { bench } from '../../src/bench/run/bench.js';
import { callWithTimeout } from '../../src/bench/harness/call-with-timeout.js';
import type { CaseSpec, ListResult, WrapCase } from '../../src/bench/protocol/child-protocol.js';
import { findNewWrappers } from '../../src/bench/harness/find-wrapped.js';
import { runChild } from '../../src/bench/run/run-child.js';
import type { Benchmark, Report } from '../../src/model/report.js';

// compiled to dist/test/bench/: the repository is three levels up
const FIXTURE = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'test/fixtures/bench/nested');
const BROKER = 'not-installed-broker';

function wrapCase(cases: readonly CaseSpec[], target: string): WrapCase {
  const found = cases.find((c) => c.target === target);
  assert.ok(found, `no case ${target} in ${cases.map((c) => c.target).join(', ')}`);
  assert.equal(found.kind, 'wrap');
  return found;
}

describe('nested wrappers: listing', () => {
  let list: ListResult;
  before(async () => {
    const { response: r } = await runChild({ mode: 'list', dir: FIXTURE, name: 'bench-fixture-nested' }, 30_000, { unsafe: false }, [FIXTURE]);
    assert.ok(r.ok && r.mode === 'list', r.ok ? 'unexpected answer' : r.error);
    list = r.result;
  });

  it('lists the wrapper installed on what a wrapper returns, with the step that reaches it', () => {
    const send = wrapCase(list.cases, `${BROKER}:Broker.prototype.producer().send`);
    assert.deepEqual(send.path, ['Broker', 'prototype', 'producer']);
    assert.deepEqual(send.via, [{ style: 'sync', from: 'return', path: ['send'] }]);
    assert.equal(send.parentSpan, undefined);
  });

  it('lists wrappers installed on an argument and through the receiver, the latter inside a parent span', () => {
    const onMessage = wrapCase(list.cases, `${BROKER}:Broker.prototype.subscribe→arg0.onMessage`);
    assert.deepEqual(onMessage.via, [{ style: 'sync', from: 'arg', argIndex: 0, path: ['onMessage'] }]);
    const handle = wrapCase(list.cases, `${BROKER}:Router.prototype.use→this.stack.0.handle`);
    assert.deepEqual(handle.via, [{ style: 'sync', from: 'this', path: ['stack', '0', 'handle'] }]);
    assert.equal(handle.parentSpan, true);
  });

  it('a closure assigned in place of a member (no shimmer wrap) is listed as assigned; shimmer wrappers are not', () => {
    const handler = wrapCase(list.cases, `${BROKER}:Broker.prototype.route→arg0.handler`);
    assert.deepEqual(handler.via, [{ style: 'sync', from: 'arg', argIndex: 0, path: ['handler'] }]);
    assert.equal(handler.assigned, true);
    for (const t of ['Broker.prototype.producer().send', 'Broker.prototype.subscribe→arg0.onMessage', 'Router.prototype.use→this.stack.0.handle'])
      assert.equal(wrapCase(list.cases, `${BROKER}:${t}`).assigned, undefined, t);
  });

  it('keeps every parent case, and finds what a wrapper installed before it hung or threw', () => {
    for (const t of ['Broker.prototype.producer', 'Broker.prototype.subscribe', 'Broker.prototype.route', 'Router.prototype.use']) assert.equal(wrapCase(list.cases, `${BROKER}:${t}`).via, undefined);
    for (const t of ['Spinner.prototype.spin', 'Spinner.prototype.fail']) wrapCase(list.cases, `not-installed-spinner:${t}`);
    wrapCase(list.cases, 'not-installed-spinner:Spinner.prototype.spin→this.tick');
    wrapCase(list.cases, 'not-installed-spinner:Spinner.prototype.fail→arg0.done');
    assert.equal(list.cases.length, 12, list.cases.map((c) => c.target).join(', '));
    assert.deepEqual(list.notes, []);
  });
});

describe('nested wrappers: measuring', () => {
  let report: Report;
  const entry = (target: string): Benchmark => {
    const found = report.benchmarks!.find((b) => b.hook?.target === target);
    assert.ok(found, `no bench entry for ${target}`);
    return found;
  };
  before(async () => {
    report = await bench([FIXTURE], { timeMs: 20, caseTimeoutMs: 8_000, probeTimeoutMs: 200, countCalls: 10, hooks: `*:${BROKER}:*` });
  });

  it('measures each nested wrapper against its original: one span per call, sampled and unsampled, with its operations', () => {
    const expected = [
      ['Broker.prototype.producer().send', 'process.env'],
      ['Broker.prototype.subscribe→arg0.onMessage', 'os.hostname'],
      ['Router.prototype.use→this.stack.0.handle', null],
      ['Broker.prototype.route→arg0.handler', null],
    ] as const;
    for (const [t, op] of expected) {
      const b = entry(`${BROKER}:${t}`);
      assert.equal(b.status, 'measured', `${t}: ${b.reason}`);
      assert.equal(b.hook?.kind, 'wrap');
      assert.equal(b.hook?.id, `wrap:${BROKER}:${t}`);
      assert.equal(b.spansPerCall, 1, t);
      assert.equal(b.callStyle, 'sync', t);
      assert.equal(b.patched?.mock, 'auto');
      for (const k of ['baselineNsPerCall', 'instrumentedNsPerCall', 'unsampledNsPerCall', 'overheadNsPerSpan', 'bareSpanNs'] as const) assert.equal(typeof b[k], 'number', `${t} ${k}`);
      assert.deepEqual(b.opsPerCall, op === null ? {} : { [op]: 1 }, t);
    }
  });

  it("the closure assigned in place of a member stands for the scan's assign hook of that member", () => {
    assert.equal(entry(`${BROKER}:Broker.prototype.route→arg0.handler`).scanHook, `assign:${BROKER}:handler`);
    assert.equal(entry(`${BROKER}:Broker.prototype.subscribe→arg0.onMessage`).scanHook, `wrap:${BROKER}:onMessage`);
  });

  it('the parents are measured too, as before: no span of their own', () => {
    for (const t of ['Broker.prototype.producer', 'Broker.prototype.subscribe', 'Broker.prototype.route', 'Router.prototype.use']) {
      const b = entry(`${BROKER}:${t}`);
      assert.equal(b.status, 'measured', `${t}: ${b.reason}`);
      assert.equal(b.spansPerCall, 0, t);
    }
    assert.equal(report.benchSummary?.failed, 0);
    assert.equal(report.benchSummary?.measured, 8);
  });
});

describe('nested wrappers: building blocks', () => {
  it('findNewWrappers: a stub an argument inherited, replaced by a function, is new; known wrappers are not', () => {
    const shared = createObjectMock('arg0') as Record<string, unknown>;
    const arg = Object.create(shared) as Record<string, unknown>;
    const stub = arg.onMessage; // the read materialises a stub on the mock the argument inherits from
    assert.equal(typeof stub, 'function');
    const replacement = (): void => undefined;
    arg.onMessage = replacement;
    const wrapped = Object.assign(() => undefined, { __wrapped: true });
    arg.nested = { list: [{ handle: wrapped }] };
    assert.deepEqual(
      findNewWrappers(arg, new Set()).map((w) => w.path.join('.')),
      ['onMessage', 'nested.list.0.handle'],
    );
    assert.deepEqual(findNewWrappers(arg, new Set([replacement, wrapped])), []);
  });

  it('callWithTimeout stops a call that never returns, and reports a throw', async () => {
    const spin = await callWithTimeout(
      () => {
        for (;;) {
          // never returns
        }
      },
      undefined,
      [],
      'sync',
      { syncMs: 50, settleMs: 10 },
    );
    assert.match(spin.error ?? '', /did not return within 50 ms/);
    const thrown = await callWithTimeout(
      () => {
        throw new Error('boom');
      },
      undefined,
      [],
      'sync',
      { syncMs: 50, settleMs: 10 },
    );
    assert.equal(thrown.error, 'boom');
    const resolved = await callWithTimeout(() => Promise.resolve(42), undefined, [], 'promise', { syncMs: 50, settleMs: 50 });
    assert.deepEqual(resolved.resolved, { value: 42 });
  });
});
