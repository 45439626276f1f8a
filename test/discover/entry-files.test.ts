import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { entryFiles } from '../../src/discover/entry-files.js';
import type { DiscoveredPackage } from '../../src/discover/find-packages.js';
import type { PackageManifest } from '../../src/discover/package-manifest.js';
import { makeTree, removeTree, type TreeSpec } from './make-tree.js';

const trees: string[] = [];
after(() => trees.forEach(removeTree));

/** A package folder built from `files`, with `manifest` as its package.json. */
function pkg(manifest: PackageManifest, files: TreeSpec): DiscoveredPackage {
  const dir = makeTree({ 'package.json': manifest, ...files });
  trees.push(dir);
  return { dir, name: manifest.name ?? 'x', version: manifest.version ?? '0.0.0', manifest };
}

/** entryFiles with package-relative paths, for readable assertions. */
function entries(p: DiscoveredPackage): { mode: string; files: string[]; errors: string[] } {
  const r = entryFiles(p);
  const rel = (f: string | null): string =>
    path
      .relative(p.dir, f ?? '')
      .split(path.sep)
      .join('/');
  return { mode: r.mode, files: r.files.map(rel), errors: r.errors.map((e) => `${e.kind} ${rel(e.file)}`) };
}

const threeBuilds: TreeSpec = {
  'build/src/index.js': '',
  'build/esm/index.js': '',
  'build/esnext/index.js': '',
  'build/src/register.js': '',
  'build/esm/register.js': '',
};

