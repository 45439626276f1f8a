// Channel and event names are decided by their words: a channel published at set-up or per session is
// not a per-call hook; one that carries a per-operation word is, whatever set-up word it also has.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isPerOperationName, isSetUpChannelName, stagePairMethods } from '../../src/analysis/event-names.js';

describe('event names', () => {
  it('tell set-up and session channels from per-operation ones', () => {
    for (const name of ['test:session:start', 'app:config:update', 'module:load', 'apm:express:route:added', 'sdk:shutdown', 'exporter:flush', 'fastify.initialization']) {
      assert.equal(isSetUpChannelName(name), true, name);
    }
    for (const name of ['apm:pg:query:start', 'undici:request:create', 'tracing:span:tags:update', 'ci:log-submission:log', 'apm:http:client:request:finish']) {
      assert.equal(isSetUpChannelName(name), false, name);
    }
  });

  it('pair the two halves of a before/after hook interface, not stages of a whole run', () => {
    assert.deepEqual([...stagePairMethods(['getMetadata', 'beforeEvaluation', 'afterEvaluation', 'beforeQuery'])].sort(), ['afterEvaluation', 'beforeEvaluation']);
    for (const stage of ['Start', 'All', 'Shutdown', 'Init', 'Each', 'Exit']) assert.equal(stagePairMethods([`before${stage}`, `after${stage}`]).size, 0, stage);
    assert.equal(stagePairMethods(['before', 'after', 'beforeSend']).size, 0);
  });

  it('tell per-operation event names from lifecycle ones', () => {
    for (const name of ['spanEnd', 'beforeEnvelope', 'onRequest', 'preHandler', 'message', 'test end', 'suite', 'retry']) assert.equal(isPerOperationName(name), true, name);
    for (const name of ['onReady', 'onRoute', 'close', 'exit', 'requestError']) assert.equal(isPerOperationName(name), false, name);
  });
});
