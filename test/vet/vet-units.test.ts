// The pieces of vet without the CLI: input classification, the tar reader, the verdict, the budget
// with a stand-in bench, the npm environment.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { npmEnv, npmErrorSummary } from '../../src/vet/npm.js';
import { applyPolicy } from '../../src/policy/apply-policy.js';
import { renderVetMarkdown, renderVetTerminal } from '../../src/vet/render-vet.js';
import { unpack } from '../../src/vet/unpack.js';
import { extractTarGz } from '../../src/vet/untar.js';
import { classifyInput } from '../../src/vet/vet-input.js';
import { VetInputError } from '../../src/vet/vet-input-error.js';
import { vetPackage } from '../../src/vet/vet-package.js';
import { vetVerdict } from '../../src/vet/vet-verdict.js';
import type { Report } from '../../src/model/report.js';
import { fixtureReport } from '../diff/diff-fixtures.js';
import { CLEAN_DIR, FAKE_BENCH, pack, PER_CALL_DIR, REPO, tempDir } from './vet-helpers.js';

let dir: string;
let perCall: string;
before(async () => {
  dir = tempDir();
  perCall = await pack(PER_CALL_DIR, dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** one ustar header + data, for crafting hostile archives */
function tarEntry(name: string, body: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  const data = Buffer.alloc(Math.ceil(body.length / 512) * 512);
  data.write(body);
  return Buffer.concat([header, data]);
}

describe('classifyInput', () => {
  it('tells folders, tarballs and npm specs apart', () => {
    assert.deepEqual(classifyInput(CLEAN_DIR), { kind: 'folder', path: CLEAN_DIR });
    assert.equal(classifyInput(perCall).kind, 'tarball');
    assert.deepEqual(classifyInput('@opentelemetry/instrumentation-pg@0.50.0', dir), { kind: 'registry', spec: '@opentelemetry/instrumentation-pg@0.50.0' });
  });
  it('never sends a path-looking spec to the registry', () => {
    assert.throws(() => classifyInput('./nope', dir), (e: unknown) => e instanceof VetInputError && /not found/.test(e.message));
    assert.throws(() => classifyInput('nope.tgz', dir), VetInputError);
    assert.throws(() => classifyInput(path.join(REPO, 'package.json')), /not a package/);
  });
});

describe('tar reader (the fallback without system tar)', () => {
  it('extracts what npm pack wrote', () => {
    const out = path.join(dir, 'x');
    const files = extractTarGz(readFileSync(perCall), out);
    assert.ok(files.includes('package/package.json'));
    assert.ok(files.includes('package/build/src/utils.js'));
    assert.equal(JSON.parse(readFileSync(path.join(out, 'package/package.json'), 'utf8')).name, 'fixture-tsc-cjs');
  });
  it('refuses paths outside the folder, and what is not a tarball', () => {
    const hostile = gzipSync(Buffer.concat([tarEntry('package/../../evil.txt', 'x'), Buffer.alloc(1024)]));
    assert.throws(() => extractTarGz(hostile, path.join(dir, 'h')), /unsafe path/);
    assert.throws(() => extractTarGz(Buffer.from('plain'), path.join(dir, 'p')), /not a gzip file/);
    assert.throws(() => extractTarGz(gzipSync(Buffer.alloc(600, 1)), path.join(dir, 'q')), /not a tar archive/);
  });
  it('unpack() finds the package either way', async () => {
    const viaNode = await unpack(perCall, path.join(dir, 'n'), 'p', { systemTar: false });
    assert.deepEqual([viaNode.name, viaNode.version, viaNode.method], ['fixture-tsc-cjs', '1.4.0', 'node zlib + tar reader']);
    const viaTar = await unpack(perCall, path.join(dir, 't'), 'p');
    assert.equal(viaTar.dir, path.join(dir, 't', 'package'));
  });
});

describe('vetVerdict', () => {
  const report = fixtureReport();
  const deps = { source: 'npm' as const, detail: 'installed' };
  const noBench = { status: 'skipped' as const, detail: 'bench skipped (--no-bench)' };
  const clean: Report = { ...report, findings: report.findings.filter((f) => f.frequency !== 'per-call'), errors: [] };

  it('fail: per-call findings at or above failOn come first, warnings after', () => {
    const v = vetVerdict({ report, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: null } });
    assert.equal(v.verdict, 'fail');
    assert.deepEqual(v.reasons.map((r) => `${r.level} ${r.finding?.severity}`), ['fail high', 'fail high', 'fail high', 'warn low', 'warn low']);
  });
  it('pass when nothing per call is left; warn on what weakens the verdict', () => {
    assert.equal(vetVerdict({ report: clean, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: null } }).verdict, 'pass');
    const notInstalled = vetVerdict({ report: clean, bench: noBench, dependencies: { source: 'not-installed', detail: 'npm failed' }, policy: { failOn: 'high', budgetNs: null } });
    assert.deepEqual(notInstalled.reasons.map((r) => r.code), ['dependencies']);
    const unchecked = vetVerdict({ report: clean, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: 1000 } });
    assert.deepEqual([unchecked.verdict, unchecked.reasons[0]!.code], ['warn', 'budget-unchecked']);
    const noHooks = vetVerdict({ report: { ...clean, packages: clean.packages.map((p) => ({ ...p, hooks: [] })) }, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: null } });
    assert.deepEqual(noHooks.reasons.map((r) => r.code), ['no-hooks']);
  });
});

