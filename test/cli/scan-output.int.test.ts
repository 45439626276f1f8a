// What a scan writes and how it exits: JSON validity, --output, --fail-on and the terminal view, on a
// temp package whose shimmer-style wrapper reads a file on every call.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CLI, makeTree, manifest, removeTree, runCli, SHIMMER_PER_CALL_READ, SHIMMER_READ_AT } from './run-cli.js';
import { matchCliSnapshot, toSnapshot } from './snapshot.js';
import { parseReport } from '../../src/model/parse-report.js';

describe('scan output and exit codes', () => {
  let tree = '';
  let pkg = '';
  before(async () => {
    tree = await makeTree({
      'instr-shim/package.json': manifest('instr-shim'),
      'instr-shim/index.js': SHIMMER_PER_CALL_READ,
      'instr-shim/template.html': '<html></html>\n',
    });
    pkg = path.join(tree, 'instr-shim');
  });
  after(() => removeTree(tree));

  it('--format json is valid JSON with schemaVersion 1 and every required key', async () => {
    const r = await runCli(['scan', pkg, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r.stdout, 'otel-audit output');
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tool.name, 'otel-audit');
    assert.equal(typeof report.tool.version, 'string');
    for (const key of ['root', 'roots', 'costTable', 'packages', 'findings', 'errors', 'summary']) assert.ok(key in report, key);
    for (const key of ['packages', 'files', 'bytes', 'hooks', 'findings', 'perCall', 'bySeverity', 'byFrequency', 'errors', 'durationMs']) {
      assert.ok(key in report.summary, `summary.${key}`);
    }
    assert.deepEqual(report.roots, [pkg]);
    assert.deepEqual(
      report.packages.map((p) => [p.name, p.version, p.dir]),
      [['instr-shim', '1.0.0', '.']],
    );
    assert.ok(r.stdout.endsWith('}\n'));
  });

  it('finds the per-call readFileSync under the wrap hook, with its call path', async () => {
    const report = parseReport((await runCli(['scan', pkg, '--format', 'json'])).stdout, 'otel-audit output');
    const perCall = report.findings.filter((f) => f.frequency === 'per-call');
    assert.deepEqual(
      perCall.map((f) => [f.ruleId, f.file, f.line, f.column]),
      [['sync-fs', 'index.js', SHIMMER_READ_AT.line, SHIMMER_READ_AT.column]],
    );
    const [f] = perCall;
    assert.equal(f!.hook?.kind, 'wrap');
    assert.ok(f!.hook?.target.includes('query'));
    assert.ok(f!.callPath.some((s) => s.function === 'patchedQuery'));
  });

  it('--output FILE writes the report there and nothing to stdout', async () => {
    const out = path.join(tree, 'report.json');
    const r = await runCli(['scan', pkg, '--format', 'json', '--output', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const report = parseReport(await readFile(out, 'utf8'), 'otel-audit output');
    assert.equal(report.schemaVersion, 1);
  });

  it('--output into a folder that does not exist: exit 2, said on stderr', async () => {
    const r = await runCli(['scan', pkg, '--output', path.join(tree, 'no', 'such', 'dir', 'r.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write/);
  });

  const failOn: Array<[string[], number]> = [
    [[], 0],
    [['--fail-on', 'none'], 0],
    [['--fail-on', 'high'], 1],
    [['--fail-on', 'info'], 1],
    [['--fail-on', 'info', '--rules', 'env-read'], 0],
  ];
  for (const [args, code] of failOn) {
    it(`exit ${code} with ${args.join(' ') || 'no --fail-on'}`, async () => {
      const r = await runCli(['scan', pkg, '--quiet', ...args]);
      assert.equal(r.code, code, r.stderr);
    });
  }

  it('terminal view (snapshot, with exit code): finding, hook, call path, summary', async () => {
    const args = ['scan', pkg, '--fail-on', 'high'];
    const r = await runCli(args);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.includes(`index.js:${SHIMMER_READ_AT.line}:${SHIMMER_READ_AT.column}`));
    assert.ok(r.stdout.includes('patchedQuery'));
    assert.equal(r.stderr, '', 'no progress when stderr is not a TTY');
    matchCliSnapshot(
      'scan-shimmer-terminal',
      toSnapshot(['scan', '<pkg>', '--fail-on', 'high'], r, [
        [tree, '<tmp>'],
        [/\d+\.\d\d s$/m, '<time> s'],
      ]),
    );
  });
});

describe('a reader that stops early (otel-audit scan … | head)', () => {
  let tree = '';
  before(async () => {
    // enough per-call findings for the report to overflow a pipe buffer many times over
    const reads = Array.from({ length: 1500 }, (_, i) => `      fs.readFileSync(__dirname + '/t${i}.html');`).join('\n');
    const code = SHIMMER_PER_CALL_READ.replace("      const tpl = fs.readFileSync(__dirname + '/template.html', 'utf8');", reads);
    tree = await makeTree({ 'package.json': manifest('instr-many'), 'index.js': code });
  });
  after(() => removeTree(tree));

  it('exits with its own exit code, no EPIPE crash', async () => {
    const child = spawn(process.execPath, [CLI, 'scan', tree], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Error/);
  });
});
