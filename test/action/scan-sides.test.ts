// The Action's install of one side, without npm: what reaches the clean folder, and what never does.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_INSTALL } from '../../src/action/action-inputs.js';
import { auditSide, installSide, type SideDeps } from '../../src/action/scan-sides.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-sides-'));
  dirs.push(d);
  return d;
};

function deps(seen: string[][]): SideDeps {
  return {
    exec: async (command, args, options) => {
      seen.push([command, ...args, readdirSync(options.cwd).sort().join(',')]);
      return { code: 0, stdout: '', stderr: '' };
    },
    audit: async (paths) => {
      seen.push(['audit', ...paths]);
      return { report: null, exitCode: 2, pathErrors: [] };
    },
    env: {},
    log: () => undefined,
  };
}

describe('installSide (default npm ci)', () => {
  it("copies package.json, the lockfile and the workspaces' manifests, nothing else", async () => {
    const checkout = temp();
    writeFileSync(path.join(checkout, 'package.json'), '{"name":"app","workspaces":["packages/*"]}');
    writeFileSync(path.join(checkout, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'packages/a': {}, 'node_modules/a': { link: true }, '../outside': {} } }));
    writeFileSync(path.join(checkout, '.npmrc'), 'git=./evil.sh\n');
    mkdirSync(path.join(checkout, 'packages/a'), { recursive: true });
    writeFileSync(path.join(checkout, 'packages/a/package.json'), '{"name":"a"}');
    writeFileSync(path.join(checkout, 'packages/a/.npmrc'), 'registry=http://127.0.0.1:9/\n');
    const seen: string[][] = [];
    const installed = await installSide(deps(seen), checkout, DEFAULT_INSTALL);
    try {
      assert.deepEqual(seen, [['npm', 'ci', '--prefix', installed.dir, '--ignore-scripts', '--no-audit', '--no-fund', 'package-lock.json,package.json,packages']]);
      assert.deepEqual(readdirSync(path.join(installed.dir, 'packages/a')), ['package.json']);
    } finally {
      installed.cleanup();
    }
    assert.equal(existsSync(installed.dir), false, 'removed');
  });

  it('refuses a lockfile that is a link out of the checkout (or a FIFO): nothing is installed', async () => {
    const checkout = temp();
    const elsewhere = path.join(temp(), 'secret.json');
    writeFileSync(elsewhere, '{"lockfileVersion":3}');
    writeFileSync(path.join(checkout, 'package.json'), '{"name":"app"}');
    symlinkSync(elsewhere, path.join(checkout, 'package-lock.json'));
    const seen: string[][] = [];
    await assert.rejects(installSide(deps(seen), checkout, DEFAULT_INSTALL), /no readable package\.json with package-lock\.json/);
    assert.deepEqual(seen, []);
  });
});

describe('auditSide', () => {
  it('audits node_modules/… where the clean install put it, never a node_modules the checkout carries', async () => {
    const checkout = temp();
    const clean = temp();
    mkdirSync(path.join(checkout, 'node_modules/@opentelemetry'), { recursive: true });
    mkdirSync(path.join(checkout, 'src'), { recursive: true });
    const seen: string[][] = [];
    const d = deps(seen);
    d.audit = async (paths) => {
      seen.push(['audit', ...paths]);
      return { report: { findings: [] } as never, exitCode: 0, pathErrors: [] };
    };
    // the clean install brought nothing: the committed node_modules is not audited in its place
    await auditSide(d, checkout, { dir: clean, cleanup: () => undefined }, ['node_modules/@opentelemetry', 'src'], { config: {}, source: null }, { cacheDir: '', bench: false });
    assert.deepEqual(seen, [['audit', path.join(checkout, 'src')]]);
  });
});
