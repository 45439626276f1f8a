// Memory bound of the analysis: syntax trees beyond a budget are dropped between packages (and, during
// a package, the trees it has not loaded) and parsed again when needed. Dropping must never change a result, and must really let the trees go.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAudits } from '../../audits/index.js';
import { Workspace } from '../../src/analysis/workspace.js';
import { renderJson } from '../../src/report/render-json.js';
import { scan } from '../../src/scan/scan.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = [`${root}test/fixtures/packages`, `${root}test/fixtures/monorepo/packages`];
const build = `${root}test/fixtures/packages/tsc-cjs/build/src/`;
const temp = tempDirs();

/** A tree of packages (name → file → text), each with a manifest whose main is index.js. */
function tree(packages: Record<string, Record<string, string>>): string {
  const dir = temp.make('otel-audit-held-');
  for (const [name, files] of Object.entries(packages)) {
    const pkgDir = path.join(dir, 'node_modules', name);
    fs.mkdirSync(pkgDir, { recursive: true });
    fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(pkgDir, file), text);
  }
  return path.join(dir, 'node_modules');
}

describe('trees held between packages', () => {
  it('a scan that keeps no tree from one package to the next gives the same report, byte for byte', async () => {
    const kept = await scan(corpus, { now: () => 0, heldSourceBytes: Number.MAX_SAFE_INTEGER });
    const dropped = await scan(corpus, { now: () => 0, heldSourceBytes: 0 });
    assert.ok(kept.findings.length > 0);
    assert.ok((kept.dependencyFiles?.length ?? 0) + kept.summary.parsedFiles > 5);
    assert.equal(renderJson(dropped), renderJson(kept));
  });

  it('a dependency class built in a file an earlier package loaded: the same findings whether that tree is still held or not', async () => {
    // a-dep is analysed first and loads all its files; b-instr's hook reaches Processor.process, whose
    // exporter is the constructor's parameter: the \`new Processor(…)\` sites are looked for in the files
    // of a-dep that b-instr's own analysis loaded, never in trees a-dep's analysis happened to leave
    const dir = tree({
      'a-dep': {
        'index.js': "module.exports = { ...require('./processor'), ...require('./create') };\n",
        'processor.js': 'class Processor {\n  constructor(exporter) { this._exporter = exporter; }\n  process() { return this._exporter.export(); }\n}\nmodule.exports = { Processor };\n',
        'create.js': "const { Processor } = require('./processor');\nclass SlowExporter { export() { return new Error('x').stack; } }\nexports.create = () => new Processor(new SlowExporter());\n",
      },
      'b-instr': {
        'index.js': `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
const { Processor } = require('a-dep/processor');
class I extends InstrumentationBase {
  init() {
    return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => {
      this._wrap(m, 'run', (orig) => function () { Processor.prototype.process.call(this); return orig.apply(this, arguments); });
      return m;
    });
  }
}
module.exports = { I };
`,
      },
    });
    const kept = await scan([dir], { now: () => 0, heldSourceBytes: Number.MAX_SAFE_INTEGER });
    const dropped = await scan([dir], { now: () => 0, heldSourceBytes: 0 });
    assert.deepEqual(
      kept.packages.map((p) => p.hooks.map((h) => h.id)),
      [[], ['wrap:x:run']],
    );
    assert.equal(renderJson(dropped), renderJson(kept));
  });

  it('drops the least recently used trees down to the budget; a file loaded again is parsed again, and counted once', async () => {
    const ws = new Workspace(await loadAudits(), 4 * 1024 * 1024);
    const a = ws.load(`${build}utils.js`)!;
    const b = ws.load(`${build}version.js`)!;
    const c = ws.load(`${build}index.js`)!;
    assert.ok(a && b && c);
    ws.load(`${build}utils.js`); // used again: now the most recent
    // a budget of exactly the most recent file's size keeps that one only
    assert.equal(ws.dropTrees(a.bytes), 2);
    assert.equal(ws.load(`${build}utils.js`), a, 'kept');
    const again = ws.load(`${build}version.js`)!;
    assert.notEqual(again, b, 'parsed again');
    assert.equal(again.sf.text, b.sf.text);
    assert.equal(ws.dropTrees(Number.MAX_SAFE_INTEGER), 0);
    assert.deepEqual(ws.parsedFiles.map((f) => f.path).sort(), [`${build}index.js`, `${build}utils.js`, `${build}version.js`]);
  });

  it('during a package, the trees it has not loaded go as soon as the budget is passed, and its own stay', async () => {
    const ws = new Workspace(await loadAudits(), 4 * 1024 * 1024);
    ws.beginPackage(); // an earlier package, no budget: both trees held
    const a = ws.load(`${build}utils.js`)!;
    const b = ws.load(`${build}version.js`)!;
    assert.ok(a && b);
    ws.beginPackage(1); // the next one, with a budget every file is over
    const c = ws.load(`${build}index.js`)!;
    assert.ok(c);
    // the earlier package's trees went when c passed the budget; c, this package's own, stays over it
    assert.equal(ws.dropTrees(Number.MAX_SAFE_INTEGER), 0);
    assert.equal(ws.load(`${build}index.js`), c, 'the package’s own tree is kept');
    const again = ws.load(`${build}utils.js`)!;
    assert.notEqual(again, a, 'a tree of the earlier package is parsed again');
    assert.equal(ws.load(`${build}index.js`), c, 'and loading it dropped nothing this package loaded');
    assert.deepEqual(
      ws.packageUnits(c.pkgDir).map((u) => u.path),
      [`${build}index.js`, `${build}utils.js`],
    );
    // between packages the budget applies to every tree, the package's own too, least recently used first
    assert.equal(ws.dropTrees(c.bytes), 1);
    assert.equal(ws.load(`${build}index.js`), c);
    assert.notEqual(ws.load(`${build}utils.js`), again);
  });
});
