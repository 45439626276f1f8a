// Two runs sharing one cache folder at the same time: neither sees a torn entry, both give the report
// of an uncached run, and what they leave behind serves the next run. Processes, not threads: that is
// how two CI jobs or a developer's two terminals share it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../cli/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STORE = pathToFileURL(path.join(ROOT, 'dist/src/cache/entry-store.js')).href;
const temps = tempDirs();

const tempDir = (): string => temps.make('otel-audit-concurrent-');

/** Writes and reads one key over and over; prints how many reads it made and how many were damaged. */
const HAMMER = `
import { EntryStore } from ${JSON.stringify(STORE)};
const [dir, id, rounds] = process.argv.slice(2);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const accept = (v) => Array.isArray(v?.n) && v.n.length === 20000 && sum(v.n) === v.sum;
const store = new EntryStore(dir, 1, accept);
let reads = 0;
for (let i = 0; i < Number(rounds); i++) {
  const n = Array.from({ length: 20000 }, (_, j) => (j * (i + 1) * (Number(id) + 3)) % 9973);
  const err = store.put('k'.repeat(43), i % 2 === 0 ? 'even' : 'odd', { n, sum: sum(n) });
  if (err) throw err;
  reads += store.variants('k'.repeat(43)).length;
}
process.stdout.write(JSON.stringify({ reads, corrupt: store.corrupt }));
`;

function node(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const normalise = (json: string): string => json.replace(/"durationMs": \d+/, '"durationMs": 0');

describe('the result cache shared by concurrent runs', () => {
  it('four processes writing and reading one entry at once never read a torn or damaged one', async () => {
    const dir = tempDir();
    const script = path.join(dir, 'hammer.mjs');
    fs.writeFileSync(script, HAMMER);
    const runs = await Promise.all([0, 1, 2, 3].map((id) => node([script, path.join(dir, 'store'), String(id), '60'])));
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      const { reads, corrupt } = JSON.parse(r.stdout) as { reads: number; corrupt: number };
      assert.ok(reads >= 60, `every round read the entry back (${reads})`);
      assert.equal(corrupt, 0);
    }
    const left = fs.readdirSync(path.join(dir, 'store'), { recursive: true }).map(String);
    assert.deepEqual(
      left.filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('two scans at once with one cache folder: both give the uncached report, and the next run is served from it', async () => {
    const cache = tempDir();
    const paths = [path.join(ROOT, 'test/fixtures/packages'), path.join(ROOT, 'test/fixtures/monorepo/packages')];
    const scan = (...extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => runCli(['scan', ...paths, '--format', 'json', '--quiet', ...extra], { cwd: ROOT });
    const uncached = await scan('--no-cache');
    assert.equal(uncached.code, 0, uncached.stderr);
    const [a, b] = await Promise.all([scan('--cache-dir', cache), scan('--cache-dir', cache)]);
    for (const r of [a, b]) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(normalise(r.stdout), normalise(uncached.stdout));
    }
    // an entry's inode changes when it is written again (a new file renamed over it), not when it is read
    const inodes = (): string[] =>
      fs
        .readdirSync(path.join(cache, 'scan-v1'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.json.gz'))
        .sort()
        .map((f) => `${f} ${fs.statSync(path.join(cache, 'scan-v1', f)).ino}`);
    const before = inodes();
    assert.ok(before.length > 0);
    const next = await scan('--cache-dir', cache);
    assert.equal(normalise(next.stdout), normalise(uncached.stdout));
    assert.deepEqual(inodes(), before, 'served from the cache: no entry written again');
  });
});
