import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { filesMatchingPattern } from '../../src/discover/computed-require.js';
import { clearResolveCache } from '../../src/discover/resolve-module.js';
import { makeTree, removeTree } from './make-tree.js';

describe('filesMatchingPattern', () => {
  let root = '';
  const rel = (files: string[]): string[] => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

  before(() => {
    root = makeTree({
      'lib/index.js': '',
      'lib/modules/pg.js': '',
      'lib/modules/pg.js.map': '',
      'lib/modules/pg.d.ts': '',
      'lib/modules/redis.cjs': '',
      'lib/modules/http/index.js': '',
      'lib/modules/README.md': '',
      'lib/modules/data.json': '{}',
      'lib/modules/nested/deep/x.js': '',
      'lib/plugins/plugin-a.js': '',
      'lib/plugins/plugin-b.js': '',
      'lib/plugins/other.js': '',
      'lib/plugins/amqp/patch.js': '',
      'lib/plugins/kafka/patch.js': '',
      'lib/plugins/kafka/other.js': '',
      'src/index.ts': '',
      'src/modules/a.ts': '',
      'src/modules/b.ts': '',
      'src/modules/b.test.d.ts': '',
      'both/index.js': '',
      'both/m/x.js': '',
      'both/m/x.ts': '',
    });
  });
  after(() => {
    clearResolveCache();
    removeTree(root);
  });

  it("matches require('./modules/' + name): files one level down and folder index files", () => {
    assert.deepEqual(rel(filesMatchingPattern(path.join(root, 'lib/index.js'), './modules/', '')), ['lib/modules/http/index.js', 'lib/modules/pg.js', 'lib/modules/redis.cjs']);
  });

  it('matches require(`./modules/${name}.js`): only names that end in .js', () => {
    assert.deepEqual(rel(filesMatchingPattern(path.join(root, 'lib/index.js'), './modules/', '.js')), ['lib/modules/pg.js']);
  });

  it('matches a name prefix inside the folder', () => {
    assert.deepEqual(rel(filesMatchingPattern(path.join(root, 'lib/index.js'), './plugins/plugin-', '')), ['lib/plugins/plugin-a.js', 'lib/plugins/plugin-b.js']);
  });

  it('matches a suffix that names a file inside each folder', () => {
    assert.deepEqual(rel(filesMatchingPattern(path.join(root, 'lib/index.js'), './plugins/', '/patch')), ['lib/plugins/amqp/patch.js', 'lib/plugins/kafka/patch.js']);
  });

  it('resolves ${name}.js to TypeScript sources in an unbuilt package', () => {
    assert.deepEqual(rel(filesMatchingPattern(path.join(root, 'src/index.ts'), './modules/', '.js')), ['src/modules/a.ts', 'src/modules/b.ts']);
    assert.deepEqual(rel(filesMatchingPattern(path.join(root, 'src/index.ts'), './modules/', '')), ['src/modules/a.ts', 'src/modules/b.ts']);
  });

  it('lists a .js beside its .ts once, as the importer resolves it', () => {
    assert.deepEqual(rel(filesMatchingPattern(path.join(root, 'both/index.js'), './m/', '')), ['both/m/x.js']);
  });

  it('matches every code file under the folder for a deep prefix (./modules/**), with or without a suffix', () => {
    assert.deepEqual(rel(filesMatchingPattern(path.join(root, 'lib/index.js'), './modules/**', '')), [
      'lib/modules/http/index.js',
      'lib/modules/nested/deep/x.js',
      'lib/modules/pg.js',
      'lib/modules/redis.cjs',
    ]);
    assert.deepEqual(rel(filesMatchingPattern(path.join(root, 'lib/index.js'), './plugins/**', '/patch.js')), ['lib/plugins/amqp/patch.js', 'lib/plugins/kafka/patch.js']);
  });

  it('matches nothing for a missing folder or a bare prefix', () => {
    assert.deepEqual(filesMatchingPattern(path.join(root, 'lib/index.js'), './nope/', ''), []);
    assert.deepEqual(filesMatchingPattern(path.join(root, 'lib/index.js'), '@opentelemetry/instrumentation-', ''), []);
  });
});
