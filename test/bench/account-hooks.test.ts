// Every scanned hook accounted for, on hand-made entries: matched entries get the scanned hook's id,
// a scanned hook no case stands for gets an entry with its status and reason, the counts are the
// scan's, and a measured hook that started no span names what stopped it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountHooks, needsOf, noSpanCondition, scanHookOf, stoppingCondition } from '../../src/bench/run/account-hooks.js';
import { hookFrequencyOf } from '../../src/model/hook-frequency.js';
import type { BenchCoverage, HookInfo, PackageReport, SpanCondition } from '../../src/model/report.js';
import { noSpan, readPerCall } from './sample-bench.js';

const LABEL = '@opentelemetry/instrumentation-a@1.0.0';
const hook = (id: string, kind: HookInfo['kind'], target: string, spanStart?: HookInfo['spanStart']): HookInfo => ({
  id,
  kind,
  target,
  file: 'build/src/instrumentation.js',
  line: 10,
  resolved: true,
  ...(spanStart !== undefined ? { spanStart } : {}),
});
const query = hook('wrap:pg:moduleExports.Client.prototype.query', 'wrap', 'pg:moduleExports.Client.prototype.query', { file: 'build/src/instrumentation.js', line: 40, conditions: [] });
const end = hook('wrap:pg:moduleExports.Client.prototype.end', 'wrap', 'pg:moduleExports.Client.prototype.end', {
  file: 'build/src/instrumentation.js',
  line: 60,
  conditions: [{ expression: 'cmd.ismaster', mustBe: 'falsy', file: 'build/src/instrumentation.js', line: 55, needs: [{ of: 'arg', index: 1, path: ['ismaster'], is: 'falsy' }] }],
});
const acquire = hook('wrap:pg:pool.acquire', 'wrap', 'pg:pool.acquire', null);
const exporter = hook('exporter:AExporter.export', 'exporter', 'AExporter.export', null);
const pkg: PackageReport = { name: '@opentelemetry/instrumentation-a', version: '1.0.0', root: 0, dir: 'instrumentation-a', files: [], entry: 'entry-points', hooks: [query, end, acquire, exporter] };

describe('accountHooks', () => {
  it('gives every scanned hook a status; counts against the scanned hooks', () => {
    const { entries, hooks } = accountHooks([readPerCall, { ...noSpan, spanPath: { reached: false, drive: [], condition: null } }], [{ label: LABEL, pkg, notes: [] }]);
    assert.deepEqual(hooks, { total: 4, measured: 2, skipped: 1, failed: 1, noSpan: 1 });
    assert.deepEqual(
      entries.map((b) => [b.hook?.target, b.status, b.scanHook]),
      [
        ['pg:Client.prototype.query', 'measured', query.id],
        ['pg:Client.prototype.end', 'measured', end.id],
        ['pg:pool.acquire', 'failed', acquire.id],
        ['AExporter.export', 'skipped', exporter.id],
      ],
    );
    assert.match(entries[2]!.reason!, /^not reached at run time/);
    // what stopped the no-span hook, from the scan's conditions
    assert.match(entries[1]!.spanPath!.condition!, /`cmd\.ismaster` false \(build\/src\/instrumentation\.js:55\)/);
  });

  it('a package that failed to load: its scanned hooks share the failure', () => {
    const { entries, hooks } = accountHooks([], [{ label: LABEL, pkg, notes: [{ status: 'failed', reason: 'the package throws on load: boom' }] }]);
    assert.deepEqual(hooks, { total: 4, measured: 0, skipped: 0, failed: 4, noSpan: 0 });
    assert.ok(entries.every((b) => b.reason === 'not measured: the package throws on load: boom'));
  });

  it('matches bench targets to scanned ones and collects what a hook reads before its span start', () => {
    assert.equal(scanHookOf(pkg.hooks, { kind: 'wrap', target: 'pg:Client.prototype.end' }), end);
    assert.equal(scanHookOf(pkg.hooks, { kind: 'wrap', target: 'mysql:Client.prototype.end' }), undefined);
    assert.deepEqual(needsOf(end), [{ of: 'arg', index: 1, path: ['ismaster'], is: 'falsy' }]);
    assert.match(noSpanCondition(acquire), /reaches no startSpan/);
    assert.match(noSpanCondition(undefined), /no scanned hook matches/);
  });

  it("entries take the scanned hook's own hookFrequency (the analysis'), before the built-in table", () => {
    // a wrap of `query` the analysis classified set-up (say, the policy file's setUpMethods); the table alone says per call
    const classified = Object.assign({}, query, { hookFrequency: 'set-up' });
    const { entries } = accountHooks([readPerCall], [{ label: LABEL, pkg: { ...pkg, hooks: [classified, acquire] }, notes: [] }]);
    assert.deepEqual(
      entries.map((b) => [b.hook?.target, hookFrequencyOf(b.hook!)]),
      [
        ['pg:Client.prototype.query', 'set-up'],
        ['pg:pool.acquire', 'per-call'],
      ],
    );
    assert.equal(hookFrequencyOf(readPerCall.hook!), 'per-call');
  });
});

