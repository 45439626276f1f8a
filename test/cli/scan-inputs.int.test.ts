// Bad inputs inside a scan are skipped and listed in `errors`, and the scan goes on (exit 0): a broken
// package.json, a file that does not parse, a file over the size limit, symlink loops. A missing path
// given on the command line is different: exit 2 (see README, "Exit codes").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Report, ReportError } from '../../src/model/report.js';
import { makeTree, manifest, removeTree, runCli } from './run-cli.js';
import { parseReport } from '../../src/model/parse-report.js';

const errorsOf = (r: Report, kind: string): ReportError[] => r.errors.filter((e) => e.kind === kind);

describe('scan: bad inputs are listed, not fatal', () => {
  let tree = '';
  before(async () => {
    tree = await makeTree({
      'good/package.json': manifest('good'),
      'good/index.js': `module.exports = function add(a, b) { return a + b; };\n`,
      'broken/package.json': '{ "name": "broken", ',
      'broken/index.js': 'module.exports = 2;\n',
      'pkg/package.json': manifest('pkg'),
      'pkg/index.js': `require('./does-not-parse.js');\nrequire('./huge.js');\nmodule.exports = {};\n`,
      'pkg/does-not-parse.js': 'function (( {\n  = = ;\n',
      // just over 4 MiB (the default limit): a minified bundle the scanner must refuse to parse
      'pkg/huge.js': 'var a = 0;\n'.repeat(Math.ceil((4 * 1024 * 1024 + 1024) / 11)),
    });
  });
  after(() => removeTree(tree));

  it('a broken package.json: the other packages are scanned, the error is listed, exit 0', async () => {
    const r = await runCli(['scan', tree, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r.stdout, 'otel-audit output');
    assert.ok(report.packages.some((p) => p.name === 'good'));
    const [err] = errorsOf(report, 'package-json');
    assert.ok(err, 'package-json error listed');
    assert.equal(err.file, 'broken/package.json');
  });

  it('a file that does not parse and a file over the size limit are listed with their kind', async () => {
    const r = await runCli(['scan', path.join(tree, 'pkg'), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r.stdout, 'otel-audit output');
    assert.deepEqual(
      errorsOf(report, 'parse').map((e) => e.file),
      ['does-not-parse.js'],
    );
    assert.deepEqual(
      errorsOf(report, 'too-large').map((e) => e.file),
      ['huge.js'],
    );
    assert.deepEqual(
      report.packages.map((p) => p.name),
      ['pkg'],
    );
    assert.equal(report.summary.errors, report.errors.length);
  });

  it('the terminal report lists every error too', async () => {
    const r = await runCli(['scan', tree]);
    assert.equal(r.code, 0, r.stderr);
    for (const needle of ['broken/package.json', 'does-not-parse.js', 'huge.js', 'package-json', 'parse', 'too-large']) {
      assert.ok(r.stdout.includes(needle), needle);
    }
  });
});

describe('scan: symlink loops', () => {
  let tree = '';
  before(async () => {
    tree = await makeTree({ 'node_modules/good/package.json': manifest('good'), 'node_modules/good/index.js': 'module.exports = 1;\n' });
    const nm = path.join(tree, 'node_modules');
    // a link that points at its own ancestor (a directory cycle) …
    await mkdir(path.join(nm, 'good', 'node_modules'), { recursive: true });
    await symlink('../..', path.join(nm, 'good', 'node_modules', 'cycle'));
    // … and two links pointing at each other (ELOOP on stat)
    await symlink('loop-b', path.join(nm, 'loop-a'));
    await symlink('loop-a', path.join(nm, 'loop-b'));
  });
  after(() => removeTree(tree));

  it('terminates, reports the package once and lists the loops', async () => {
    const r = await runCli(['scan', path.join(tree, 'node_modules'), '--format', 'json'], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r.stdout, 'otel-audit output');
    assert.equal(report.packages.filter((p) => p.name === 'good').length, 1);
    assert.ok(errorsOf(report, 'symlink-loop').length >= 1, JSON.stringify(report.errors));
  });
});

describe('scan: paths on the command line', () => {
  let tree = '';
  before(async () => {
    tree = await makeTree({ 'good/package.json': manifest('good'), 'good/index.js': 'module.exports = 1;\n' });
  });
  after(() => removeTree(tree));

  it('some paths missing: the others are scanned, the missing ones listed, exit 2', async () => {
    const missing = path.join(tree, 'not-here');
    const r = await runCli(['scan', path.join(tree, 'good'), missing, '--format', 'json']);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(missing));
    const report = parseReport(r.stdout, 'otel-audit output');
    assert.deepEqual(report.roots.length, 1, 'only readable paths are roots');
    assert.deepEqual(
      report.packages.map((p) => p.name),
      ['good'],
    );
    assert.deepEqual(
      report.errors.map((e) => [e.kind, e.package, e.file]),
      [['missing-path', null, missing]],
    );
  });

  it('several paths: roots in the order given, each package and finding indexes its root', async () => {
    const other = await makeTree({ 'package.json': manifest('other'), 'index.js': 'module.exports = 2;\n' });
    try {
      const r = await runCli(['scan', path.join(tree, 'good'), other, '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const report = parseReport(r.stdout, 'otel-audit output');
      assert.equal(report.roots.length, 2);
      assert.equal(report.root, report.roots[0]);
      const byName = Object.fromEntries(report.packages.map((p) => [p.name, p.root]));
      assert.deepEqual(byName, { good: 0, other: 1 });
    } finally {
      await removeTree(other);
    }
  });
});
