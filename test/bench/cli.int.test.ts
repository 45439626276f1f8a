// `otel-audit bench` and `scan --bench` as a user runs them (the built CLI, spawned): exit codes, bad
// input, the JSON report, and the join of findings with what the bench measured. Never timings.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/run-cli.js';
import { parseReport } from '../../src/model/parse-report.js';

const FIXTURES = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'test/fixtures/bench');
const fixture = (name: string): string => path.join(FIXTURES, name);

describe('otel-audit bench', () => {
  it('--help documents every option and the exit codes', async () => {
    const r = await runCli(['bench', '--help']);
    assert.equal(r.code, 0);
    for (const opt of ['--format', '--output', '--time', '--hooks', '--profile', '--history', '--config', '--quiet']) assert.ok(r.stdout.includes(opt), opt);
    assert.match(r.stdout, /Exit codes/);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['no path', ['bench'], /argument/],
    ['a bad --time', ['bench', fixture('styles'), '--time', '0'], /--time/],
    ['a bad --format', ['bench', fixture('styles'), '--format', 'xml'], /format/],
    ['--hooks without a pattern', ['bench', fixture('styles'), '--hooks'], /hooks/],
  ];
  for (const [name, args, pattern] of usage) {
    it(`usage error, ${name}: exit 2, message on stderr, nothing on stdout`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, pattern);
    });
  }

  it('a missing path: exit 2, named on stderr, nothing benched', async () => {
    const r = await runCli(['bench', 'no/such/path']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no\/such\/path/);
  });

  it('runs: exit 0 and the JSON report, one entry per hook and per package outcome', async () => {
    const r = await runCli(['bench', fixture('styles'), fixture('no-instrumentation'), '--time', '20', '--hooks', '*:*querySync', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r.stdout, 'otel-audit output');
    assert.deepEqual(
      report.benchmarks!.map((b) => [b.package, b.hook?.target ?? null, b.status]),
      [
        ['bench-fixture-no-instrumentation@1.0.0', null, 'skipped'],
        ['bench-fixture-styles@1.0.0', 'not-installed-db:Client.prototype.querySync', 'measured'],
      ],
    );
    assert.equal(report.benchSummary?.measured, 1);
    assert.equal(typeof report.reference?.bareSpanNs, 'number');
  });

  it("remembers this machine's bare spans in the cache folder, and --no-history neither reads nor writes them", async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-cache-'));
    // --no-cache: a case served from the result cache is not measured, so it adds nothing to the history
    const args = ['bench', fixture('styles'), '--time', '5', '--hooks', '*:*querySync', '--format', 'json', '--no-cache'];
    const off = await runCli([...args, '--no-history'], { env: { OTEL_AUDIT_CACHE_DIR: cache } });
    assert.equal(off.code, 0, off.stderr);
    assert.deepEqual(Object.keys(parseReport(off.stdout, 'otel-audit output').reference!), ['bareSpanNs']);
    assert.equal(existsSync(path.join(cache, 'bench-bare-span.json')), false);
    const on = await runCli(args, { env: { OTEL_AUDIT_CACHE_DIR: cache } });
    assert.equal(on.code, 0, on.stderr);
    const stored = JSON.parse(readFileSync(path.join(cache, 'bench-bare-span.json'), 'utf8')) as { settings: Record<string, number[]> };
    assert.deepEqual(
      Object.values(stored.settings).map((v) => v.length),
      [1],
    );
  });

  it('some paths missing: the rest is benched and reported, exit 2', async () => {
    const r = await runCli(['bench', 'no/such/path', fixture('no-instrumentation'), '--time', '20', '--format', 'json']);
    assert.equal(r.code, 2);
    const report = parseReport(r.stdout, 'otel-audit output');
    assert.equal(report.errors[0]?.kind, 'missing-path');
    assert.equal(report.benchmarks?.[0]?.status, 'skipped');
  });

  it('the terminal view lists the package, the hook and the summary line', async () => {
    const r = await runCli(['bench', fixture('per-call-read'), '--time', '20']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /bench-fixture-per-call-read@1\.0\.0/);
    assert.match(r.stdout, /wrap fake-target:Client\.prototype\.query/);
    assert.match(r.stdout, /ops\/call .*fs\.readFileSync 1/);
    // every scanned hook accounted for, counted against the scan's hooks
    assert.match(r.stdout, /hooks 1, measured 1, skipped 0, failed 0, no span 0 \(100% of the scanned hooks measured\) · 1 bench entry: 1 measured, 0 skipped, 0 failed/);
    assert.match(r.stdout, /block coverage [\d.]+ s \(\+\d+% on the rest of the run\)/);
    assert.equal(r.stderr, '', 'no progress line when stderr is not a TTY');
  });
});

