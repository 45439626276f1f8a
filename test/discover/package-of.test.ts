import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { clearPackageOfCache, packageOf } from '../../src/discover/package-of.js';
import { makeTree, manifest, removeTree } from './make-tree.js';

describe('packageOf', () => {
  const root = makeTree({
    'node_modules/@s/pkg/package.json': manifest('@s/pkg', '1.2.3'),
    'node_modules/@s/pkg/build/esm/package.json': { type: 'module' },
    'node_modules/@s/pkg/build/esm/index.js': '',
    'node_modules/@s/pkg/build/src/index.js': '',
    'node_modules/@s/pkg/node_modules/dep/package.json': manifest('dep', '0.1.0'),
    'node_modules/@s/pkg/node_modules/dep/index.js': '',
    'node_modules/noversion/package.json': { name: 'noversion' },
    'node_modules/noversion/a.js': '',
    'node_modules/broken/package.json': '{ nope',
    'node_modules/broken/a.js': '',
    'loose/a.js': '',
  });
  after(() => {
    clearPackageOfCache();
    removeTree(root);
  });
  const at = (rel: string): string => path.join(root, rel);

  it('finds the nearest named package.json, skipping {"type": …} ones', () => {
    const pkg = { dir: at('node_modules/@s/pkg'), name: '@s/pkg', version: '1.2.3' };
    assert.deepEqual(packageOf(at('node_modules/@s/pkg/build/esm/index.js')), pkg);
    assert.deepEqual(packageOf(at('node_modules/@s/pkg/build/src/index.js')), pkg);
    assert.deepEqual(packageOf(at('node_modules/@s/pkg/node_modules/dep/index.js')), { dir: at('node_modules/@s/pkg/node_modules/dep'), name: 'dep', version: '0.1.0' });
  });

  it('gives 0.0.0 without a version, and looks past a malformed package.json', () => {
    assert.deepEqual(packageOf(at('node_modules/noversion/a.js')), { dir: at('node_modules/noversion'), name: 'noversion', version: '0.0.0' });
    assert.equal(packageOf(at('node_modules/broken/a.js')), undefined);
    assert.equal(packageOf(at('loose/a.js')), undefined);
  });

  it('answers from its cache for every folder it walked through', () => {
    packageOf(at('node_modules/@s/pkg/build/src/index.js'));
    // The walk filled build/src and build: a sibling file answers the same without reading again.
    assert.equal(packageOf(at('node_modules/@s/pkg/build/other.js'))?.name, '@s/pkg');
  });
});
