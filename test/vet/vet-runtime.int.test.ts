// vet with the bench on the packed twins of test/fixtures/runtime/: the same per-call read, once
// memoised by a guard function (the read in a helper it calls) and once not. The scan calls both per
// call; the bench's block coverage sees the memoised read never run under a hook that ran with its span
// (vet passes it, the finding shown as not seen at run time) and the other run once per call (vet
// fails it, evidence both). --offline: nothing is downloaded.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { VetResult } from '../../src/vet/vet-model.js';
import { runCli } from '../cli/run-cli.js';
import { pack, REPO, tempDir } from './vet-helpers.js';

const TWINS = path.join(REPO, 'test/fixtures/runtime');
let dir: string;
let memoised: string;
let unmemoised: string;
const vet = (...args: string[]) => runCli(['vet', ...args, '--offline'], { cwd: REPO });

before(async () => {
  dir = tempDir();
  [memoised, unmemoised] = await Promise.all([pack(path.join(TWINS, 'twin-memoised'), dir), pack(path.join(TWINS, 'twin-unmemoised'), dir)]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

// vet benches in the sandbox (it has no --unsafe-run): on Node 20, whose permission model refuses the
// inspector, the coverage child counts blocks through V8's own functions, so this runs there too
describe('vet with runtime evidence', () => {
  it('the memoised twin passes: per call by the call graph, not seen at run time, not counted', async () => {
    const r = await vet(memoised, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as VetResult;
    assert.equal(result.bench.status, 'measured', result.bench.detail);
    assert.equal(result.verdict, 'pass', JSON.stringify(result.reasons));
    const f = result.report.findings.find((x) => x.ruleId === 'version-lookup');
    assert.deepEqual([f?.frequency, f?.evidence, f?.runtime?.perCall, f?.runtime?.hookRan, f?.counted], ['per-call', 'static-not-seen', 0, true, false]);
    const text = await vet(memoised);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^PASS {2}fixture-runtime-twin@1\.1\.0/);
    assert.match(text.stdout, /version-lookup .*not seen at run time, not counted/);
  });

  it('the unmemoised twin fails: evidence both, one read per call', async () => {
    const r = await vet(unmemoised, '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    const result = JSON.parse(r.stdout) as VetResult;
    assert.equal(result.verdict, 'fail');
    const f = result.reasons[0]?.finding;
    assert.deepEqual([f?.ruleId, f?.evidence, f?.runtime?.perCall, f?.confirmed], ['version-lookup', 'both', 1, true]);
    const entry = result.report.benchmarks?.find((b) => b.status === 'measured');
    assert.equal(entry?.opsPerCall['fs.readFileSync'], 1);
  });
});
