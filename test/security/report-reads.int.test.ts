// Reports read only what they may (issue 15): a source map whose `sources` name a file outside the
// package (~/.npmrc, /proc/self/environ) must not put that file into the HTML page as "original
// TypeScript", and a crafted report handed to `diff --format html` must not make it read files outside
// its roots. The fake secrets must appear in no output.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseReport } from '../../src/model/parse-report.js';
import { attackLab, leakedSecrets, SECRETS, type Lab } from '../helpers/attack-lab.js';
import { runCli } from '../cli/run-cli.js';

const HOT = `const { InstrumentationBase } = require('@opentelemetry/instrumentation');
const fs = require('fs');
class I extends InstrumentationBase {
  init() { return []; }
  _patch(m) { this._wrap(m, 'query', (original) => function (...a) { fs.readFileSync('/etc/hostname'); return original.apply(this, a); }); }
}
module.exports = { I };
`;

/** Every generated line maps to line 1 of `source`: whatever line the finding is on, the excerpt would be that file's first line. */
function mapTo(source: string, lines: number): string {
  return JSON.stringify({ version: 3, file: 'index.js', sources: [source], names: [], mappings: ['AAAA', ...Array.from({ length: lines }, () => 'AAAA')].join(';') });
}

function mappedPackage(dir: string, name: string, source: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
  writeFileSync(path.join(dir, 'index.js'), `${HOT}//# sourceMappingURL=index.js.map\n`);
  writeFileSync(path.join(dir, 'index.js.map'), mapTo(source, 20));
}

describe('reports read only what they may', () => {
  let lab: Lab;
  let nm: string;
  before(async () => {
    lab = await attackLab();
    nm = path.join(lab.root, 'project', 'node_modules');
    mappedPackage(path.join(nm, 'map-npmrc'), 'map-npmrc', path.join(lab.home, '.npmrc'));
    mappedPackage(path.join(nm, 'map-environ'), 'map-environ', '/proc/self/environ');
    // a code file outside every root, holding a secret: only a crafted report could point at it
    writeFileSync(path.join(lab.outside, 'secret.js'), `module.exports = '${SECRETS.npmToken}';\n`);
  });
  after(() => lab.close());

  it('scan --format html: source maps naming files outside the package give no original location and no excerpt', async () => {
    const json = await runCli(['scan', nm, '--format', 'json', '-q'], { cwd: lab.root, env: lab.env });
    assert.equal(json.code, 0, json.stderr);
    const report = parseReport(json.stdout, 'stdout');
    assert.equal(report.findings.filter((f) => f.frequency === 'per-call').length, 2);
    assert.deepEqual(
      report.findings.map((f) => f.original ?? null),
      report.findings.map(() => null),
    );
    const html = await runCli(['scan', nm, '--format', 'html', '-q'], { cwd: lab.root, env: lab.env });
    assert.equal(html.code, 0, html.stderr);
    assert.deepEqual(leakedSecrets(lab, html.stdout + html.stderr), []);
  });

  it('diff --format html of a crafted report: no excerpt from outside its roots', async () => {
    const json = await runCli(['scan', nm, '--format', 'json', '-q'], { cwd: lab.root, env: lab.env });
    const head = parseReport(json.stdout, 'stdout');
    const outsideFile = path.relative(nm, path.join(lab.outside, 'secret.js'));
    const crafted = {
      ...head,
      findings: head.findings.map((f, i) => ({ ...f, file: i === 0 ? outsideFile : f.file, line: 1, original: { file: i === 0 ? path.join(lab.home, '.npmrc') : '/proc/self/environ', line: 1 } })),
    };
    const base = { ...head, findings: [], packages: [] };
    writeFileSync(path.join(lab.root, 'head.json'), JSON.stringify(crafted));
    writeFileSync(path.join(lab.root, 'base.json'), JSON.stringify(base));
    const r = await runCli(['diff', 'base.json', 'head.json', '--format', 'html', '-q', '--fail-on', 'none'], { cwd: lab.root, env: lab.env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(leakedSecrets(lab, r.stdout + r.stderr), []);
  });
});
