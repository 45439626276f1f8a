// The published package as a user gets it: `npm pack`, unpacked into a temporary project's
// node_modules (its dependencies linked from ours: no network), then imported by name — through
// import() and through require() — and type-checked by name. Proves the exports map, `main`/`types`,
// the `files` list and the front door (src/index.ts) together.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from 'tar';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = path.join(repo, 'test/fixtures/packages/tsc-cjs');

describe('the packed package, installed in another project', () => {
  let project = '';
  before(async () => {
    project = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-pack-'));
    // dist/ is built by `npm test`: pack it as it is, without running prepare again
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], { cwd: repo, encoding: 'utf8' });
    const [{ filename }] = JSON.parse(out) as [{ filename: string }];
    const modules = path.join(project, 'node_modules');
    const installed = path.join(modules, 'otel-audit');
    mkdirSync(installed, { recursive: true });
    await extract({ file: path.join(project, filename), cwd: installed, strip: 1 });
    for (const name of readdirSync(path.join(repo, 'node_modules'))) {
      if (name === 'otel-audit' || name.startsWith('.')) continue;
      symlinkSync(path.join(repo, 'node_modules', name), path.join(modules, name));
    }
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  const run = (code: string, type: 'module' | 'commonjs'): string => execFileSync(process.execPath, ['--no-warnings', `--input-type=${type}`, '-e', code], { cwd: project, encoding: 'utf8' });

  it('ships the library, the CLI and the schemas, and no maintainer scripts or tests', () => {
    const installed = path.join(project, 'node_modules/otel-audit');
    for (const f of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli.js', 'schema/report.json', 'schema/config.json']) assert.ok(existsSync(path.join(installed, f)), f);
    for (const f of ['dist/src/dev', 'dist/test', 'dist/audits/tests', 'test']) assert.ok(!existsSync(path.join(installed, f)), f);
    // of the sources, only the load demos (plain JavaScript apps that `otel-audit load --demo` runs)
    assert.deepEqual(readdirSync(path.join(installed, 'src')), ['load']);
    assert.deepEqual(readdirSync(path.join(installed, 'src/load')), ['demos']);
    assert.ok(existsSync(path.join(installed, 'src/load/demos/http/app.js')));
  });

  it("import('otel-audit') returns the library, whose scan() gives a report parseReport() accepts", () => {
    const out = run(
      `const m = await import('otel-audit');
       const report = await m.scan([${JSON.stringify(FIXTURE)}]);
       const parsed = m.parseReport(JSON.stringify(report), 'x');
       const { report: judged, exitCode } = await m.audit([${JSON.stringify(FIXTURE)}], { failOn: 'high', policy: null });
       console.log(JSON.stringify({ version: m.TOOL_VERSION, schemaVersion: parsed.schemaVersion, packages: report.summary.packages, perCall: report.summary.perCall, verdict: judged.policy.verdict, exitCode, rules: m.audits.length }));`,
      'module',
    );
    const got = JSON.parse(out) as Record<string, unknown>;
    assert.equal(got.schemaVersion, 1);
    assert.equal(got.packages, 1);
    assert.ok((got.perCall as number) > 0);
    assert.equal(got.verdict, 'fail');
    assert.equal(got.exitCode, 1);
    assert.ok((got.rules as number) > 0);
  });

  it("require('otel-audit') works too (Node's require of ES modules)", () => {
    const out = run(`const m = require('otel-audit'); m.scan([${JSON.stringify(FIXTURE)}]).then((r) => console.log(r.findings.length > 0 && typeof m.renderReport === 'function'));`, 'commonjs');
    assert.equal(out.trim(), 'true');
  });

  it('its types resolve by name: a typed consumer compiles', () => {
    writeFileSync(
      path.join(project, 'check.mts'),
      `import { audit, render, type Report, type Finding } from 'otel-audit';
const { report } = await audit(['x']);
const findings: Finding[] = report === null ? [] : report.findings;
const r: Report | null = report;
// @ts-expect-error: a format that does not exist
if (r) render(r, { format: 'pdf' });
export { findings };
`,
    );
    const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', 'check.mts'], {
      cwd: project,
      encoding: 'utf8',
    });
  });
});
