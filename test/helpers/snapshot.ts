// The one snapshot helper of the tests (CLI runs, renderer output, fixture reports, the fixture score).
// A snapshot is a text file in the repository, compared line by line; a difference fails with a line
// diff. A MISSING snapshot fails too — a test that writes its own expectation and passes proves
// nothing — unless UPDATE_SNAPSHOTS=1, which (re)writes every snapshot a run compares: review the diff
// and commit it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (tests run compiled from dist/test/helpers/). */
export const REPO_ROOT = realpathSync(fileURLToPath(new URL('../../../', import.meta.url)));

const updating = (): boolean => process.env.UPDATE_SNAPSHOTS === '1';

/**
 * Compares `actual` with the snapshot at `file` (relative to the repository, e.g.
 * `test/cli/__snapshots__/help.json`, or absolute); with UPDATE_SNAPSHOTS=1 writes it instead.
 */
export function matchSnapshot(file: string, actual: string): void {
  const absolute = path.resolve(REPO_ROOT, file);
  if (updating()) {
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, actual);
    return;
  }
  assert.ok(existsSync(absolute), `missing snapshot ${file}: run the tests with UPDATE_SNAPSHOTS=1 to write it, review it and commit it`);
  const expected = readFileSync(absolute, 'utf8');
  if (actual !== expected) assert.fail(`differs from the snapshot ${file} (- snapshot, + now); if intended, rerun with UPDATE_SNAPSHOTS=1:\n${lineDiff(expected, actual)}`);
}

/** A line diff (longest common subsequence) with 3 lines of context, at most `limit` lines long. */
export function lineDiff(expected: string, actual: string, limit = 120): string {
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
