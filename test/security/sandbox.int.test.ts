// The sandbox against hostile instrumentations (issue 15): a package that tries to read secrets,
// write outside, start processes, connect to a listener, signal or kill otel-audit, and one that forges
// its figures. Each run must leave nothing behind (no file outside the temp folder, no connection, no
// process), carry no secret into any output, and exit as the check deserves.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseReport } from '../../src/model/parse-report.js';
import { osIsolation } from '../../src/sandbox/os-isolation.js';
import { attackLab, filesUnder, leakedSecrets, processesWith, type Lab } from '../helpers/attack-lab.js';
import { escapePackage, forgerPackage, hostileTarget } from '../helpers/hostile-packages.js';
import { runCli } from '../cli/run-cli.js';

const MARKER = `otel-audit-escaped-${process.pid}`;
// kill(-1) from a package that is NOT in a pid namespace would take this machine's processes down
const isolated = osIsolation().pidNamespace;

describe('sandbox: hostile instrumentations under bench', { skip: isolated ? false : 'no pid namespace here (unshare refused): the escape package must not run unconfined' }, () => {
  let lab: Lab;
  let nodeModules: string;
  before(async () => {
    lab = await attackLab();
    nodeModules = path.join(lab.root, 'project', 'node_modules');
    mkdirSync(nodeModules, { recursive: true });
    hostileTarget(nodeModules);
    escapePackage(lab, nodeModules, MARKER);
    forgerPackage(nodeModules);
  });
  after(async () => {
    for (const pid of processesWith(MARKER)) process.kill(pid, 'SIGKILL');
    await lab.close();
  });

  it('escape: nothing read, written, started or reached; otel-audit survives the kill and reports (exit 0)', async () => {
    const r = await runCli(['bench', path.join(nodeModules, 'hostile-escape'), '--format', 'json', '--time', '20', '--no-history', '-q'], { cwd: lab.root, env: lab.env, timeoutMs: 300_000 });
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r.stdout, 'stdout');
    // the package ran: its second wrapper's name carries what each attempt got
    const attempts = report.benchmarks!.map((b) => b.hook?.target ?? '').find((t) => t.includes('attempts:'));
    assert.ok(attempts, `the hostile package ran and was listed: ${JSON.stringify(report.benchmarks)}`);
    for (const denied of [
      'write!ERR_ACCESS_DENIED',
      'home-npmrc!ERR_ACCESS_DENIED',
      'environ!ERR_ACCESS_DENIED',
      'homedir-npmrc!ENOENT',
      'spawn!ERR_ACCESS_DENIED',
      'worker!ERR_ACCESS_DENIED',
      'env=none',
    ]) {
      assert.ok(attempts.includes(denied), `${denied} in ${attempts}`);
    }
    // its hook killed its own case, nothing else: that case failed, the run went on
    const query = report.benchmarks!.find((b) => b.hook?.target.endsWith('Client.prototype.query'));
    assert.equal(query?.status, 'failed');
    assert.match(query?.reason ?? '', /was killed by SIG/);
    assert.equal(report.benchSummary?.sandbox?.permissionModel, true);
    assert.equal(report.benchSummary?.sandbox?.network, true);
    assert.deepEqual(filesUnder(lab.outside), []);
    assert.deepEqual(lab.connections(), []);
    assert.deepEqual(processesWith(MARKER), []);
    assert.deepEqual(leakedSecrets(lab, r.stdout + r.stderr), []);
  });

  it('forger: figures rewritten to +0 ns are untrusted and never pass a 20 µs budget (exit 1)', async () => {
    const config = path.join(lab.root, 'budget.json');
    writeFileSync(config, JSON.stringify({ maxOverheadNsPerSpan: 20_000 }));
    const r = await runCli(['bench', path.join(nodeModules, 'hostile-forger'), '--config', config, '--format', 'json', '--time', '20', '--no-history', '-q'], {
      cwd: lab.root,
      env: lab.env,
      timeoutMs: 300_000,
    });
    assert.equal(r.code, 1, r.stderr);
    const report = parseReport(r.stdout, 'stdout');
    const query = report.benchmarks!.find((b) => b.hook?.target.endsWith('Client.prototype.query'));
    assert.equal(query?.status, 'measured');
    assert.ok(query?.untrusted, 'the forged entry is marked untrusted');
    // the forgery itself worked: without the cross-check, this is what the budget would have seen
    assert.ok((query?.overheadNsPerSpan ?? Infinity) < 20_000);
    assert.equal(report.policy?.overBudget.length, 1);
    assert.equal(report.policy?.overBudget[0]?.overheadNsPerSpan, null);
    assert.deepEqual(leakedSecrets(lab, r.stdout + r.stderr), []);
  });
});
