// vet's pieces that need npm: what npm pack writes unpacks, and vetPackage end to end (npm pack of a
// folder, npm install --offline) with a stand-in bench and the policy file's budget.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { renderVetMarkdown, renderVetTerminal } from '../../src/vet/render-vet.js';
import { unpack } from '../../src/vet/unpack.js';
import { vetPackage } from '../../src/vet/vet-package.js';
import { CLEAN_DIR, FAKE_BENCH, pack, PER_CALL_DIR, REPO, tempDir } from './vet-helpers.js';

let dir: string;
let perCall: string;
before(async () => {
  dir = tempDir();
  perCall = await pack(PER_CALL_DIR, dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('unpack', () => {
  it('unpacks what npm pack wrote and finds the package', () => {
    const r = unpack(perCall, path.join(dir, 'n'), 'p');
    assert.deepEqual([r.name, r.version, r.method, r.dir], ['fixture-tsc-cjs', '1.4.0', 'node-tar', path.join(dir, 'n', 'package')]);
  });
});

describe('vetPackage with a stand-in bench', () => {
  const options = { offline: true, cwd: REPO, bench: true, benchModule: FAKE_BENCH };
  it('--budget-ns fails a hook measured over it, and says where it could not check', async () => {
    const r = await vetPackage(CLEAN_DIR, { ...options, policy: { failOn: 'high', budgetNs: 1000 } });
    assert.equal(r.verdict, 'fail');
    assert.deepEqual(
      r.reasons.map((x) => `${x.level} ${x.code}`),
      ['fail budget', 'warn budget-unchecked'],
    );
    assert.match(r.reasons[0]!.message, /some-lib:Client\.prototype\.query: 5 µs/);
    assert.equal(r.bench.status, 'measured');
    assert.match(renderVetMarkdown(r), /^### ❌ otel-audit vet: `fixture-tsc-cjs@1\.5\.0` — fail/);
  });
  it('within the budget it passes the measured hook; no bench module means "bench not available"', async () => {
    const within = await vetPackage(CLEAN_DIR, { ...options, policy: { failOn: 'high', budgetNs: 10_000 } });
    assert.deepEqual(
      within.reasons.map((x) => x.code),
      ['budget-unchecked'],
    );
    const missing = await vetPackage(CLEAN_DIR, { ...options, benchModule: new URL('file:///nonexistent/bench.js'), policy: { failOn: 'high', budgetNs: null } });
    assert.equal(missing.bench.status, 'not-available');
    assert.match(missing.bench.detail, /^bench not available/);
    assert.equal(missing.verdict, 'pass');
  });
});

describe("vetPackage with the policy file's budget", () => {
  const options = { offline: true, cwd: REPO, benchModule: FAKE_BENCH };
  const config = { maxOverheadNsPerSpan: 20_000, packages: { 'fixture-tsc-cjs': { maxOverheadNsPerSpan: 1000 } } };
  const policy = { failOn: 'high' as const, budgetNs: null, source: 'otel-audit.config.json' };
  const withPolicy = {
    loadedPolicy: { config, source: 'otel-audit.config.json' },
    today: '2025-01-01',
    policyBudgetNs: (name: string) => config.packages[name as 'fixture-tsc-cjs']?.maxOverheadNsPerSpan ?? config.maxOverheadNsPerSpan,
  };

  it('fails a package over its budget, and names the budget in the verdict line', async () => {
    const r = await vetPackage(CLEAN_DIR, { ...options, ...withPolicy, bench: true, policy });
    assert.equal(r.verdict, 'fail');
    assert.equal(r.policy.policyBudgetNs, 1000, 'the package entry wins over the overall budget');
    assert.deepEqual(
      r.reasons.map((x) => `${x.level} ${x.code}`),
      ['fail budget'],
    );
    assert.match(r.reasons[0]!.message, /exceeds the budget of .*packages\["fixture-tsc-cjs"\]\.maxOverheadNsPerSpan/);
    assert.match(renderVetTerminal(r).split('\n')[0]!, /budget 1 µs per span \(policy file\); policy otel-audit\.config\.json\)$/);
  });

  it('without a bench the budget is unchecked, and says so (regression: it was silently skipped)', async () => {
    const r = await vetPackage(CLEAN_DIR, { ...options, ...withPolicy, bench: false, policy });
    assert.equal(r.verdict, 'warn');
    assert.deepEqual(
      r.reasons.map((x) => `${x.level} ${x.code}`),
      ['warn budget-unchecked'],
    );
    assert.equal(r.reasons[0]!.message, 'the budget of 1 µs per span of otel-audit.config.json not checked: bench skipped (--no-bench)');
    const none = await vetPackage(CLEAN_DIR, { ...options, bench: false, policy });
    assert.equal(none.policy.policyBudgetNs, undefined);
    assert.match(renderVetTerminal(none).split('\n')[0]!, /no overhead budget/);
  });
});
