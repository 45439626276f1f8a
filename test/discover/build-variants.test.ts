import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { dropDuplicateBuilds } from '../../src/discover/build-variants.js';

const pkgDir = path.resolve('/pkg');
const abs = (rel: string): string => path.join(pkgDir, rel);
const keep = (rels: string[]): string[] => dropDuplicateBuilds(rels.map(abs), pkgDir).map((f) => path.relative(pkgDir, f).split(path.sep).join('/'));

describe('dropDuplicateBuilds', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['build/src vs build/esm vs build/esnext', ['build/esnext/a/b.js', 'build/esm/a/b.js', 'build/src/a/b.js'], ['build/src/a/b.js']],
    ['dist/cjs vs dist/esm', ['dist/esm/index.js', 'dist/cjs/index.js'], ['dist/cjs/index.js']],
    ['lib/cjs vs lib/esm', ['lib/esm/x.js', 'lib/cjs/x.js'], ['lib/cjs/x.js']],
    ['dist vs dist-esm', ['dist-esm/x.js', 'dist/x.js'], ['dist/x.js']],
    ['lib vs lib/esm', ['lib/esm/x.js', 'lib/x.js'], ['lib/x.js']],
    ['dist/commonjs vs dist/esm (tshy)', ['dist/esm/index.js', 'dist/commonjs/index.js'], ['dist/commonjs/index.js']],
    ['.cjs vs .mjs in one folder', ['dist/index.mjs', 'dist/index.cjs'], ['dist/index.cjs']],
    ['esm/ vs cjs/ at the top', ['esm/x.js', 'cjs/x.js'], ['cjs/x.js']],
    ['node vs browser builds', ['dist/browser/x.js', 'dist/node/x.js'], ['dist/node/x.js']],
    ['different files in one build all stay', ['build/src/a.js', 'build/src/b.js', 'build/esm/a.js'], ['build/src/a.js', 'build/src/b.js']],
    ['a file only in the ESM build stays', ['build/esm/only.js', 'build/src/a.js'], ['build/esm/only.js', 'build/src/a.js']],
    ['top-level src/ is source, not a build', ['src/a.js', 'build/src/a.js'], ['build/src/a.js', 'src/a.js']],
    ['files outside build folders are never merged', ['index.js', 'index.mjs', 'dist/index.js'], ['dist/index.js', 'index.js', 'index.mjs']],
    ['TypeScript and JavaScript are not merged', ['lib/a.ts', 'lib/esm/a.js'], ['lib/a.ts', 'lib/esm/a.js']],
    ['same path twice', ['build/src/a.js', 'build/src/a.js'], ['build/src/a.js']],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(keep(input), expected));
  }

  it('does not depend on input order', () => {
    const files = ['build/esnext/x.js', 'build/src/x.js', 'build/esm/x.js', 'build/src/y.js', 'dist/esm/z.mjs', 'dist/z.cjs'];
    const reversed = [...files].reverse();
    assert.deepEqual(keep(files), keep(reversed));
    assert.deepEqual(keep(files), ['build/src/x.js', 'build/src/y.js', 'dist/z.cjs']);
  });
});
