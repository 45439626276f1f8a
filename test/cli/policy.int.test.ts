// The policy file through the CLI, and the bot formats: a bad policy is a usage error located in the
// file (exit 2), failOn comes from the file unless --fail-on is given, suppressions and ignores change
// the exit code and are counted in the summary line, and markdown / sarif come out of a real scan.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Log } from 'sarif';
import { makeTree, manifest, removeTree, runCli, SHIMMER_PER_CALL_READ, SHIMMER_READ_AT } from './run-cli.js';
import { parseReport } from '../../src/model/parse-report.js';

describe('scan with a policy file', () => {
  let tree = '';
  // the working directory of each run: holds the policy file, scans ./pkg
  const cwd = (name: string): string => path.join(tree, name);
  const scanIn = (name: string, args: string[] = []): ReturnType<typeof runCli> => runCli(['scan', 'pkg', ...args], { cwd: cwd(name) });
  const policy = async (name: string, config: unknown, file = 'otel-audit.config.json'): Promise<void> => {
    await writeFile(path.join(cwd(name), file), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  };

  before(async () => {
    const files: Record<string, string> = {};
    for (const name of ['bad', 'fail-on', 'suppress', 'expired', 'ignore', 'explicit', 'manifest', 'formats']) {
      files[`${name}/pkg/package.json`] = manifest('instr-shim');
      files[`${name}/pkg/index.js`] = SHIMMER_PER_CALL_READ;
    }
    tree = await makeTree(files);
  });
  after(() => removeTree(tree));

  it('a policy with a mistake: exit 2, the file, line and column on stderr, nothing scanned', async () => {
    await policy('bad', '{\n  "rules": {\n    "sync-fs": { "severity": "critical" }\n  }\n}\n');
    const r = await scanIn('bad');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n')[0], 'otel-audit: otel-audit.config.json:3:30: rules.sync-fs.severity must be one of high, medium, low, info');
  });

  it('failOn comes from the file; --fail-on on the command line overrides it', async () => {
    await policy('fail-on', { failOn: 'high' });
    assert.equal((await scanIn('fail-on')).code, 1);
    assert.equal((await scanIn('fail-on', ['--fail-on', 'none'])).code, 0);
  });

  it('a suppression keeps the finding in JSON, marked, stops it failing, and the terminal counts it', async () => {
    await policy('suppress', { failOn: 'high', suppressions: [{ rule: 'sync-fs', file: 'index.js', line: SHIMMER_READ_AT.line, reason: 'template cached by the OS' }] });
    const json = await scanIn('suppress', ['--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const f = parseReport(json.stdout, 'otel-audit output').findings.find((x) => x.ruleId === 'sync-fs' && x.frequency === 'per-call')!;
    assert.equal(f.suppressed, true);
    assert.equal(f.suppressionReason, 'template cached by the OS');
    const terminal = await scanIn('suppress');
    assert.match(terminal.stdout.trimEnd().split('\n').at(-1)!, / · 1 suppressed · /);
    // which suppression applied, and why
    assert.match(
      terminal.stdout,
      /\nSuppressed by the policy file \(1 finding\): 1 per-call, not counted for --fail-on; --all lists them\n {2}1 × "template cached by the OS" {2}sync-fs · 1 per-call · instr-shim@1\.0\.0\n/,
    );
  });

  it('an expired suppression no longer applies and says so', async () => {
    await policy('expired', { failOn: 'high', suppressions: [{ rule: 'sync-fs', reason: 'until the fix ships', until: '2020-01-01' }] });
    const r = await scanIn('expired', ['--format', 'json']);
    assert.equal(r.code, 1);
    const report = parseReport(r.stdout, 'otel-audit output');
    assert.deepEqual(report.errors, [], 'a policy notice is not an error of the run');
    assert.deepEqual([report.policy?.source, report.policy?.expiredSuppressions.map((e) => e.index)], ['otel-audit.config.json', [0]]);
    const terminal = await scanIn('expired');
    assert.match(
      terminal.stdout,
      /\nExpired suppressions \(1\): .*\n {2}! otel-audit\.config\.json {2}suppressions\[0\] \(rule sync-fs\) expired after 2020-01-01: 1 finding no longer suppressed \("until the fix ships"\)\n/,
    );
    assert.doesNotMatch(terminal.stdout, /Errors \(/, 'an expired suppression is not something skipped');
    assert.match(terminal.stdout.trimEnd().split('\n').at(-1)!, / · 1 expired suppression · /);
  });

  it('ignored findings are removed and counted', async () => {
    await policy('ignore', { failOn: 'high', ignore: [{ rule: 'sync-fs' }] });
    const r = await scanIn('ignore', ['--format', 'json']);
    assert.equal(r.code, 0);
    const report = parseReport(r.stdout, 'otel-audit output');
    assert.ok(!report.findings.some((f) => f.ruleId === 'sync-fs'));
    assert.equal(report.summary.ignored, 1);
    assert.match((await scanIn('ignore')).stdout, / · 1 ignored \(policy\)/);
  });

  it('--config FILE, and the "otel-audit" key of package.json', async () => {
    await policy('explicit', { failOn: 'high' }, 'strict.json');
    assert.equal((await scanIn('explicit')).code, 0, 'not found by default under another name');
    assert.equal((await scanIn('explicit', ['--config', 'strict.json'])).code, 1);
    const missing = await scanIn('explicit', ['--config', 'nope.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /policy file not found: nope\.json/);
    await policy('manifest', { name: 'app', 'otel-audit': { failOn: 'high' } }, 'package.json');
    assert.equal((await scanIn('manifest')).code, 1);
  });

  it('--format markdown leads with the verdict against the policy; --format sarif is relative to --sarif-root', async () => {
    await policy('formats', { failOn: 'high' });
    const md = await scanIn('formats', ['--format', 'markdown']);
    assert.equal(md.code, 1);
    assert.match(md.stdout, /^## ❌ otel-audit: fail\n/);
    assert.ok(md.stdout.includes('<details>') && md.stdout.includes('**`fs.readFileSync`**'));
    const sarif = await scanIn('formats', ['--format', 'sarif', '--fail-on', 'none']);
    assert.equal(sarif.code, 0);
    const log = JSON.parse(sarif.stdout) as Log;
    assert.deepEqual(
      log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri),
      ['pkg/index.js'],
    );
    const rooted = JSON.parse((await scanIn('formats', ['--format', 'sarif', '--sarif-root', 'pkg'])).stdout) as Log;
    assert.equal(rooted.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'index.js');
    assert.ok(
      rooted.runs[0]!.tool.driver.rules!.some((r) => r.id === 'sync-fs' && r.help !== undefined),
      'rules from the registry',
    );
  });
});