describe('vetPackage with a stand-in bench', () => {
  const options = { offline: true, cwd: REPO, bench: true, benchModule: FAKE_BENCH };
  it('--budget-ns fails a hook measured over it, and says where it could not check', async () => {
    const r = await vetPackage(CLEAN_DIR, { ...options, policy: { failOn: 'high', budgetNs: 1000 } });
    assert.equal(r.verdict, 'fail');
    assert.deepEqual(r.reasons.map((x) => `${x.level} ${x.code}`), ['fail budget', 'warn budget-unchecked']);
    assert.match(r.reasons[0]!.message, /some-lib:Client\.prototype\.query: 5,000 ns/);
    assert.equal(r.bench.status, 'measured');
    assert.match(renderVetMarkdown(r), /^### ❌ otel-audit vet: `fixture-tsc-cjs@1\.5\.0` — fail/);
  });
  it('within the budget it passes the measured hook; no bench module means "bench not available"', async () => {
    const within = await vetPackage(CLEAN_DIR, { ...options, policy: { failOn: 'high', budgetNs: 10_000 } });
    assert.deepEqual(within.reasons.map((x) => x.code), ['budget-unchecked']);
    const missing = await vetPackage(CLEAN_DIR, { ...options, benchModule: new URL('file:///nonexistent/bench.js'), policy: { failOn: 'high', budgetNs: null } });
    assert.equal(missing.bench.status, 'not-available');
    assert.match(missing.bench.detail, /^bench not available/);
    assert.equal(missing.verdict, 'pass');
  });
});

describe('vetPackage with the policy file\'s budget', () => {
  const options = { offline: true, cwd: REPO, benchModule: FAKE_BENCH };
  const config = { maxOverheadNsPerSpan: 20_000, packages: { 'fixture-tsc-cjs': { maxOverheadNsPerSpan: 1000 } } };
  const policy = { failOn: 'high' as const, budgetNs: null, source: 'otel-audit.config.json' };
  const withPolicy = {
    applyPolicy: (report: Report) => applyPolicy(report, config, '2025-01-01', 'otel-audit.config.json'),
    policyBudgetNs: (name: string) => config.packages[name as 'fixture-tsc-cjs']?.maxOverheadNsPerSpan ?? config.maxOverheadNsPerSpan,
  };

  it('fails a package over its budget, and names the budget in the verdict line', async () => {
    const r = await vetPackage(CLEAN_DIR, { ...options, ...withPolicy, bench: true, policy });
    assert.equal(r.verdict, 'fail');
    assert.equal(r.policy.policyBudgetNs, 1000, 'the package entry wins over the overall budget');
    assert.deepEqual(r.reasons.map((x) => `${x.level} ${x.code}`), ['fail budget']);
    assert.match(r.reasons[0]!.message, /exceeds the budget of .*packages\["fixture-tsc-cjs"\]\.maxOverheadNsPerSpan/);
    assert.match(renderVetTerminal(r).split('\n')[0]!, /budget 1,000 ns per span \(policy file\); policy otel-audit\.config\.json\)$/);
  });

  it('without a bench the budget is unchecked, and says so (regression: it was silently skipped)', async () => {
    const r = await vetPackage(CLEAN_DIR, { ...options, ...withPolicy, bench: false, policy });
    assert.equal(r.verdict, 'warn');
    assert.deepEqual(r.reasons.map((x) => `${x.level} ${x.code}`), ['warn budget-unchecked']);
    assert.equal(r.reasons[0]!.message, 'the budget of 1,000 ns per span of otel-audit.config.json not checked: bench skipped (--no-bench)');
    const none = await vetPackage(CLEAN_DIR, { ...options, bench: false, policy });
    assert.equal(none.policy.policyBudgetNs, undefined);
    assert.match(renderVetTerminal(none).split('\n')[0]!, /no overhead budget/);
  });
});

describe('npmErrorSummary', () => {
  it('keeps what npm says, without the notarget prefix and the generic hint', () => {
    const stderr = [
      'npm error code ETARGET',
      'npm error notarget No matching version found for @opentelemetry/instrumentation-dns@99.0.0.',
      'npm error notarget In most cases you or one of your dependencies are requesting a package version that doesn\'t exist.',
      'npm error A complete log of this run can be found in: /root/.npm/_logs/x.log',
    ].join('\n');
    assert.equal(npmErrorSummary({ code: 1, stdout: '', stderr }), 'ETARGET: No matching version found for @opentelemetry/instrumentation-dns@99.0.0.');
  });
});

describe('npmEnv', () => {
  it('drops the caller project npm exports (install must never land in the user project)', () => {
    const env = npmEnv({ PATH: '/bin', npm_config_local_prefix: '/work/project', npm_package_name: 'x', npm_config_cache: '/c' });
    assert.equal(env.npm_config_local_prefix, undefined);
    assert.equal(env.npm_package_name, undefined);
    assert.equal(env.npm_config_cache, '/c');
    assert.equal(env.npm_config_update_notifier, 'false');
  });
});

