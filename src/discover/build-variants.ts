// Packages ship the same code several times (build/src + build/esm + build/esnext, dist/cjs +
// dist/esm, lib + lib/esm …). Analysing every copy triples the work and reports each finding three
// times, so files that differ only by their build-variant folder (and .cjs/.js/.mjs) are kept once.
import path from 'node:path';

/** First path segments that hold a build; `true` = may hold a second-level variant (build/src, dist/esm). */
const BUILD_ROOTS = new Map<string, boolean>([
  ['build', true],
  ['dist', true],
  ['lib', true],
  ['out', true],
  ['cjs', false],
  ['commonjs', false],
  ['_cjs', false],
  ['dist-cjs', false],
  ['lib-cjs', false],
  ['build-cjs', false],
  ['esm', false],
  ['es', false],
  ['mjs', false],
  ['module', false],
  ['esnext', false],
  ['_esm', false],
  ['_mjs', false],
  ['dist-esm', false],
  ['lib-esm', false],
  ['build-esm', false],
]);

/** Lower is preferred: Node's `require` loads the CommonJS build, so that is the one to analyse. */
const VARIANT_RANK = new Map<string, number>([
  ['src', 0],
  ['cjs', 0],
  ['commonjs', 0],
  ['_cjs', 0],
  ['dist-cjs', 0],
  ['lib-cjs', 0],
  ['build-cjs', 0],
  ['node', 0],
  ['build', 1],
  ['dist', 1],
  ['lib', 1],
  ['out', 1],
  ['umd', 2],
  ['es5', 2],
  ['esm', 3],
  ['es', 3],
  ['mjs', 3],
  ['module', 3],
  ['_esm', 3],
  ['_mjs', 3],
  ['dist-esm', 3],
  ['lib-esm', 3],
  ['build-esm', 3],
  ['es6', 3],
  ['es2015', 3],
  ['es2017', 3],
  ['es2018', 3],
  ['es2019', 3],
  ['es2020', 3],
  ['esnext', 4],
  ['es2022', 4],
  ['browser', 5],
]);

/** `src` only counts as a variant below a build root (tsc's build/src); a top-level src/ is source. */
const SECOND_LEVEL = new Set([...VARIANT_RANK.keys()].filter((k) => !['build', 'dist', 'lib', 'out'].includes(k)));

const EXT_RANK = new Map<string, { family: string; rank: number }>([
  ['.cjs', { family: 'js', rank: 0 }],
  ['.js', { family: 'js', rank: 1 }],
  ['.mjs', { family: 'js', rank: 2 }],
  ['.cts', { family: 'ts', rank: 0 }],
  ['.ts', { family: 'ts', rank: 1 }],
  ['.tsx', { family: 'ts', rank: 1 }],
  ['.mts', { family: 'ts', rank: 2 }],
]);

interface Variant {
  key: string;
  rank: number;
  extRank: number;
  file: string;
}

export function dropDuplicateBuilds(files: string[], pkgDir: string): string[] {
  const best = new Map<string, Variant>();
  for (const file of new Set(files)) {
    const v = variantOf(file, pkgDir);
    const current = best.get(v.key);
    if (current === undefined || isPreferred(v, current)) best.set(v.key, v);
  }
  return [...best.values()].map((v) => v.file).sort();
}

function isPreferred(a: Variant, b: Variant): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.extRank !== b.extRank) return a.extRank < b.extRank;
  return a.file < b.file;
}

function variantOf(file: string, pkgDir: string): Variant {
  const rel = path.relative(pkgDir, file).split(path.sep).join('/');
  const segments = rel.split('/');
  const ext = EXT_RANK.get(path.extname(rel));
  const unique: Variant = { key: `file:${file}`, rank: 0, extRank: 0, file };
  if (rel.startsWith('..') || segments.length < 2 || ext === undefined) return unique;
  const [root, second] = segments as [string, string, ...string[]]; // two at least, checked above
  const nested = BUILD_ROOTS.get(root);
  if (nested === undefined) return unique;
  let variant = root;
  let rest = segments.slice(1);
  if (nested && segments.length >= 3 && SECOND_LEVEL.has(second)) {
    variant = second;
    rest = segments.slice(2);
  }
  const restPath = rest.join('/');
  const stem = restPath.slice(0, restPath.length - path.extname(restPath).length);
  return { key: `${ext.family}:${stem}`, rank: VARIANT_RANK.get(variant) ?? 1, extRank: ext.rank, file };
}
