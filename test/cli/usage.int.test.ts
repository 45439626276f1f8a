// CLI usage: help, version and every usage error, with their exit codes recorded in snapshots.
// None of these reach the scanner.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_IDS } from '../../audits/index.js';
import { runCli, type CliResult } from './run-cli.js';
import { matchCliSnapshot, toSnapshot } from './snapshot.js';

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// the registry's ids stand as one placeholder: a new rule changes no snapshot (the test below checks the list)
function snap(name: string, args: string[], r: CliResult): void {
  return matchCliSnapshot(
    name,
    toSnapshot(args, r, [
      [version, '<version>'],
      [RULE_IDS.join(', '), '<rule ids>'],
    ]),
  );
}

describe('otel-audit usage', () => {
  it('--help: exit 0, usage on stdout naming the scan command', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /scan <paths\.\.>/);
    snap('help', ['--help'], r);
  });

  it('scan --help documents every option and the exit codes', async () => {
    const r = await runCli(['scan', '--help']);
    assert.equal(r.code, 0);
    for (const opt of ['--format', '--output', '--all', '--fail-on', '--rules', '--quiet', '--color', '--help', '--version']) {
      assert.ok(r.stdout.includes(opt), opt);
    }
    assert.match(r.stdout, /Exit codes/);
    snap('scan-help', ['scan', '--help'], r);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), version);
  });

  const usageErrors: Array<[string, string[], RegExp]> = [
    ['no-command', [], /command/],
    ['unknown-command', ['frobnicate'], /frobnicate/],
    ['unknown-option', ['scan', '.', '--bogus'], /bogus/],
    ['scan-without-paths', ['scan'], /argument/],
    ['bad-format', ['scan', '.', '--format', 'xml'], /format/],
    ['bad-fail-on', ['scan', '.', '--fail-on', 'critical'], /fail-on/],
    ['output-without-file', ['scan', '.', '--output'], /output/],
    ['unknown-rule', ['scan', '.', '--rules', 'sync-fs,no-such-rule'], /no-such-rule/],
  ];
  for (const [name, args, pattern] of usageErrors) {
    it(`usage error ${name}: exit 2, message on stderr, nothing on stdout`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, pattern);
      snap(`usage-${name}`, args, r);
    });
  }

  it('an unknown rule id lists every valid id', async () => {
    const r = await runCli(['scan', '.', '--rules', 'no-such-rule']);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`valid ids: ${RULE_IDS.join(', ')}`), r.stderr);
  });

  it('a missing path: exit 2, named on stderr, nothing scanned', async () => {
    const args = ['scan', 'no/such/path', 'neither/this'];
    const r = await runCli(args);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.includes('no/such/path') && r.stderr.includes('neither/this'));
    snap('missing-paths', args, r);
  });

  for (const args of [
    ['scan', '.', '--format', 'json', '--format', 'terminal'],
    ['scan', '.', '--fail-on', 'low', '--fail-on', 'none'],
    ['diff', 'a.json', 'b.json', '--format', 'json', '--format', 'markdown'],
    ['vet', 'x', '--output', 'a', '--output', 'b'],
  ]) {
    const option = args[args.length - 2]!;
    it(`a single-value option given twice is a usage error naming it: ${args.join(' ')}`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes(`${option} given more than once`), r.stderr);
      assert.ok(!r.stderr.includes('internal error'), r.stderr);
    });
  }

  it('`--` ends the options: a package folder named like an option is scanned', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-dashdash-'));
    try {
      cpSync(fileURLToPath(new URL('../../../test/fixtures/packages/tsc-cjs', import.meta.url)), path.join(dir, '--format'), { recursive: true });
      const r = await runCli(['scan', '-q', '--fail-on', 'high', '--', '--format'], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /version-lookup/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
