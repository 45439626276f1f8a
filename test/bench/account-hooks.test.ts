// Every scanned hook accounted for, on hand-made entries: matched entries get the scanned hook's id,
// a scanned hook no case stands for gets an entry with its status and reason, the counts are the
// scan's, and a measured hook that started no span names what stopped it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountHooks, needsOf, noSpanCondition, scanHookOf } from '../../src/bench/run/account-hooks.js';
import { hookFrequencyOf } from '../../src/model/hook-frequency.js';
import type { HookInfo, PackageReport } from '../../src/model/report.js';
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

describe('scanHookOf', () => {
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
