// The result cache's store: variants per key, atomic writes, damaged files ignored and deleted, the
// least recently used entries evicted beyond the size cap.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EntryStore, evictLeastRecentlyUsed } from '../../src/cache/entry-store.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const temps = tempDirs();

const cacheDir = (): string => temps.make('otel-audit-store-');

const isNumbers = (v: unknown): v is { n: number[] } => Array.isArray((v as { n?: unknown } | null)?.n);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('entry store', () => {
  it('keeps variants per key, most recently used first, and at most maxVariants of them', () => {
    const store = new EntryStore(path.join(cacheDir(), 'scan-v1'), 1, isNumbers);
    const key = 'k'.repeat(43);
    assert.deepEqual(store.variants(key), []);
    store.put(key, 'a', { n: [1] });
    store.put(key, 'b', { n: [2] });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(store.root, 'kk', key, 'b.json.gz'), old, old);
    assert.deepEqual(
      store.variants(key).map((v) => v.variant),
      ['a', 'b'],
    );
    store.touch(key, 'b');
    assert.deepEqual(
      store.variants(key).map((v) => [v.variant, v.value.n[0]]),
      [
        ['b', 2],
        ['a', 1],
      ],
    );
    store.put(key, 'c', { n: [3] }, 2);
    assert.equal(store.variants(key).length, 2);
    assert.equal(filesUnder(store.root).filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary file left behind');
  });

  it('ignores and deletes what does not gunzip, parse, match its key or have the expected shape', () => {
    const store = new EntryStore(path.join(cacheDir(), 'scan-v1'), 1, isNumbers);
    const key = 'ab'.repeat(20);
    store.put(key, 'good', { n: [1] });
    store.put(key, 'shape', { n: [2] });
    const dir = path.join(store.root, 'ab', key);
    fs.writeFileSync(path.join(dir, 'garbage.json.gz'), 'not gzip');
    fs.copyFileSync(path.join(dir, 'good.json.gz'), path.join(dir, 'renamed.json.gz')); // its envelope names another variant
    const other = new EntryStore(store.root, 1, (v: unknown): v is { n: number[] } => isNumbers(v) && v.n[0] === 1);
    assert.deepEqual(
      other.variants(key).map((v) => v.variant),
      ['good'],
    );
    assert.equal(other.corrupt, 3);
    assert.deepEqual(fs.readdirSync(dir), ['good.json.gz']);
    const newer = new EntryStore(store.root, 2, isNumbers);
    assert.deepEqual(newer.variants(key), [], 'another format is not served');
  });

  it('evicts the least recently used entries once the namespaces exceed the cap, down to 80 % of it', () => {
    const dir = cacheDir();
    const scan = new EntryStore(path.join(dir, 'scan-v1'), 1, isNumbers);
    const bench = new EntryStore(path.join(dir, 'bench-v1', 'cases'), 1, isNumbers);
    const big = { n: Array.from({ length: 4000 }, (_, i) => (i * 7919) % 10007) };
    const keys = Array.from({ length: 6 }, (_, i) => `${i}${'x'.repeat(42)}`);
    keys.forEach((k, i) => {
      (i % 2 === 0 ? scan : bench).put(k, 'v', big);
      const t = new Date(Date.now() - (100 - i) * 1000); // key 0 is the oldest
      const store = i % 2 === 0 ? scan : bench;
      fs.utimesSync(path.join(store.root, k.slice(0, 2), k, 'v.json.gz'), t, t);
    });
    const stale = path.join(dir, 'scan-v1', 'left-by-a-killed-writer.tmp');
    fs.writeFileSync(stale, 'x');
    fs.utimesSync(stale, new Date(0), new Date(0));
    const size = fs.statSync(path.join(scan.root, keys[0]!.slice(0, 2), keys[0]!, 'v.json.gz')).size;
    const nothing = evictLeastRecentlyUsed(dir, size * 10);
    assert.equal(nothing.removed, 0);
    const r = evictLeastRecentlyUsed(dir, size * 5);
    assert.equal(r.removed, 2);
    assert.deepEqual(scan.variants(keys[0]!), []);
    assert.deepEqual(bench.variants(keys[1]!), []);
    for (const k of keys.slice(2)) assert.equal((Number(k[0]) % 2 === 0 ? scan : bench).variants(k).length, 1, k);
    assert.equal(fs.existsSync(stale), false);
  });

  it('never fails the run when the folder cannot be written: the error is returned', () => {
    const dir = cacheDir();
    fs.writeFileSync(path.join(dir, 'scan-v1'), 'a file where the folder should be');
    const store = new EntryStore(path.join(dir, 'scan-v1'), 1, isNumbers);
    assert.ok(store.put('k'.repeat(43), 'v', { n: [1] }) instanceof Error);
    assert.deepEqual(store.variants('k'.repeat(43)), []);
  });
});
