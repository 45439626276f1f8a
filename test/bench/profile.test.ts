// CPU profiles of a hook-like function: the slow helper must show up in the self-time table and as a
// node of the call graph; the derived views are pure and deterministic. No timing assertions.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseProfile, profileCalls, renderTop, safeFileName, writeProfile } from '../../src/profile/profile.js';

const manifest = fileURLToPath(new URL('../../../package-lock.json', import.meta.url));

// the known slow helper: a per-call manifest read, the bug class otel-audit exists for
function readManifestPerCall(): number {
  return Object.keys(JSON.parse(readFileSync(manifest, 'utf8')) as object).length;
}

function patchedHook(): number {
  let n = 0;
  for (let i = 0; i < 3; i++) n += readManifestPerCall();
  return n;
}

describe('profileCalls', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-profile-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the slow helper in the top table and the call graph', async () => {
    const result = await profileCalls(patchedHook, { durationMs: 300, topN: 30 });
    assert.ok(result.calls > 0);
    assert.ok(result.cpuprofile.nodes.length > 1, 'profile has nodes');
    assert.ok((result.cpuprofile.samples ?? []).length > 0, 'profile has samples');
    assert.equal(result.samples, result.cpuprofile.samples!.length);
    const helper = result.top.find((t) => t.function === 'readManifestPerCall');
    assert.ok(helper, `helper in top: ${result.top.map((t) => t.function).join(', ')}`);
    assert.match(helper.url, /profile\.test\.js$/);
    assert.ok(helper.line > 0 && helper.selfPct > 0 && helper.totalPct >= helper.selfPct);
    assert.match(result.dot, /^digraph profile \{/);
    assert.match(result.dot, /label="readManifestPerCall\\n[^"]*profile\.test\.js:\d+\\n/);
    assert.match(result.dot, /label="patchedHook\\n/);
    assert.match(result.dot, / -> /);
  });

  it('awaits async runs and stops after the given iterations', async () => {
    let calls = 0;
    const result = await profileCalls(
      async () => {
        calls++;
        await new Promise((r) => setImmediate(r));
      },
      { iterations: 5 },
    );
    assert.equal(calls, 5);
    assert.equal(result.calls, 5);
  });

  it('stops the profiler and rethrows when the run throws', async () => {
    await assert.rejects(
      profileCalls(
        () => {
          throw new Error('hook failed');
        },
        { iterations: 3 },
      ),
      /hook failed/,
    );
    // a second profile works: the first one was stopped
    const again = await profileCalls(() => readManifestPerCall(), { iterations: 2 });
    assert.equal(again.calls, 2);
  });

  it('writes .cpuprofile, .top.txt and .dot under a safe file name', async () => {
    const result = await profileCalls(patchedHook, { iterations: 20 });
    const files = await writeProfile(path.join(dir, 'nested'), 'pg:Client.prototype.query /x*', result);
    assert.deepEqual(readdirSync(path.join(dir, 'nested')).sort(), ['pg_Client.prototype.query_x_.cpuprofile', 'pg_Client.prototype.query_x_.dot', 'pg_Client.prototype.query_x_.top.txt']);
    const saved = JSON.parse(readFileSync(files.cpuprofile, 'utf8')) as Profiler.Profile;
    assert.ok(Array.isArray(saved.nodes) && Array.isArray(saved.samples) && typeof saved.startTime === 'number');
    assert.match(readFileSync(files.top, 'utf8'), /^# 20 calls, \d+ samples/);
    assert.equal(readFileSync(files.dot, 'utf8'), result.dot);
    assert.ok(existsSync(files.dot));
  });
});

describe('analyseProfile (pure)', () => {
  // (root) → main → helper, and (root) → (garbage collector)
  const frame = (functionName: string, lineNumber: number): Profiler.ProfileNode['callFrame'] => ({ functionName, scriptId: '1', url: 'file:///app/hook.js', lineNumber, columnNumber: 0 });
  const profile: Profiler.Profile = {
    nodes: [
      { id: 1, callFrame: { ...frame('(root)', -1), url: '' }, children: [2, 4] },
      { id: 2, callFrame: frame('main', 0), children: [3] },
      { id: 3, callFrame: frame('helper', 9) },
      { id: 4, callFrame: { ...frame('(garbage collector)', -1), url: '' } },
    ],
    startTime: 0,
    endTime: 800,
    samples: [3, 3, 2, 3, 4, 3, 2, 3],
    timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100],
  };

  it('computes self and total shares and ranks by self time', () => {
    const { top } = analyseProfile(profile);
    assert.deepEqual(
      top.map((t) => [t.function, t.line, t.selfPct, t.totalPct, t.selfSamples]),
      [
        ['helper', 10, 62.5, 62.5, 5],
        ['main', 1, 25, 87.5, 2],
        ['(garbage collector)', 0, 12.5, 12.5, 1],
      ],
    );
    assert.equal(analyseProfile(profile, { topN: 1 }).top.length, 1);
  });

  it('draws nodes with total and self %, and edges with samples and estimated calls', () => {
    const { dot } = analyseProfile(profile);
    // helper entered at samples 0, 3 and 5 (a GC sample interrupts a call, it does not end it): 3 calls
    assert.match(dot, /n0 \[[^\]]*label="main\\n\/app\/hook\.js:1\\n87\.50%\\n\(25\.00%\)\\n1×"\]/);
    assert.match(dot, /n1 \[[^\]]*label="helper\\n\/app\/hook\.js:10\\n62\.50%\\n\(62\.50%\)\\n3×"\]/);
    assert.match(dot, /n0 -> n1 \[[^\]]*label="62\.50%\\n3×"/);
    assert.doesNotMatch(dot, /\(root\)/);
  });

  it('prunes nodes under the threshold and is deterministic', () => {
    assert.doesNotMatch(analyseProfile(profile, { nodeThresholdPct: 20 }).dot, /garbage collector/);
    assert.equal(analyseProfile(profile).dot, analyseProfile(structuredClone(profile)).dot);
  });

  it('renders the top table', () => {
    const text = renderTop({ ...analyseProfile(profile), calls: 4, samples: 8, durationMs: 1 });
    assert.match(text, /^# 4 calls, 8 samples in 1 ms\n/);
    assert.match(text, /62\.50\s+62\.50\s+5\s+helper\s+\/app\/hook\.js:10/);
  });
});

describe('safeFileName', () => {
  it('keeps names portable and non-empty', () => {
    assert.equal(safeFileName('@opentelemetry/instrumentation-http:http.request'), '_opentelemetry_instrumentation-http_http.request');
    assert.equal(safeFileName('../../etc/passwd'), '__.._etc_passwd');
    assert.equal(safeFileName(''), 'profile');
    assert.ok(safeFileName('x'.repeat(500)).length <= 120);
  });
});
