// V8 block coverage to per-call counts of positions: the innermost block and function holding each
// position, on a hand-made coverage result (the shape Profiler.takePreciseCoverage returns).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { siteCounts } from '../../src/bench/coverage/site-counts.js';
import type { ScriptCoverage } from '../../src/bench/coverage/precise-coverage.js';

const SOURCE = ['let cached;', 'function version() {', '  if (cached !== undefined) return cached;', '  cached = read();', '  return cached;', '}', 'function read() { return 1; }', ''].join('\n');
const at = (text: string): number => SOURCE.indexOf(text);
const FILE = '/pkg/index.js';

function coverage(calls: number): ScriptCoverage[] {
  const fnStart = at('function version');
  const fnEnd = at('function read');
  return [
    {
      scriptId: '1',
      url: `file://${FILE}`,
      functions: [
        { functionName: '', isBlockCoverage: true, ranges: [{ startOffset: 0, endOffset: SOURCE.length, count: 1 }] },
        {
          functionName: 'version',
          isBlockCoverage: true,
          // the early return ran on every call: the block after it never did
          ranges: [
            { startOffset: fnStart, endOffset: fnEnd - 1, count: calls },
            { startOffset: at('  cached = read()'), endOffset: at('}\nfunction read'), count: 0 },
          ],
        },
        { functionName: 'read', isBlockCoverage: true, ranges: [{ startOffset: fnEnd, endOffset: SOURCE.length - 1, count: 0 }] },
      ],
    },
    { scriptId: '2', url: 'node:internal/x', functions: [] },
  ];
}

const column = (line: string, text: string): number => line.indexOf(text) + 1;

describe('siteCounts', () => {
  it('counts the innermost block and its function per call; a function that never ran is left out', () => {
    const lines = SOURCE.split('\n');
    const sites = [
      { file: FILE, line: 4, column: column(lines[3]!, 'read()') }, // the memoised call: block 0, function 20
      { file: FILE, line: 3, column: column(lines[2]!, 'return cached') }, // the early return
      { file: FILE, line: 7, column: column(lines[6]!, 'return 1') }, // in read(), which never ran
      { file: '/elsewhere.js', line: 1, column: 1 }, // a file without coverage
    ];
    assert.deepEqual(
      siteCounts(coverage(20), sites, 20, () => SOURCE),
      [
        { index: 0, perCall: 0, functionPerCall: 1 },
        { index: 1, perCall: 1, functionPerCall: 1 },
      ],
    );
  });

  it('column 0 is the first statement on the line (a call path step names a line)', () => {
    assert.deepEqual(
      siteCounts(coverage(10), [{ file: FILE, line: 4, column: 0 }], 10, () => SOURCE),
      [{ index: 0, perCall: 0, functionPerCall: 1 }],
    );
  });

  it('leaves out scripts whose source cannot be read', () => {
    assert.deepEqual(
      siteCounts(coverage(10), [{ file: FILE, line: 3, column: 3 }], 10, () => undefined),
      [],
    );
  });
});