describe('stoppingCondition', () => {
  const cond = (line: number, onward?: number): SpanCondition => ({
    expression: `c${line}`,
    mustBe: 'falsy',
    file: 'build/src/instrumentation.js',
    line,
    needs: [],
    ...(onward === undefined ? {} : { onward: { line: onward, column: 5 } }),
  });
  const withConditions = (conditions: SpanCondition[]): HookInfo => hook('wrap:db:query', 'wrap', 'db:query', { file: 'build/src/instrumentation.js', line: 30, conditions });
  const covered = (counts: Array<[number, number]>): BenchCoverage => ({
    calls: 20,
    sites: counts.map(([line, perCall]) => ({ file: 'build/src/instrumentation.js', line, column: 5, perCall, functionPerCall: 1 })),
  });

  it('names the first condition whose way on did not run; none without coverage, when every way on ran, or when a step never ran', () => {
    const h = withConditions([cond(10, 11), cond(11, 12), cond(20, 21)]);
    assert.equal(
      stoppingCondition(
        h,
        covered([
          [11, 1],
          [12, 0],
          [21, 0],
        ]),
      )?.line,
      11,
    );
    assert.equal(
      stoppingCondition(
        h,
        covered([
          [11, 0],
          [12, 0],
        ]),
      )?.line,
      10,
    );
    assert.equal(stoppingCondition(h, undefined), undefined);
    assert.equal(
      stoppingCondition(
        h,
        covered([
          [11, 1],
          [12, 1],
          [21, 1],
        ]),
      ),
      undefined,
    );
    // the third condition's function never ran (no count at all): an unseen call on the way stopped it
    assert.equal(
      stoppingCondition(
        h,
        covered([
          [11, 1],
          [12, 1],
        ]),
      ),
      undefined,
    );
    // a report written before conditions had an onward position: nothing to tell
    assert.equal(stoppingCondition(withConditions([cond(10)]), covered([[11, 0]])), undefined);
  });
});

describe('scanHookOf', () => {
  it('a nested closure assigned in place of a member stands for the assign hook of that member, before a wrap of the same name', () => {
    const hooks = [hook('wrap:k:newProducer.send', 'wrap', 'k:newProducer.send'), hook('wrap:k:newProducer.sendBatch', 'wrap', 'k:newProducer.sendBatch'), hook('assign:k:send', 'assign', 'k:send')];
    const nested = { kind: 'wrap', target: 'k:Kafka.prototype.producer().transaction()→resolved.send' };
    assert.equal(scanHookOf(hooks, { ...nested, assigned: true })?.id, 'assign:k:send');
    assert.equal(scanHookOf(hooks, nested)?.id, 'wrap:k:newProducer.send');
    // no assign hook of that member: the wrap it would have matched anyway
    assert.equal(scanHookOf(hooks, { kind: 'wrap', target: 'k:Kafka.prototype.producer().transaction()→resolved.sendBatch', assigned: true })?.id, 'wrap:k:newProducer.sendBatch');
  });

  it('hooks with the same target from different _wrap calls: the call that installed the wrapper decides; without it, the target', () => {
    const at = (id: string, line: number): HookInfo => ({ ...hook(id, 'wrap', 'fs:objectToPatch.*'), file: 'instrumentation-fs/build/src/instrumentation.js', line });
    const hooks = [at('wrap:fs:objectToPatch.*', 35), at('wrap:fs:objectToPatch.*#2', 45), at('wrap:fs:objectToPatch.*#3', 48)];
    const spec = (line?: number) => ({ kind: 'wrap', target: 'fs:access', ...(line === undefined ? {} : { site: { file: 'build/src/instrumentation.js', line } }) });
    assert.deepEqual(
      [spec(48), spec(45), spec(35), spec(), spec(99)].map((s) => scanHookOf(hooks, s)?.id),
      ['wrap:fs:objectToPatch.*#3', 'wrap:fs:objectToPatch.*#2', 'wrap:fs:objectToPatch.*', 'wrap:fs:objectToPatch.*', 'wrap:fs:objectToPatch.*'],
    );
  });
});
