// The scan's result cache: a hit gives the report a fresh analysis gives, byte for byte; each input a
// package's result depends on invalidates it when it changes (its own files, the dependency code its
// hooks reached, a resolution, the tool, the rules), and only it; a damaged entry is ignored and
// written again. Asserts hits, misses and reports, never timings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { clearResolveCache } from '../../src/discover/resolve-module.js';
import { renderJson } from '../../src/report/render-json.js';
import { scan } from '../../src/scan/scan.js';
import type { CacheStats } from '../../src/cache/cache-options.js';
import type { ScanOptions } from '../../src/scan/scan-options.js';
import { loadAudits } from '../../audits/index.js';
import { PackageAnalyser } from '../../src/scan/package-analyser.js';
import { planScan } from '../../src/scan/plan.js';
import { ScanCache } from '../../src/scan/scan-cache.js';
import { costTable } from '../../src/calibrate/cost-table.js';
import { addToTree, makeTree } from '../discover/make-tree.js';
import { appTree, instrPaths, listEntries } from './app-tree.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const FIXTURES = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'test/fixtures');

const temps = tempDirs();

const tempDir = (prefix: string): string => temps.make(prefix);

async function run(paths: string[], cacheDir: string | undefined, extra: Partial<ScanOptions> = {}): Promise<{ json: string; hits: number; misses: number; corrupt: number }> {
  clearResolveCache();
  let stats: CacheStats | undefined;
  const report = await scan(paths, { now: () => 0, ...extra, ...(cacheDir !== undefined ? { cache: { dir: cacheDir, ...extra.cache } } : {}), onCacheStats: (s) => (stats = s) });
  return { json: renderJson(report), hits: stats?.hits ?? 0, misses: stats?.misses ?? 0, corrupt: stats?.corrupt ?? 0 };
}

