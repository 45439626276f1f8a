// Set-up hooks and hooks without a span: how the model tells them apart, and that per-span rankings
// and budgets (measuredOverhead) leave them out while their per-call figure stays readable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hookFrequencyOf, wrappedMember } from '../../src/model/hook-frequency.js';
import { setUpReason } from '../../src/model/set-up-methods.js';
import { isNoSpan, measuredOverhead, setUpOverhead } from '../../src/model/benchmark.js';
import { readPerCall, noSpan } from '../bench/sample-bench.js';

describe('hook frequency', () => {
  it('names the member a target wraps, nested cases by their last wrapper', () => {
    assert.equal(wrappedMember('mysql:createPool'), 'createPool');
    assert.equal(wrappedMember('kafkajs:Kafka.prototype.producer().send'), 'send');
    assert.equal(wrappedMember('express:Router.prototype.use→this.stack.0.handle'), 'handle');
    assert.equal(wrappedMember('winston/lib/winston/logger.js:prototype.configure'), 'configure');
  });

  it('set-up from the built-in table for wraps, unless the hook says', () => {
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: 'mysql:createPool' }), 'set-up');
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: 'mysql:createPool().getConnection' }), 'per-call');
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: 'pg:Client.prototype.query' }), 'per-call');
    assert.equal(hookFrequencyOf({ kind: 'span-processor', target: 'Server.onEnd' }), 'per-call');
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: 'pg:Client.prototype.query', hookFrequency: 'set-up' }), 'set-up');
    // one table with the analysis (src/model/set-up-methods.ts): its names and the set-up verb
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: 'http:Server.prototype.listen' }), 'set-up');
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: 'cypress:config.e2e.setupNodeEvents' }), 'set-up');
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: 'sdk:Client.prototype.setUser' }), 'per-call', 'set-up verb only as a word');
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: '@opentelemetry/instrumentation:autoLoaderUtils.enableInstrumentations' }), 'set-up');
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: 'fw:Router.prototype.registerHandlers' }), 'set-up');
    assert.equal(hookFrequencyOf({ kind: 'wrap', target: 'fw:Plugin.installHooks' }), 'set-up');
    for (const method of ['enabled', 'registry', 'installed', 'enabler']) assert.equal(hookFrequencyOf({ kind: 'wrap', target: `sdk:Client.prototype.${method}` }), 'per-call', method);
    // a factory named for the long-lived thing it makes is set-up; one making a per-call value is not
    for (const method of ['createClientPool', 'createRedisClient', 'createHttpAgent', 'createWinstonLogger', 'createCluster', 'createSentinel'])
      assert.equal(hookFrequencyOf({ kind: 'wrap', target: `lib:${method}` }), 'set-up', method);
    for (const method of ['createSpan', 'createHash', 'createReadStream', 'createRequest', 'createPoolKey'])
      assert.equal(hookFrequencyOf({ kind: 'wrap', target: `lib:${method}` }), 'per-call', method);
  });

  it("matches a module's own set-up methods by the definition's file or file pattern, running only a pattern that cannot backtrack for long", () => {
    assert.match(setUpReason('run', { name: 'mocha', file: 'lib/runner.js' }) ?? '', /of mocha/);
    assert.equal(setUpReason('run', { name: 'mocha', file: 'lib/runnable.js' }), undefined);
    assert.equal(setUpReason('run', { name: 'knex' }), undefined);
    assert.match(setUpReason('run', { name: 'mocha', filePattern: String.raw`lib/runner\.(?:c?js)$` }) ?? '', /of mocha/);
    // a pattern from the audited package that could backtrack for long is not run: no match, the hook stays per call
    for (const hostile of ['(a+)+$', 'lib/(.*)*runner', 'x{1,99999}', String.raw`(a)\1`, 'a?'.repeat(10)])
      assert.equal(setUpReason('run', { name: 'mocha', filePattern: hostile }), undefined, hostile);
  });

  it('measuredOverhead leaves out hooks without a span and set-up hooks; setUpOverhead keeps the latter', () => {
    assert.equal(measuredOverhead(readPerCall), 18_000);
    assert.equal(isNoSpan(noSpan), true);
    assert.equal(measuredOverhead(noSpan), null);
    const setUp = { ...readPerCall, hook: { id: 'wrap:mysql:createPool', kind: 'wrap' as const, target: 'mysql:createPool' } };
    assert.equal(measuredOverhead(setUp), null);
    assert.equal(setUpOverhead(setUp), 18_000);
    assert.equal(setUpOverhead(readPerCall), null);
  });
});
