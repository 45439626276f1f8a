// Ways a package could dodge `scan --fail-on` (issue 15): vanish behind "workspaces": [], hide its hot
// path in a file too deep to parse, or hang the scan with a FIFO or a link into /proc. Each package
// must be analysed or listed in errors, nothing may hang, and the run must fail as the check deserves
// (exit 1 under --fail-on, unless --allow-skipped for what could not be looked at).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseReport } from '../../src/model/parse-report.js';
import { runCli } from '../cli/run-cli.js';

/** An instrumentation whose hook reads a file on every call: a high per-call finding. */
const HOT = `const { InstrumentationBase } = require('@opentelemetry/instrumentation');
const fs = require('fs');
class I extends InstrumentationBase {
  init() { return []; }
  _patch(m) { this._wrap(m, 'query', (original) => function (...a) { fs.readFileSync('/etc/hostname'); return original.apply(this, a); }); }
}
module.exports = { I };
`;

function pkg(dir: string, name: string, files: Record<string, string>, manifest: Record<string, unknown> = {}): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', ...manifest }));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
}

const nested = (depth: number): string => {
  let s = '1';
  for (let i = 0; i < depth; i++) s = `f(${s})`;
  return `function f(x) { return x; }\nmodule.exports = ${s};\n`;
};

describe('no way around the check', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-evasion-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const scan = (target: string, ...flags: string[]) => runCli(['scan', target, '--format', 'json', '-q', ...flags], { cwd: root, timeoutMs: 60_000 });

  it('"workspaces": [] — the package is analysed, its per-call finding fails the run', async () => {
    const nm = path.join(root, 'ws', 'node_modules');
    pkg(path.join(nm, 'sneaky'), 'sneaky', { 'index.js': HOT }, { workspaces: [] });
    const r = await scan(nm, '--fail-on', 'high');
    assert.equal(r.code, 1, r.stderr);
    const report = parseReport(r.stdout, 'stdout');
    assert.deepEqual(
      report.packages.map((p) => p.name),
      ['sneaky'],
    );
    assert.ok(report.findings.some((f) => f.package === 'sneaky@1.0.0' && f.frequency === 'per-call' && f.severity === 'high'));
  });

  it('one expression nested 3,000 deep: that file is an unreadable-file error, the rest of the package is analysed', async () => {
    const nm = path.join(root, 'deep', 'node_modules');
    pkg(path.join(nm, 'deep'), 'deep', { 'index.js': `${HOT}require('./deep');\n`, 'deep.js': nested(3000) });
    const r = await scan(nm, '--fail-on', 'high');
    assert.equal(r.code, 1, r.stderr);
    const report = parseReport(r.stdout, 'stdout');
    assert.ok(
      report.findings.some((f) => f.package === 'deep@1.0.0' && f.severity === 'high'),
      'the findings of the other files survive',
    );
    assert.deepEqual(
      report.errors.map((e) => [e.kind, e.file]),
      [['unreadable-file', 'deep/deep.js']],
    );
  });

  it('a deep file alone still fails --fail-on (it could hide the hot path), unless --allow-skipped', async () => {
    const nm = path.join(root, 'deep-only', 'node_modules');
    pkg(path.join(nm, 'deep-only'), 'deep-only', { 'index.js': nested(3000) });
    assert.equal((await scan(nm, '--fail-on', 'high')).code, 1);
    assert.equal((await scan(nm, '--fail-on', 'high', '--allow-skipped')).code, 0);
    assert.equal((await scan(nm)).code, 0, 'without a threshold nothing fails');
  });

  it('vet: a package whose only code is too deep to analyse fails (exit 1), unless --allow-skipped (then a warning)', async () => {
    const dir = path.join(root, 'vet-deep');
    pkg(dir, 'vet-deep', { 'index.js': nested(3000) });
    const vet = (...flags: string[]) => runCli(['vet', dir, '--no-bench', '--offline', '--format', 'json', '-q', ...flags], { cwd: root, timeoutMs: 120_000 });
    const strict = await vet();
    assert.equal(strict.code, 1, strict.stderr);
    assert.deepEqual(
      (JSON.parse(strict.stdout) as { reasons: Array<{ level: string; code: string }> }).reasons.filter((x) => x.level === 'fail').map((x) => x.code),
      ['scan-error'],
    );
    const allowed = await vet('--allow-skipped');
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal((JSON.parse(allowed.stdout) as { verdict: string }).verdict, 'warn');
  });

  it('a FIFO named package.json or index.js does not hang: skipped and reported, exit 1 under --fail-on', { skip: process.platform === 'win32' ? 'no mkfifo' : false }, async () => {
    const nm = path.join(root, 'fifo', 'node_modules');
    mkdirSync(path.join(nm, 'fifo-manifest'), { recursive: true });
    execFileSync('mkfifo', [path.join(nm, 'fifo-manifest', 'package.json')]);
    pkg(path.join(nm, 'fifo-code'), 'fifo-code', {}, { main: 'index.js' });
    execFileSync('mkfifo', [path.join(nm, 'fifo-code', 'index.js')]);
    const r = await scan(nm, '--fail-on', 'high');
    assert.equal(r.code, 1, r.stderr);
    const report = parseReport(r.stdout, 'stdout');
    assert.deepEqual(report.errors.map((e) => e.kind).sort(), ['skipped-package', 'unreadable-file']);
    assert.equal((await scan(nm, '--fail-on', 'high', '--allow-skipped')).code, 0);
  });

  it('symlinks into /proc are not followed (no hang, nothing of the process read)', { skip: process.platform !== 'linux' ? 'no /proc' : false }, async () => {
    const nm = path.join(root, 'proc', 'node_modules');
    mkdirSync(nm, { recursive: true });
    symlinkSync('/proc', path.join(nm, 'proc-link'));
    // no entry point: every code file of the package is read, the link among them
    pkg(path.join(nm, 'environ'), 'environ', { 'lib.js': HOT }, { main: undefined });
    symlinkSync('/proc/self/environ', path.join(nm, 'environ', 'secret.js'));
    const r = await runCli(['scan', nm, '--format', 'json', '-q', '--fail-on', 'high'], { cwd: root, timeoutMs: 60_000, env: { FAKE_SECRET_TOKEN: 'proc-environ-secret-0005' } });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(!r.stdout.includes('proc-environ-secret-0005'));
    const report = parseReport(r.stdout, 'stdout');
    assert.deepEqual(report.errors.map((e) => [e.kind, e.file]).sort(), [
      ['unreadable-file', 'environ/secret.js'],
      ['unreadable-file', 'proc-link'],
    ]);
  });
});
