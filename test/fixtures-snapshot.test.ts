// Full JSON report of each fixture package, scanned alone, against test/snapshots/<name>.json.
// `UPDATE_SNAPSHOTS=1 npm test` (re)writes them; otherwise a difference or a missing file fails with a
// line diff. Machine-specific parts are normalised: the tool version, the repository's absolute path,
// and the duration (the `now` option pins the clock).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan } from '../src/scan/scan.js';
import type { Report } from '../src/model/report.js';

// compiled to dist/test/fixtures-snapshot.test.js: the repository is two levels up
const repoRoot = realpathSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'));
const SNAPSHOT_DIR = path.join(repoRoot, 'test/snapshots');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

const FIXTURES: ReadonlyArray<[name: string, dir: string]> = [
  ['tsc-cjs', 'test/fixtures/packages/tsc-cjs'],
  ['esm', 'test/fixtures/packages/esm'],
  ['rollup-bundle', 'test/fixtures/packages/rollup-bundle'],
  ['monorepo-instr-a', 'test/fixtures/monorepo/packages/instr-a'],
  ['monorepo-common-b', 'test/fixtures/monorepo/packages/common-b'],
];

const ROOT_PATTERNS = [...new Set([repoRoot, repoRoot.split(path.sep).join('/')])];

/** Replaces every occurrence of the repository path in strings, recursively. */
function normaliseValue(value: unknown): unknown {
  if (typeof value === 'string') return ROOT_PATTERNS.reduce((s, root) => s.split(root).join('<repo>'), value);
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseValue(v)]));
  }
  return value;
}

function normaliseReport(report: Report): string {
  const copy = normaliseValue(report) as Report;
  copy.tool = { ...copy.tool, version: '<version>' };
  return JSON.stringify(copy, null, 2) + '\n';
}

/** A line diff (longest common subsequence) with 3 lines of context, at most `limit` lines long. */
function lineDiff(expected: string, actual: string, limit = 120): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push([' ', a[i]!]);
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push(['-', a[i++]!]);
    else ops.push(['+', b[j++]!]);
  }
  const keep = ops.map((_, k) => ops.slice(Math.max(0, k - 3), k + 4).some(([op]) => op !== ' '));
  const out: string[] = [];
  ops.forEach(([op, text], k) => {
    if (keep[k]) out.push(`${op} ${text}`);
    else if (keep[k - 1]) out.push('  …');
  });
  return out.length > limit ? [...out.slice(0, limit), `  … ${out.length - limit} more diff lines`].join('\n') : out.join('\n');
}

describe('fixture snapshots', () => {
  for (const [name, dir] of FIXTURES) {
    it(name, async () => {
      const report = await scan([path.join(repoRoot, dir)], { now: () => 0 });
      const actual = normaliseReport(report);
      const file = path.join(SNAPSHOT_DIR, `${name}.json`);
      if (UPDATE) {
        mkdirSync(SNAPSHOT_DIR, { recursive: true });
        writeFileSync(file, actual);
        return;
      }
      assert.ok(existsSync(file), `missing snapshot test/snapshots/${name}.json: run the tests with UPDATE_SNAPSHOTS=1 to write it`);
      const expected = readFileSync(file, 'utf8');
      if (actual !== expected) {
        assert.fail(`report of ${dir} differs from test/snapshots/${name}.json (- snapshot, + now); if intended, rerun with UPDATE_SNAPSHOTS=1:\n${lineDiff(expected, actual)}`);
      }
    });
  }
});
