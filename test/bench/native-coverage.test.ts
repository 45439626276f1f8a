// Block coverage through V8's own functions (src/bench/coverage/native-coverage.ts), the way a
// coverage child counts under Node 20's permission model: a script is found by its text, function
// ranges are told from block ranges (a nested arrow function, a class method), counts reset at every
// take, and package code loaded after the start cannot use V8's `%` syntax. In-process: this file's
// own test process gets block counters, no other.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NativeCoverage } from '../../src/bench/coverage/native-coverage.js';
import { siteCounts } from '../../src/bench/coverage/site-counts.js';
import { sourceReader } from '../../src/bench/coverage/start-coverage.js';
import { tempPackage } from '../helpers/temp-package.js';

const LINES = [
  'exports.outer = function outer(x) {',
  '  const inner = (y) => {',
  "    if (y > 1) return 'big';",
  "    return 'small';",
  '  };',
  '  if (x) return inner(x);',
  "  return 'none';",
  '};',
  'exports.K = class K {',
  '  m(a) {',
  '    if (a) { return 1; }',
  '    return 2;',
  '  }',
  '};',
  "exports.natives = () => { try { return new Function('return %DebugCollectCoverage()')() !== undefined; } catch { return false; } };",
  '',
];
const dir = tempPackage({ 'index.js': LINES.join('\n') });
const file = path.join(dir, 'index.js');
after(() => rmSync(dir, { recursive: true, force: true }));

/** the site at the first non-blank character of the line holding `text` (1-based line, column 0) */
const site = (text: string) => ({ file, line: LINES.findIndex((l) => l.includes(text)) + 1, column: 0 });

describe('native block coverage', () => {
  const sourceOf = sourceReader();
  const coverage = NativeCoverage.start([file], sourceOf);
  const mod = createRequire(import.meta.url)(file) as { outer: (x: number) => string; K: new () => { m: (a: number) => number }; natives: () => boolean };

  it('counts blocks and functions per call: a nested arrow function and a method are functions of their own', async () => {
    for (let i = 0; i < 5; i++) mod.outer(0); // before the take: not counted
    await coverage.take();
    mod.outer(5);
    for (let i = 0; i < 3; i++) mod.outer(0);
    const k = new mod.K();
    k.m(1);
    k.m(1);
    const sites = [site("return 'big'"), site("return 'none'"), site('return 2;'), site('if (x) return inner')];
    const counts = siteCounts(await coverage.take(), sites, 4, sourceOf);
    assert.deepEqual(
      counts.map((c) => [c.index, c.perCall, c.functionPerCall]),
      [
        [0, 0.25, 0.25], // inner ran once in 4 calls, and so did its 'big' branch (not outer's count: 1)
        [1, 0.75, 1],
        [2, 0, 0.5], // m ran twice, its last return never
        [3, 1, 1],
      ],
    );
  });

  it('each take resets the counts; code loaded after the start cannot call V8 internals', async () => {
    await coverage.take();
    assert.deepEqual(siteCounts(await coverage.take(), [site('if (x) return inner')], 1, sourceOf), []);
    assert.equal(mod.natives(), false);
  });
});
