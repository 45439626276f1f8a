// `otel-audit vet` as a user runs it, on packed fixtures and --offline (never the network): the
// per-call fixture fails with its finding on top, its clean twin passes, bad input exits 2.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VetResult } from '../../src/vet/vet-model.js';
import { runCli } from '../cli/run-cli.js';
import { runCommand } from '../../src/vet/run-command.js';
import { CLEAN_DIR, pack, PER_CALL_DIR, REPO, tempDir } from './vet-helpers.js';

let dir: string;
let perCall: string;
let clean: string;
const OFFLINE = ['--offline', '--no-bench'];
const vet = (...args: string[]) => runCli(['vet', ...args], { cwd: REPO });

before(async () => {
  dir = tempDir();
  [perCall, clean] = await Promise.all([pack(PER_CALL_DIR, dir), pack(CLEAN_DIR, dir)]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('otel-audit vet', () => {
  it('fails the packed per-call fixture, with the finding on top (exit 1)', async () => {
    const r = await vet(perCall, ...OFFLINE);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /^FAIL {2}fixture-tsc-cjs@1\.4\.0/);
    assert.match(lines[1]!, /✗ high version-lookup: require\.resolve .*\(build\/src\/utils\.js:22\)/);
  });

  it('json: the reasons carry the findings; says how dependencies were resolved', async () => {
    const r = await vet(perCall, ...OFFLINE, '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    const result = JSON.parse(r.stdout) as VetResult;
    assert.equal(result.verdict, 'fail');
    const first = result.reasons[0]!;
    assert.deepEqual([first.level, first.code, first.finding?.ruleId, first.finding?.file, first.finding?.line], ['fail', 'finding', 'version-lookup', 'build/src/utils.js', 22]);
    assert.deepEqual(
      result.reasons.filter((x) => x.level === 'fail').map((x) => x.finding?.ruleId),
      ['version-lookup', 'version-lookup', 'child-process'],
    );
    assert.ok(['npm-offline', 'npm-offline+project', 'project'].includes(result.dependencies.source), result.dependencies.detail);
    assert.equal(result.bench.status, 'skipped');
    assert.equal(result.report.root, 'fixture-tsc-cjs@1.4.0');
  });

  it('passes the clean twin (exit 0), as a tarball and as a folder', async () => {
    const r = await vet(clean, ...OFFLINE, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as VetResult;
    assert.equal(result.verdict, 'pass');
    assert.deepEqual(result.reasons, []);
    const folder = await vet(CLEAN_DIR, ...OFFLINE);
    assert.equal(folder.code, 0, folder.stderr);
    assert.match(folder.stdout, /^PASS {2}fixture-tsc-cjs@1\.5\.0/);
  });

  it('--fail-on none turns the per-call fixture into a warning (exit 0)', async () => {
    const r = await vet(perCall, ...OFFLINE, '--fail-on', 'none');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^WARN/);
  });

  it('applies the policy file: suppressed findings no longer fail', async () => {
    const config = path.join(dir, 'policy.json');
    const reason = 'fixed upstream in 1.5.0, bump scheduled';
    writeFileSync(
      config,
      JSON.stringify({
        suppressions: [
          { package: 'fixture-tsc-cjs', rule: 'version-lookup', reason },
          { package: 'fixture-tsc-cjs', rule: 'child-process', reason },
        ],
      }),
    );
    const r = await vet(perCall, ...OFFLINE, '--config', config, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as VetResult;
    assert.equal(result.verdict, 'warn');
    assert.equal(result.policy.source, config);
    assert.deepEqual(
      result.reasons.map((x) => x.finding?.ruleId),
      ['regex-compile', 'os-query'],
    );
  });

  it('--against: the clean version against the per-call one shows the fixes (exit 0), the reverse fails', async () => {
    const r = await vet(clean, '--against', perCall, ...OFFLINE, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as VetResult;
    assert.equal(result.against?.verdict, 'fail');
    assert.equal(result.against?.diff.summary.newPerCall, 0, 'moved to set-up: new once/init findings, none per call');
    assert.equal(result.against?.diff.summary.fixedPerCall, 5, 'the per-call ones as counted: its error-path-only finding is not');
    assert.deepEqual(result.against?.diff.packages, [{ name: 'fixture-tsc-cjs', base: '1.4.0', head: '1.5.0' }]);
    const reverse = await vet(perCall, '--against', clean, ...OFFLINE);
    assert.equal(reverse.code, 1);
    assert.match(reverse.stdout, /✗ 3 per-call findings at or above high not in /);
  });

  it('dependencies are followed, not vetted as packages of their own (installed outside the scanned folder)', async () => {
    // regression: npm installed them into the package's node_modules, which the scan walks, so online
    // a vet scanned (and benched, and judged) every dependency as a package; offline it did not
    const helper = path.join(dir, 'dep-helper');
    mkdirSync(helper);
    writeFileSync(path.join(helper, 'package.json'), JSON.stringify({ name: 'otel-audit-vet-dep', version: '1.0.0', main: 'index.js' }));
    writeFileSync(
      path.join(helper, 'index.js'),
      "'use strict';\nconst fs = require('fs');\nexports.readVersion = function readVersion() {\n  return JSON.parse(fs.readFileSync(__dirname + '/package.json', 'utf8')).version;\n};\n",
    );
    // the project vet runs in has the dependency installed: --offline resolves it from there (a file:
    // spec would not be fetched any more: it names files on the user's machine, see dependency-spec.ts)
    const project = path.join(dir, 'dep-project');
    mkdirSync(path.join(project, 'node_modules'), { recursive: true });
    cpSync(helper, path.join(project, 'node_modules', 'otel-audit-vet-dep'), { recursive: true });
    const main = path.join(dir, 'dep-main');
    mkdirSync(main);
    writeFileSync(path.join(main, 'package.json'), JSON.stringify({ name: 'fixture-vet-with-dep', version: '1.0.0', main: 'index.js', dependencies: { 'otel-audit-vet-dep': '1.0.0' } }));
    writeFileSync(
      path.join(main, 'index.js'),
      [
        "'use strict';",
        "const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');",
        "const { readVersion } = require('otel-audit-vet-dep');",
        'class DepInstrumentation extends InstrumentationBase {',
        '  init() {',
        "    return new InstrumentationNodeModuleDefinition('some-lib', ['*'], (moduleExports) => {",
        "      this._wrap(moduleExports.Client.prototype, 'query', (original) => function patchedQuery(...args) {",
        "        const span = this.tracer.startSpan('query', { attributes: { 'lib.version': readVersion() } });",
        '        try { return original.apply(this, args); } finally { span.end(); }',
        '      });',
        '      return moduleExports;',
        '    });',
        '  }',
        '}',
        'exports.DepInstrumentation = DepInstrumentation;',
        '',
      ].join('\n'),
    );
    const r = await runCli(['vet', main, ...OFFLINE, '--format', 'json'], { cwd: project });
    assert.equal(r.code, 1, r.stderr);
    const result = JSON.parse(r.stdout) as VetResult;
    assert.equal(result.dependencies.source, 'project', result.dependencies.detail);
    assert.deepEqual(
      result.report.packages.map((p) => `${p.name}@${p.version}`),
      ['fixture-vet-with-dep@1.0.0'],
    );
    const f = result.reasons[0]?.finding;
    assert.deepEqual([f?.ruleId, f?.package, f?.reachedFrom, f?.file], ['version-lookup', 'otel-audit-vet-dep@1.0.0', 'fixture-vet-with-dep@1.0.0', 'node_modules/otel-audit-vet-dep/index.js']);
    assert.ok(result.report.dependencyFiles.includes('node_modules/otel-audit-vet-dep/index.js'), result.report.dependencyFiles.join(', '));
  });

  it('exit 2 for a package that is not found', async () => {
    const missing = await vet('./no/such/package.tgz', ...OFFLINE);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no\/such\/package\.tgz: not found/);
    const registry = await vet('otel-audit-test-no-such-package-zz', ...OFFLINE);
    assert.equal(registry.code, 2);
    assert.match(registry.stderr, /otel-audit-test-no-such-package-zz: not found in npm's cache/);
    assert.equal(registry.stdout, '');
  });

  it('exit 2 for a tarball or folder that is not a package', async () => {
    const garbage = path.join(dir, 'garbage.tgz');
    writeFileSync(garbage, 'this is not gzip');
    const g = await vet(garbage, ...OFFLINE);
    assert.equal(g.code, 2);
    assert.match(g.stderr, /garbage\.tgz: not a package tarball/);

    const noManifest = path.join(dir, 'docs');
    mkdirSync(path.join(noManifest, 'package'), { recursive: true });
    writeFileSync(path.join(noManifest, 'package', 'README.md'), '# not a package\n');
    const tgz = path.join(dir, 'docs.tgz');
    const t = await runCommand('tar', ['-czf', tgz, '-C', noManifest, 'package'], { cwd: dir });
    assert.equal(t.code, 0, t.stderr);
    const n = await vet(tgz, ...OFFLINE);
    assert.equal(n.code, 2);
    assert.match(n.stderr, /docs\.tgz: not a package \(the tarball holds no package\.json\)/);

    const f = await vet(noManifest, ...OFFLINE);
    assert.equal(f.code, 2);
    assert.match(f.stderr, /not a package \(no readable package\.json\)/);
  });
});