/** The findings of a JSON report, as far as these tests look at them. */
const findingsOf = (json: string): Array<{ reachedFrom?: string }> => (JSON.parse(json) as { findings: Array<{ reachedFrom?: string }> }).findings;
describe('scan result cache', () => {
  it('a hit gives the report of a cold run, byte for byte (fixture packages, monorepo, a source-mapped package)', async () => {
    const cache = tempDir('otel-audit-cache-');
    const paths = [path.join(FIXTURES, 'packages'), path.join(FIXTURES, 'monorepo/packages')];
    const uncached = await run(paths, undefined);
    const cold = await run(paths, cache);
    const warm = await run(paths, cache);
    assert.ok(cold.misses > 0);
    assert.equal(cold.hits, 0);
    assert.deepEqual([warm.hits, warm.misses], [cold.misses, 0]);
    assert.ok(findingsOf(cold.json).length > 0);
    assert.equal(cold.json, uncached.json);
    assert.equal(warm.json, cold.json);
  });

  it('serves a package from another place (the base checkout of a pull request) and another root', async () => {
    const cache = tempDir('otel-audit-cache-');
    const a = appTree();
    const b = appTree();
    temps.track(a);
    temps.track(b);
    const cold = await run(instrPaths(a), cache);
    const elsewhere = await run(instrPaths(b), cache);
    assert.deepEqual([elsewhere.hits, elsewhere.misses], [2, 0]);
    assert.equal(elsewhere.json, (await run(instrPaths(b), undefined)).json);
    assert.notEqual(elsewhere.json, cold.json); // the roots differ; the findings' paths are relative to them
    const wholeTree = await run([path.join(b, 'node_modules')], cache);
    assert.equal(wholeTree.json, (await run([path.join(b, 'node_modules')], undefined)).json);
  });

  it('a source map larger than the file limit is checked under its own limit: the warm run is a hit', async () => {
    const cache = tempDir('otel-audit-cache-');
    // the map is read up to 16 MB, the code up to --max-file-bytes: a map between the two used to miss on every run
    const map = JSON.stringify({ version: 3, sources: ['../src/index.ts'], names: [], mappings: 'AAAA;AACA', sourcesContent: ['x'.repeat(40_000)] });
    const root = makeTree({
      'pkg/package.json': JSON.stringify({ name: 'mapped', version: '1.0.0', main: 'dist/index.js' }),
      'pkg/dist/index.js': "const fs = require('fs');\nmodule.exports = fs.readFileSync('/etc/hostname');\n//# sourceMappingURL=index.js.map\n",
      'pkg/dist/index.js.map': map,
    });
    temps.track(root);
    const paths = [path.join(root, 'pkg')];
    const cold = await run(paths, cache, { maxFileBytes: 20_000 });
    const warm = await run(paths, cache, { maxFileBytes: 20_000 });
    assert.deepEqual([cold.hits, cold.misses, warm.hits, warm.misses], [0, 1, 1, 0]);
    assert.equal(warm.json, cold.json);
    assert.match(cold.json, /src\/index\.ts/);
  });

  it('a changed file in a package invalidates that package only', async () => {
    const cache = tempDir('otel-audit-cache-');
    const root = appTree();
    temps.track(root);
    await run(instrPaths(root), cache);
    addToTree(root, { 'node_modules/instr-b/index.js': fs.readFileSync(path.join(root, 'node_modules/instr-b/index.js'), 'utf8').replace('helper();', 'helper(); require("fs").statSync("/x");') });
    const after = await run(instrPaths(root), cache);
    assert.deepEqual([after.hits, after.misses], [1, 1]);
    assert.equal(after.json, (await run(instrPaths(root), undefined)).json);
    assert.match(after.json, /statSync/);
  });

  it('a change in the dependency code a hook reached invalidates the package whose hook reached it', async () => {
    const cache = tempDir('otel-audit-cache-');
    const root = appTree();
    temps.track(root);
    const cold = await run(instrPaths(root), cache);
    assert.equal(findingsOf(cold.json).filter((f) => f.reachedFrom !== undefined).length, 2);
    addToTree(root, { 'node_modules/dep-d/lib/index.js': `exports.helper = function helper() { return 1; };\n` });
    const after = await run(instrPaths(root), cache);
    assert.deepEqual([after.hits, after.misses], [1, 1]);
    assert.equal(after.json, (await run(instrPaths(root), undefined)).json);
    assert.equal(findingsOf(after.json).filter((f) => f.reachedFrom === 'instr-a@1.0.0').length, 0);
  });

  it('a new tool version, another rule set, size limit or set of set-up methods invalidates every package', async () => {
    const cache = tempDir('otel-audit-cache-');
    const root = appTree();
    temps.track(root);
    const paths = instrPaths(root);
    await run(paths, cache, { cache: { dir: cache, tool: 'otel-audit 1' } });
    assert.deepEqual([(await run(paths, cache, { cache: { dir: cache, tool: 'otel-audit 1' } })).hits], [2]);
    const newTool = await run(paths, cache, { cache: { dir: cache, tool: 'otel-audit 2' } });
    assert.deepEqual([newTool.hits, newTool.misses], [0, 2]);
    const rules = await run(paths, cache, { cache: { dir: cache, tool: 'otel-audit 2' }, rules: ['sync-fs'] });
    assert.deepEqual([rules.hits, rules.misses], [0, 2]);
    assert.equal(rules.json, (await run(paths, undefined, { rules: ['sync-fs'] })).json);
    const sizeLimit = await run(paths, cache, { cache: { dir: cache, tool: 'otel-audit 2' }, maxFileBytes: 1024 });
    assert.deepEqual([sizeLimit.hits, sizeLimit.misses], [0, 2]);
    // the policy's set-up methods decide hooks' frequency: other ones, other results
    const setUp = await run(paths, cache, { cache: { dir: cache, tool: 'otel-audit 2' }, setUpMethods: ['connect'] });
    assert.deepEqual([setUp.hits, setUp.misses], [0, 2]);
  });

  it('a file too deep to parse is the same unreadable-file error on a hit as on the cold run (a cached package cannot dodge --fail-on)', async () => {
    const cache = tempDir('otel-audit-cache-');
    let nested = '1';
    for (let i = 0; i < 3000; i++) nested = `f(${nested})`;
    const root = makeTree({
      'node_modules/deep/package.json': { name: 'deep', version: '1.0.0', main: 'index.js' },
      'node_modules/deep/index.js': "require('./deep');\n",
      'node_modules/deep/deep.js': `function f(x) { return x; }\nmodule.exports = ${nested};\n`,
    });
    temps.track(root);
    const paths = [path.join(root, 'node_modules/deep')];
    const cold = await run(paths, cache);
    const errors = (json: string): string[][] => (JSON.parse(json) as { errors: Array<{ kind: string; file: string | null }> }).errors.map((e) => [e.kind, String(e.file)]);
    assert.deepEqual(errors(cold.json), [['unreadable-file', 'deep.js']]);
    const warm = await run(paths, cache);
    assert.deepEqual([warm.hits, warm.misses], [1, 0]);
    assert.equal(warm.json, cold.json);
  });

  it('a corrupt entry is ignored, deleted and written again', async () => {
    const cache = tempDir('otel-audit-cache-');
    const root = appTree();
    temps.track(root);
    const paths = instrPaths(root);
    const cold = await run(paths, cache);
    const entries = listEntries(path.join(cache, 'scan-v1'));
    assert.equal(entries.length, 2);
    fs.writeFileSync(entries[0]!, 'not gzip at all');
    fs.writeFileSync(entries[1]!, gzipSync('{"format":1,"key":"another key","variant":"x","value":{}}'));
    const damaged = await run(paths, cache);
    assert.deepEqual([damaged.hits, damaged.misses, damaged.corrupt], [0, 2, 2]);
    assert.equal(damaged.json, cold.json);
    const repaired = await run(paths, cache);
    assert.deepEqual([repaired.hits, repaired.misses, repaired.corrupt], [2, 0, 0]);
    assert.equal(listEntries(path.join(cache, 'scan-v1')).length, 2);
  });

  it('stores a package whose analysis failed with what it read: served as the same failure until an input changes', async () => {
    const cache = tempDir('otel-audit-cache-');
    const root = appTree();
    temps.track(root);
    const plan = planScan([path.join(root, 'node_modules')]);
    const i = plan.packages.findIndex((p) => p.name === 'instr-a');
    const options = { maxFileBytes: 4 * 1024 * 1024, crossPackage: true };
    const inputs = new PackageAnalyser(await loadAudits(), plan.roots, plan.packages, options, true).analyse(i).inputs!;
    const costs = costTable();
    new ScanCache({ dir: cache }, plan, options, costs).saveFailure(i, 'the analysis threw', inputs);
    const hit = new ScanCache({ dir: cache }, plan, options, costs).lookup(i);
    assert.ok(hit && 'failed' in hit);
    assert.equal(hit.failed, 'the analysis threw');
    assert.deepEqual(hit.state.parsed.map((p) => p.path).sort(), inputs.parsed.map(([f]) => f).sort());
    addToTree(root, { 'node_modules/dep-d/lib/index.js': `exports.helper = function helper() { return 2; };\n` });
    clearResolveCache();
    assert.equal(new ScanCache({ dir: cache }, plan, options, costs).lookup(i), undefined);
  });

  it('records what a package read the same way whether or not another package was analysed first', async () => {
    const rules = await loadAudits();
    const root = appTree();
    temps.track(root);
    const plan = planScan([path.join(root, 'node_modules')]);
    const index = (name: string): number => plan.packages.findIndex((p) => p.name === name);
    const options = { maxFileBytes: 4 * 1024 * 1024, crossPackage: true };
    const alone = new PackageAnalyser(rules, plan.roots, plan.packages, options, true).analyse(index('instr-a')).inputs!;
    const shared = new PackageAnalyser(rules, plan.roots, plan.packages, options, true);
    for (const name of ['dep-d', 'instr-b', 'dep-e']) shared.analyse(index(name));
    const after = shared.analyse(index('instr-a')).inputs!;
    const sorted = <T>(xs: T[]): string[] => xs.map((x) => JSON.stringify(x)).sort();
    assert.deepEqual(sorted(after.files), sorted(alone.files));
    assert.deepEqual(sorted(after.resolutions), sorted(alone.resolutions));
    assert.ok(
      alone.files.some(([f]) => f.endsWith(path.join('dep-d', 'lib', 'index.js'))),
      'the dependency file its hook reached is an input',
    );
  });
});
