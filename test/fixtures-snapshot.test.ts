// Full JSON report of each fixture package, scanned alone, against test/snapshots/<name>.json, matched
// by the one snapshot helper (test/helpers/snapshot.ts: a difference or a missing file fails with a
// line diff; `UPDATE_SNAPSHOTS=1 npm test` (re)writes them). Machine-specific parts are normalised: the
// tool version, the repository's absolute path, and the duration (the `now` option pins the clock).
import { describe, it } from 'node:test';
import path from 'node:path';
import { scan } from '../src/scan/scan.js';
import type { Report } from '../src/model/report.js';
import { matchSnapshot, REPO_ROOT as repoRoot } from './helpers/snapshot.js';

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

describe('fixture snapshots', () => {
  for (const [name, dir] of FIXTURES) {
    it(name, async () => {
      const report = await scan([path.join(repoRoot, dir)], { now: () => 0 });
      const actual = normaliseReport(report);
      matchSnapshot(`test/snapshots/${name}.json`, actual);
    });
  }
});
