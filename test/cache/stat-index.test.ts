// The stat index behind the scan cache's checks: a file whose stat is what it was when hashed is not
// read again; any edit — one that keeps the size and puts the mtime back too — is read and hashed; a
// file as new as the run is never trusted by its stat (racy edits); a damaged index is ignored.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { clearResolveCache } from '../../src/discover/resolve-module.js';
import { renderJson } from '../../src/report/render-json.js';
import { scan } from '../../src/scan/scan.js';
import { StatIndex, STAT_INDEX_NAMESPACE } from '../../src/cache/stat-index.js';
import { FileStates, fileState } from '../../src/cache/digest.js';
import type { CacheStats } from '../../src/cache/cache-options.js';
import { appTree, instrPaths } from './app-tree.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const temps = tempDirs();

/** A clock a minute ahead: the files a test has just written count as older than the run. */
const later = (): number => Date.now() + 60_000;

async function run(paths: string[], cacheDir: string, clock?: () => number): Promise<{ json: string; hits: number; misses: number }> {
  clearResolveCache();
  let stats: CacheStats | undefined;
  const report = await scan(paths, { now: () => 0, cache: { dir: cacheDir, ...(clock ? { clock } : {}) }, onCacheStats: (s) => (stats = s) });
  return { json: renderJson(report), hits: stats?.hits ?? 0, misses: stats?.misses ?? 0 };
}

const indexFile = (cacheDir: string): string => path.join(cacheDir, STAT_INDEX_NAMESPACE, 'index.json.gz');

/** A whole second in the past: a time utimes sets exactly (sub-millisecond times do not round-trip). */
const PAST = new Date(1_700_000_000_000);

/** Rewrites a file (mtime PAST, see `settle`) with other bytes of the same length and puts the mtime back. */
function editKeepingSizeAndMtime(file: string, from: string, to: string): void {
  assert.equal(from.length, to.length);
  const before = fs.statSync(file);
  assert.equal(before.mtimeMs, PAST.getTime());
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from));
  fs.writeFileSync(file, text.replace(from, to));
  fs.utimesSync(file, PAST, PAST);
  assert.equal(fs.statSync(file).size, before.size);
  assert.equal(fs.statSync(file).mtimeMs, before.mtimeMs);
}

const settle = (file: string): void => fs.utimesSync(file, PAST, PAST);

describe('stat index', () => {
  it('serves a file by its stat, and reads it again when it changed', () => {
    const dir = temps.make('otel-audit-stats-');
    const file = path.join(dir, 'a.js');
    fs.writeFileSync(file, 'exports.a = 1;\n');
    settle(file);
    const first = new StatIndex(dir, later());
    assert.equal(first.lookup(file, Infinity), undefined);
    first.remember(file, fileState(file));
    assert.equal(first.save(), undefined);
    const second = new StatIndex(dir, later());
    assert.equal(second.lookup(file, Infinity), fileState(file));
    assert.equal(second.lookup(file, 4), undefined, 'over the size limit now: the reader decides');
    editKeepingSizeAndMtime(file, 'a = 1', 'a = 2');
    assert.equal(new StatIndex(dir, later()).lookup(file, Infinity), undefined);
    assert.equal(new FileStates(Infinity, new StatIndex(dir, later())).of(file), fileState(file));
  });

  it('does not keep a file as new as the run (an edit in the same timestamp tick would keep its stat)', () => {
    const dir = temps.make('otel-audit-stats-');
    const file = path.join(dir, 'a.js');
    fs.writeFileSync(file, 'exports.a = 1;\n');
    const index = new StatIndex(dir, Date.now());
    index.remember(file, fileState(file));
    index.save();
    assert.equal(new StatIndex(dir, later()).lookup(file, Infinity), undefined);
  });

  it('an edit that keeps the size and the mtime is detected by a scan served from the cache', async () => {
    const cache = temps.make('otel-audit-cache-');
    const root = appTree();
    temps.track(root);
    const paths = instrPaths(root);
    settle(path.join(root, 'node_modules/dep-d/lib/index.js'));
    await run(paths, cache, later);
    assert.ok(fs.existsSync(indexFile(cache)), 'the first run wrote the stat index');
    const warm = await run(paths, cache, later);
    assert.deepEqual([warm.hits, warm.misses], [2, 0]);
    editKeepingSizeAndMtime(path.join(root, 'node_modules/dep-d/lib/index.js'), 'readFileSync', 'existsSync__');
    const after = await run(paths, cache, later);
    assert.deepEqual([after.hits, after.misses], [1, 1]);
    clearResolveCache();
    assert.equal(after.json, renderJson(await scan(paths, { now: () => 0 })));
  });

  it('a damaged index is ignored and written again', async () => {
    const cache = temps.make('otel-audit-cache-');
    const root = appTree();
    temps.track(root);
    const paths = instrPaths(root);
    const cold = await run(paths, cache, later);
    fs.writeFileSync(indexFile(cache), 'not gzip at all');
    const damaged = await run(paths, cache, later);
    assert.deepEqual([damaged.hits, damaged.misses], [2, 0]);
    assert.equal(damaged.json, cold.json);
    const index = new StatIndex(cache, later());
    assert.notEqual(index.lookup(path.join(root, 'node_modules/dep-d/lib/index.js'), Infinity), undefined);
    assert.equal(index.corrupt, false);
  });
});