describe('otel-audit bench --profile', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'otel-audit-profile-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a .cpuprofile, a top table and a .dot per measured hook, names them in the report and embeds them in html', async () => {
    const r = await runCli(['bench', fixture('per-call-read'), '--time', '20', '--profile', 'profiles', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r.stdout, 'otel-audit output');
    const entry = report.benchmarks!.find((b) => b.status === 'measured')!;
    const files = entry.profile!;
    assert.ok(files.cpuprofile.startsWith('profiles/') && files.cpuprofile.endsWith('.cpuprofile'), files.cpuprofile);
    const profile = JSON.parse(await readFile(path.join(dir, files.cpuprofile), 'utf8')) as { nodes: Array<{ callFrame: { url: string } }> };
    // the hook's own code is in the profile: the fixture's index.js does the per-call read
    assert.ok(
      profile.nodes.some((n) => n.callFrame.url.includes('per-call-read')),
      'the fixture appears in the profile',
    );
    assert.match(await readFile(path.join(dir, files.dot), 'utf8'), /^digraph/);
    assert.match(await readFile(path.join(dir, files.top), 'utf8'), /self/i);

    const html = await runCli(['bench', fixture('per-call-read'), '--time', '20', '--profile', 'profiles', '--format', 'html', '--output', 'r.html'], { cwd: dir });
    assert.equal(html.code, 0, html.stderr);
    const page = await readFile(path.join(dir, 'r.html'), 'utf8');
    assert.match(page, /id="profiles"/);
    assert.ok(page.includes('bench-fixture-per-call-read@1.0.0 wrap:fake-target:Client.prototype.query'), 'the hook is labelled in the profiles section');
  });

  it('scan accepts --profile only with --bench', async () => {
    const r = await runCli(['scan', fixture('per-call-read'), '--profile', 'x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--profile .*--bench/);
  });
});

describe('otel-audit bench with a policy file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'otel-audit-bench-policy-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('an exceeded maxOverheadNsPerSpan fails the run (exit 1) and says which package and hook', async () => {
    // a per-call package.json read costs microseconds: 1 ns per span is exceeded on any machine
    await writeFile(path.join(dir, 'otel-audit.config.json'), '{ "maxOverheadNsPerSpan": 1 }\n');
    const r = await runCli(['bench', fixture('per-call-read'), '--time', '20'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /Over budget \(1 package\)/);
    assert.match(r.stdout, /bench-fixture-per-call-read@1\.0\.0 .*exceeds the budget of 1 ns/);
  });

  it('a broken policy file is a usage error before anything is benched (exit 2, file:line:column)', async () => {
    await writeFile(path.join(dir, 'broken.json'), '{ "maxOverheadNsPerSpan": "fast" }\n');
    const r = await runCli(['bench', fixture('per-call-read'), '--time', '20', '--config', 'broken.json'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /broken\.json:1:\d+: maxOverheadNsPerSpan must be a number/);
  });
});

describe('otel-audit scan --bench', () => {
  it('joins: the per-call finding gets the measured overhead of its hook and is confirmed', async () => {
    const r = await runCli(['scan', fixture('per-call-read'), '--bench', '--time', '20', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r.stdout, 'otel-audit output');
    const perCall = report.findings.filter((f) => f.frequency === 'per-call');
    assert.ok(perCall.length > 0, 'the static scan finds the per-call read');
    for (const f of perCall) {
      assert.equal(typeof f.measuredOverheadNsPerSpan, 'number', `${f.ruleId} ${f.operation}`);
      assert.equal(f.confirmed, true, `${f.ruleId} ${f.operation}`);
      // block coverage: the read's block ran once per call under the measured hook
      assert.equal(f.evidence, 'both', `${f.ruleId} ${f.operation}`);
      assert.equal(f.runtime?.perCall, 1);
      assert.equal(f.runtime?.hookRan, true);
    }
    assert.equal(report.benchSummary?.withScan, true);
    assert.equal(report.benchmarks?.length, 1);
  });

  it('keeps the scan exit-code policy: --fail-on high fails on the per-call read', async () => {
    const r = await runCli(['scan', fixture('per-call-read'), '--bench', '--time', '20', '--fail-on', 'high', '--quiet']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /bench .*\/span .*ran once per call under fake-target:Client\.prototype\.query/);
  });
});
