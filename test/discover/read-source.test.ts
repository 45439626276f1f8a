import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readSource } from '../../src/discover/read-source.js';
import { makeTree, removeTree } from './make-tree.js';

describe('readSource', () => {
  const root = makeTree({ 'small.js': 'module.exports = 1;\n', 'big.js': 'x'.repeat(2048), 'dir/': '' });
  fs.writeFileSync(path.join(root, 'latin1.js'), Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a]));
  after(() => removeTree(root));

  it('reads a file under the limit', () => {
    const r = readSource(path.join(root, 'small.js'), 1024);
    assert.ok('text' in r);
    assert.equal(r.text, 'module.exports = 1;\n');
    assert.deepEqual(r.raw, Buffer.from('module.exports = 1;\n'));
  });

  it('skips a file over the limit without reading it, with its size', () => {
    const r = readSource(path.join(root, 'big.js'), 1024);
    assert.ok('error' in r);
    assert.equal(r.error.kind, 'too-large');
    assert.match(r.error.message, /2048 bytes/);
  });

  it('reports missing files, folders and permission errors (a file there but unreadable is unreadable-file)', (t) => {
    const missing = readSource(path.join(root, 'nope.js'), 1024);
    assert.ok('error' in missing && missing.error.kind === 'missing');
    const dir = readSource(path.join(root, 'dir'), 1024);
    assert.ok('error' in dir && dir.error.kind === 'not-a-file');
    // Simulated: tests may run as root, where file modes deny nothing.
    t.mock.method(fs, 'openSync', () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    });
    const denied = readSource(path.join(root, 'small.js'), 1024);
    assert.ok('error' in denied && denied.error.kind === 'unreadable-file');
  });

  it('reads invalid UTF-8 with replacement characters', () => {
    const r = readSource(path.join(root, 'latin1.js'), 1024);
    assert.ok('text' in r);
    assert.equal(r.text, '// \uFFFD\n');
  });
});