describe('entryFiles', () => {
  it('resolves every non-wildcard exports subpath with the node/require/default conditions', () => {
    const p = pkg(
      {
        name: 'x',
        version: '1.0.0',
        main: 'build/src/index.js',
        exports: {
          '.': { types: './build/src/index.d.ts', esnext: './build/esnext/index.js', module: './build/esm/index.js', import: './build/esm/index.js', default: './build/src/index.js' },
          './register': { import: './build/esm/register.js', require: './build/src/register.js' },
          './browser': { browser: './build/esm/index.js' },
          './internal/*': './build/src/internal/*.js',
          './package.json': './package.json',
        },
      },
      threeBuilds,
    );
    assert.deepEqual(entries(p), { mode: 'entry-points', files: ['build/src/index.js', 'build/src/register.js'], errors: [] });
  });

  it('reads exports given as a string or as a bare conditions object', () => {
    const asString = pkg({ name: 'x', exports: './lib/main.js' }, { 'lib/main.js': '' });
    assert.deepEqual(entries(asString).files, ['lib/main.js']);
    const nested = pkg(
      { name: 'x', exports: { node: { require: './dist/cjs/index.cjs', import: './dist/esm/index.mjs' }, default: './dist/browser.js' } },
      { 'dist/cjs/index.cjs': '', 'dist/esm/index.mjs': '', 'dist/browser.js': '' },
    );
    assert.deepEqual(entries(nested).files, ['dist/cjs/index.cjs']);
  });

  it('takes the import condition only when a subpath has no CommonJS target', () => {
    const p = pkg({ name: 'esm-only', type: 'module', exports: { '.': { import: './index.mjs', types: './index.d.ts' } } }, { 'index.mjs': '' });
    assert.deepEqual(entries(p), { mode: 'entry-points', files: ['index.mjs'], errors: [] });
  });

  it('reports an exports target that does not exist, beside the ones that do', () => {
    const p = pkg({ name: 'x', version: '1.0.0', exports: { '.': './build/src/index.js', './gone': './build/src/gone.js' } }, threeBuilds);
    assert.deepEqual(entries(p), { mode: 'entry-points', files: ['build/src/index.js'], errors: ['missing build/src/gone.js'] });
  });

  it('resolves main like require(): extension and index file added', () => {
    assert.deepEqual(entries(pkg({ name: 'x', main: 'build/src/index' }, threeBuilds)).files, ['build/src/index.js']);
    assert.deepEqual(entries(pkg({ name: 'x', main: './lib' }, { 'lib/index.js': '' })).files, ['lib/index.js']);
  });

  it('falls back to index.js when main is missing, and says main is broken', () => {
    const p = pkg({ name: 'x', main: 'build/nope.js' }, { 'index.js': '' });
    assert.deepEqual(entries(p), { mode: 'entry-points', files: ['index.js'], errors: ['missing build/nope.js'] });
  });

  it('keeps one build: main wins over module', () => {
    const p = pkg({ name: 'x', main: 'build/src/index.js', module: 'build/esm/index.js' }, threeBuilds);
    assert.deepEqual(entries(p).files, ['build/src/index.js']);
  });

  it('uses module only when nothing CommonJS exists', () => {
    const p = pkg({ name: 'x', module: 'build/esm/index.js' }, { 'build/esm/index.js': '', 'build/esnext/index.js': '' });
    assert.deepEqual(entries(p), { mode: 'entry-points', files: ['build/esm/index.js'], errors: [] });
  });

  it('uses the TypeScript sources of an unbuilt package, mapped from its entries', () => {
    const p = pkg(
      { name: 'x', main: 'build/src/index.js', exports: { '.': './build/src/index.js', './register': './build/src/register.js' } },
      { 'tsconfig.json': '{}', 'src/index.ts': '', 'src/register.ts': '', 'src/other.ts': '' },
    );
    assert.deepEqual(entries(p), { mode: 'ts-sources', files: ['src/index.ts', 'src/register.ts'], errors: [] });
  });

  it('uses src/index.ts, else every source minus tests and declarations, when entries do not map', () => {
    const withIndex = pkg({ name: 'x', main: 'out/main.js' }, { 'tsconfig.json': '{}', 'src/index.ts': '', 'src/a.ts': '' });
    assert.deepEqual(entries(withIndex), { mode: 'ts-sources', files: ['src/index.ts'], errors: [] });
    const noIndex = pkg(
      { name: 'x' },
      {
        'tsconfig.json': '{}',
        'src/a.ts': '',
        'src/sub/b.tsx': '',
        'src/types.d.ts': '',
        'src/a.test.ts': '',
        'src/a.spec.ts': '',
        'src/__tests__/c.ts': '',
        'src/test/d.ts': '',
        'test/e.ts': '',
      },
    );
    assert.deepEqual(entries(noIndex), { mode: 'ts-sources', files: ['src/a.ts', 'src/sub/b.tsx'], errors: [] });
  });

  it('analyses the built JS of a built TypeScript package', () => {
    const p = pkg({ name: 'x', main: 'build/src/index.js' }, { ...threeBuilds, 'tsconfig.json': '{}', 'src/index.ts': '' });
    assert.deepEqual(entries(p), { mode: 'entry-points', files: ['build/src/index.js'], errors: [] });
  });

  it('falls back to all files minus tests, declarations, node_modules and duplicate builds', () => {
    const p = pkg(
      { name: 'x', version: '1.0.0', main: 'build/src/gone.js' },
      {
        ...threeBuilds,
        'build/src/index.d.ts': '',
        'build/src/util.js': '',
        'build/esm/util.js': '',
        'build/src/index.js.map': '',
        'test/a.test.js': '',
        'build/src/x.spec.js': '',
        'lib/loader.cjs': '',
        'node_modules/dep/index.js': '',
        '.cache/x.js': '',
        'scripts/tool.mjs': '',
      },
    );
    assert.deepEqual(entries(p), {
      mode: 'all-files',
      files: ['build/src/index.js', 'build/src/register.js', 'build/src/util.js', 'lib/loader.cjs', 'scripts/tool.mjs'],
      errors: ['missing build/src/gone.js'],
    });
  });

  it('falls back to TypeScript files when a package without tsconfig has no JS', () => {
    const p = pkg({ name: 'x' }, { 'lib/a.ts': '', 'lib/a.d.ts': '' });
    assert.deepEqual(entries(p), { mode: 'all-files', files: ['lib/a.ts'], errors: [] });
  });

  it('treats "main": "" (types-only packages) as no main', () => {
    const p = pkg({ name: '@types/x', main: '' }, { 'index.d.ts': '' });
    assert.deepEqual(entries(p), { mode: 'all-files', files: [], errors: [] });
  });
});
