import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { clearResolveCache, resolveModule, type Resolution } from '../../src/discover/resolve-module.js';
import { addToTree, makeTree, manifest, removeTree } from './make-tree.js';

describe('resolveModule', () => {
  let root = '';
  const at = (rel: string): string => path.join(root, rel);
  const file = (rel: string): Resolution => ({ kind: 'file', path: at(rel) });

  before(() => {
    root = makeTree({
      // compiled JavaScript package
      'js/lib/index.js': '',
      'js/lib/util.js': '',
      'js/lib/util.ts': '',
      'js/lib/data.json': '{}',
      'js/lib/dir/index.js': '',
      'js/lib/mod.cjs': '',
      'js/lib/only-ts.ts': '',
      'js/lib/withmain/package.json': { main: 'main.js' },
      'js/lib/withmain/main.js': '',
      // TypeScript sources, NodeNext style
      'ts/src/index.ts': '',
      'ts/src/a.ts': '',
      'ts/src/a.js': '',
      'ts/src/b.js': '',
      'ts/src/c.mts': '',
      'ts/src/view.tsx': '',
      'ts/src/folder/index.ts': '',
      'ts/src/types.d.ts': '',
      // bare specifiers
      'js/node_modules/dep/package.json': manifest('dep', '1.0.0', { main: 'lib/main.js' }),
      'js/node_modules/dep/lib/main.js': '',
      'js/node_modules/dep/lib/extra.js': '',
      'js/node_modules/@s/exp/package.json': manifest('@s/exp', '1.0.0', {
        exports: { '.': { import: './esm/index.js', require: './cjs/index.js' }, './sub': { require: './cjs/sub.js' } },
      }),
      'js/node_modules/@s/exp/cjs/index.js': '',
      'js/node_modules/@s/exp/esm/index.js': '',
      'js/node_modules/@s/exp/cjs/sub.js': '',
      'js/node_modules/esm-only/package.json': manifest('esm-only', '1.0.0', { type: 'module', exports: { import: './index.mjs' } }),
      'js/node_modules/esm-only/index.mjs': '',
      'js/lib/node_modules/dep/package.json': manifest('dep', '2.0.0'),
      'js/lib/node_modules/dep/index.js': '',
      'ws/packages/app/src/index.ts': '',
      'ws/packages/lib/package.json': manifest('@ws/lib', '1.0.0', { main: 'build/src/index.js' }),
      'ws/packages/lib/tsconfig.json': '{}',
      'ws/packages/lib/src/index.ts': '',
    });
    addToTree(root, { 'ws/packages/app/node_modules/@ws/lib': { symlink: '../../../lib' } });
  });
  after(() => {
    clearResolveCache();
    removeTree(root);
  });

  it('resolves builtins, with or without node:', () => {
    assert.deepEqual(resolveModule(at('js/lib/index.js'), 'fs'), { kind: 'builtin', name: 'fs' });
    assert.deepEqual(resolveModule(at('js/lib/index.js'), 'node:fs/promises'), { kind: 'builtin', name: 'fs/promises' });
    assert.deepEqual(resolveModule(at('js/lib/index.js'), 'node:test'), { kind: 'builtin', name: 'test' });
  });

  it('resolves relative specifiers from JavaScript like require()', () => {
    const from = at('js/lib/index.js');
    assert.deepEqual(resolveModule(from, './util'), file('js/lib/util.js'));
    assert.deepEqual(resolveModule(from, './util.js'), file('js/lib/util.js'));
    assert.deepEqual(resolveModule(from, './data'), file('js/lib/data.json'));
    assert.deepEqual(resolveModule(from, './dir'), file('js/lib/dir/index.js'));
    assert.deepEqual(resolveModule(from, './mod.cjs'), file('js/lib/mod.cjs'));
    assert.deepEqual(resolveModule(from, './withmain'), file('js/lib/withmain/main.js'));
    assert.deepEqual(resolveModule(at('js/lib/dir/index.js'), '..'), file('js/lib/index.js'));
    assert.deepEqual(resolveModule(from, at('js/lib/util.js')), file('js/lib/util.js'));
  });

  it('resolves TypeScript rules: extensionless, ./x.js → ./x.ts, folders, .tsx/.mts', () => {
    const from = at('ts/src/index.ts');
    assert.deepEqual(resolveModule(from, './a'), file('ts/src/a.ts'));
    assert.deepEqual(resolveModule(from, './a.js'), file('ts/src/a.ts'), 'from TS the .ts source wins over a stale .js');
    assert.deepEqual(resolveModule(from, './b.js'), file('ts/src/b.js'));
    assert.deepEqual(resolveModule(from, './c.mjs'), file('ts/src/c.mts'));
    assert.deepEqual(resolveModule(from, './view.js'), file('ts/src/view.tsx'));
    assert.deepEqual(resolveModule(from, './folder'), file('ts/src/folder/index.ts'));
    assert.deepEqual(resolveModule(from, './folder/index.js'), file('ts/src/folder/index.ts'));
    assert.deepEqual(resolveModule(from, './types'), { kind: 'missing', spec: './types' }, 'declarations are not code');
  });

  it('maps ./x.js to ./x.ts from JavaScript only when the .js does not exist', () => {
    assert.deepEqual(resolveModule(at('js/lib/index.js'), './only-ts.js'), file('js/lib/only-ts.ts'));
    assert.deepEqual(resolveModule(at('js/lib/index.js'), './util.js'), file('js/lib/util.js'));
  });

  it('resolves bare specifiers through node_modules, nearest first, with exports maps', () => {
    assert.deepEqual(resolveModule(at('js/index.js'), 'dep'), file('js/node_modules/dep/lib/main.js'));
    assert.deepEqual(resolveModule(at('js/index.js'), 'dep/lib/extra'), file('js/node_modules/dep/lib/extra.js'));
    assert.deepEqual(resolveModule(at('js/lib/index.js'), 'dep'), file('js/lib/node_modules/dep/index.js'));
    assert.deepEqual(resolveModule(at('js/index.js'), '@s/exp'), file('js/node_modules/@s/exp/cjs/index.js'));
    assert.deepEqual(resolveModule(at('js/index.js'), '@s/exp/sub'), file('js/node_modules/@s/exp/cjs/sub.js'));
    assert.deepEqual(resolveModule(at('js/index.js'), '@s/exp/cjs/sub.js'), { kind: 'missing', spec: '@s/exp/cjs/sub.js' }, 'not exported');
    assert.deepEqual(resolveModule(at('js/index.js'), 'dep/package.json'), file('js/node_modules/dep/package.json'));
  });

  it('resolves ESM-only packages through their import condition', () => {
    assert.deepEqual(resolveModule(at('js/index.js'), 'esm-only'), file('js/node_modules/esm-only/index.mjs'));
  });

  it('resolves an unbuilt workspace package to its TypeScript sources, through the workspace link', () => {
    assert.deepEqual(resolveModule(at('ws/packages/app/src/index.ts'), '@ws/lib'), file('ws/packages/lib/src/index.ts'));
  });

  it('reports missing modules, and caches misses and hits alike', () => {
    const from = at('js/lib/index.js');
    assert.deepEqual(resolveModule(from, 'not-installed'), { kind: 'missing', spec: 'not-installed' });
    assert.deepEqual(resolveModule(from, './nope'), { kind: 'missing', spec: './nope' });
    addToTree(root, { 'js/lib/nope.js': '', 'js/node_modules/not-installed/index.js': '' });
    // Cached per (folder, specifier): a later file does not change the answer until the cache is cleared.
    assert.deepEqual(resolveModule(at('js/lib/other.js'), './nope'), { kind: 'missing', spec: './nope' });
    assert.deepEqual(resolveModule(from, 'not-installed'), { kind: 'missing', spec: 'not-installed' });
    clearResolveCache();
    assert.deepEqual(resolveModule(from, './nope'), file('js/lib/nope.js'));
  });
});
