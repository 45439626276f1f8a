// Memory bound of the analysis: syntax trees beyond a budget are dropped between packages and parsed
// again when needed. Dropping must never change a result, and must really let the trees go.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadAudits } from '../../audits/index.js';
import { Workspace } from '../../src/analysis/workspace.js';
import { renderJson } from '../../src/report/render-json.js';
import { scan } from '../../src/scan/scan.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = [`${root}test/fixtures/packages`, `${root}test/fixtures/monorepo/packages`];
const build = `${root}test/fixtures/packages/tsc-cjs/build/src/`;

describe('trees held between packages', () => {
  it('a scan that keeps no tree from one package to the next gives the same report, byte for byte', async () => {
    const kept = await scan(corpus, { now: () => 0, heldSourceBytes: Number.MAX_SAFE_INTEGER });
    const dropped = await scan(corpus, { now: () => 0, heldSourceBytes: 0 });
    assert.ok(kept.findings.length > 0);
    assert.ok((kept.dependencyFiles?.length ?? 0) + kept.summary.parsedFiles > 5);
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
});
