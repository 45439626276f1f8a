// scan --bench: findings joined with the bench case of their hook (same package, matching target),
// and `confirmed` when the finding's operation was counted there.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countersFor, joinBench, matchScore } from '../../src/bench/run/join-bench.js';
import { perCallSyncFs, sampleReport } from '../report/sample-report.js';
import { sampleBenchReport } from './sample-bench.js';

describe('matchScore', () => {
  it('exact targets win; static local names before the member do not stop a match', () => {
    assert.equal(matchScore('pg:Client.prototype.query', 'pg:Client.prototype.query', 'wrap'), 3);
    assert.ok(matchScore('pg/lib/client.js:moduleExports.prototype.query', 'pg/lib/client.js:prototype.query', 'wrap') >= 2);
    assert.ok(
      matchScore('openai:modExports.OpenAI.Chat.Completions.prototype.create', 'openai:OpenAI.Chat.Completions.prototype.create', 'wrap') >
        matchScore('openai:modExports.OpenAI.Chat.Completions.prototype.create', 'openai:OpenAI.Embeddings.prototype.create', 'wrap'),
    );
  });
  it('a wildcard member matches with a lower score; another module or member does not match', () => {
    assert.ok(matchScore('fs:objectToPatch.*', 'fs:readFileSync', 'wrap') >= 1);
    assert.ok(matchScore('fs:objectToPatch.*', 'fs:readFileSync', 'wrap') < 2);
    assert.equal(matchScore('pg:Client.prototype.query', 'mysql:Client.prototype.query', 'wrap'), 0);
    assert.equal(matchScore('pg:Client.prototype.query', 'pg:Client.prototype.connect', 'wrap'), 0);
  });
  it('other kinds match exactly only', () => {
    assert.equal(matchScore('undici:request:create', 'undici:request:create', 'diagnostics-channel'), 3);
    assert.equal(matchScore('B3Propagator.inject', 'B3Propagator.extract', 'propagator'), 0);
  });
});

describe('countersFor', () => {
  it('maps static operations to the counters that show them ran', () => {
    assert.deepEqual(countersFor('sync-fs', 'fs.readFileSync'), ['fs.readFileSync']);
    assert.deepEqual(countersFor('version-lookup', 'read package.json'), ['fs.readFileSync', 'JSON.parse']);
    assert.ok(countersFor('version-lookup', 'require.resolve').includes('require.resolve'));
    assert.ok(countersFor('stack-capture', 'throw new TypeError').includes('new TypeError'));
    assert.deepEqual(countersFor('stack-capture', 'new Error().stack'), ['Error.stack']);
    assert.ok(countersFor('env-read', 'process.env copy').includes('process.env'));
  });
  it('confirms nothing its rule declares uncountable, does not list, or for an unknown rule', () => {
    assert.deepEqual(countersFor('dynamic-require', 'import()'), []);
    assert.deepEqual(countersFor('sync-fs', 'JSON.parse'), []);
    assert.deepEqual(countersFor('no-such-rule', 'fs.readFileSync'), []);
  });
});

describe('joinBench', () => {
  it('annotates per-call findings with the measured overhead of their hook and confirms seen operations', () => {
    const joined = joinBench(sampleReport(), sampleBenchReport());
    const f = joined.findings.find((x) => x.line === perCallSyncFs.line && x.ruleId === perCallSyncFs.ruleId)!;
    assert.equal(f.measuredOverheadNsPerSpan, 18_000);
    assert.equal(f.confirmed, true);
    assert.equal(joined.benchSummary?.withScan, true);
    assert.equal(joined.benchmarks?.length, 4);
  });
  it('leaves findings without a measured match, and non-per-call findings, as they were', () => {
    const joined = joinBench(sampleReport(), sampleBenchReport());
    const matched = (x: (typeof joined.findings)[number]): boolean =>
      x.frequency === 'per-call' && (x.reachedFrom ?? x.package) === perCallSyncFs.package && x.hook?.target === perCallSyncFs.hook?.target;
    assert.ok(joined.findings.some((x) => !matched(x)));
    for (const f of joined.findings.filter((x) => !matched(x))) {
      assert.equal(f.measuredOverheadNsPerSpan, undefined);
      assert.equal(f.confirmed, undefined);
    }
  });
  it('an operation not counted in the matched case is not confirmed', () => {
    const scanned = { ...sampleReport(), findings: [{ ...perCallSyncFs, operation: 'os.hostname' }] };
    const [f] = joinBench(scanned, sampleBenchReport()).findings;
    assert.equal(f!.measuredOverheadNsPerSpan, 18_000);
    assert.equal(f!.confirmed, false);
  });
});
