import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readManifest } from '../../src/discover/package-manifest.js';
import { makeTree, removeTree } from './make-tree.js';

describe('readManifest', () => {
  const root = makeTree({
    'ok/package.json':
      '\uFEFF' +
      JSON.stringify({
        name: 'ok',
        version: '1.0.0',
        main: 'index.js',
        module: 42,
        type: 'commonjs',
        exports: { '.': './index.js' },
        dependencies: { a: '^1', bad: 2 },
        workspaces: ['packages/*'],
      }),
    'bad/package.json': '{"name": "bad",}',
  });
  after(() => removeTree(root));

  it('keeps the typed fields, drops wrongly typed ones, tolerates a BOM', () => {
    const r = readManifest(path.join(root, 'ok'));
    assert.ok('manifest' in r);
    assert.deepEqual(r.manifest, {
      name: 'ok',
      version: '1.0.0',
      main: 'index.js',
      type: 'commonjs',
      exports: { '.': './index.js' },
      dependencies: { a: '^1' },
      workspaces: ['packages/*'],
    });
  });

  it('reports malformed JSON with position and line, missing files as missing', () => {
    const bad = readManifest(path.join(root, 'bad'));
    assert.ok('error' in bad);
    assert.equal(bad.error.kind, 'package-json');
    assert.equal(bad.error.file, path.join(root, 'bad/package.json'));
    assert.match(bad.error.message, /position 15.*line 1.*column 16/);
    const missing = readManifest(path.join(root, 'none'));
    assert.ok('error' in missing && missing.error.kind === 'missing');
  });
});
