// The fidelity scenarios against their real targets: spans come from the instrumented call only, the
// unsampled call records none, and teardown leaves no patch and no open socket behind. No timings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { scenarioById, scenarios, scenariosFor } from '../../src/bench/scenarios/index.js';

const require = createRequire(import.meta.url);
const CALLS = 3;

/** spans recorded per instrumented call: http has a client and a server span */
const SPANS_PER_CALL: Record<string, number> = { http: 2, 'openai-otel': 1, 'openai-traceloop': 1 };

const isWrapped = (fn: unknown): boolean => typeof fn === 'function' && (fn as { __wrapped?: unknown }).__wrapped === true;
const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;

/** The functions each scenario's instrumentation wraps, read fresh from the loaded modules. */
function patchedMembers(id: string): unknown[] {
  if (id === 'http') {
    const http = require('node:http') as typeof import('node:http');
    return [http.request, http.get, http.Server.prototype.emit];
  }
  const { OpenAI } = require('openai') as typeof import('openai');
  return [OpenAI.Chat.Completions.prototype.create, OpenAI.Completions.prototype.create, OpenAI.Embeddings.prototype.create, OpenAI.Responses.prototype.create];
}

describe('scenario registry', () => {
  it('has unique ids, complete metadata, and finds scenarios by id and package', () => {
    const ids = scenarios.map((s) => s.id);
    assert.deepEqual([...new Set(ids)], ids);
    for (const s of scenarios) {
      assert.match(s.id, /^[a-z]+(-[a-z]+)*$/);
      for (const text of [s.instrumentationPackage, s.target, s.description]) assert.ok(text.length > 0);
      assert.equal(scenarioById(s.id), s);
      assert.ok(scenariosFor(s.instrumentationPackage).includes(s));
    }
    assert.deepEqual(ids.sort(), Object.keys(SPANS_PER_CALL).sort());
  });
});

for (const scenario of scenarios) {
  describe(`scenario ${scenario.id}`, () => {
    it('records spans for instrumented calls only, none for plain or unsampled ones, and tears down cleanly', async () => {
      const handlesBefore = tcpHandles();
      const run = await scenario.prepare();
      try {
        assert.ok(patchedMembers(scenario.id).some(isWrapped), 'the target is patched while prepared');
        for (let i = 0; i < CALLS; i++) await run.plain();
        assert.equal(run.spanCount(), 0, 'plain calls record no span');
        for (let i = 0; i < CALLS; i++) await run.instrumented();
        assert.equal(run.spanCount(), CALLS * SPANS_PER_CALL[scenario.id]!, 'spans per instrumented call');
        assert.equal(typeof run.unsampled, 'function');
        for (let i = 0; i < CALLS; i++) await run.unsampled!();
        assert.equal(run.spanCount(), CALLS * SPANS_PER_CALL[scenario.id]!, 'an AlwaysOff sampler records nothing');
        // back to sampled after unsampled: the provider switch goes both ways
        await run.instrumented();
        assert.equal(run.spanCount(), (CALLS + 1) * SPANS_PER_CALL[scenario.id]!);
      } finally {
        await run.teardown();
      }
      assert.ok(!patchedMembers(scenario.id).some(isWrapped), 'teardown unpatches the target');
      assert.equal(tcpHandles(), handlesBefore, 'no server or socket left open');
    });

    it('can be prepared again after teardown', async () => {
      const run = await scenario.prepare();
      try {
        await run.instrumented();
        await run.plain();
        assert.equal(run.spanCount(), SPANS_PER_CALL[scenario.id]);
      } finally {
        await run.teardown();
      }
    });
  });
}

describe('scenario options', () => {
  it('resolveFrom: a folder without the packages fails prepare with the package name', async () => {
    await assert.rejects(scenarioById('openai-otel')!.prepare({ resolveFrom: '/' }), /openai/);
  });
});
