import { after, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { findPackages } from '../../src/discover/find-packages.js';
import { makeTree, manifest, removeTree } from './make-tree.js';

const trees: string[] = [];
function tree(spec: Parameters<typeof makeTree>[0]): string {
  const root = makeTree(spec);
  trees.push(root);
  return root;
}
after(() => trees.forEach(removeTree));

/** `name@version rel/dir` per package: compact and order-sensitive. */
function summary(root: string, result: ReturnType<typeof findPackages>): string[] {
  return result.packages.map((p) => `${p.name}@${p.version} ${path.relative(root, p.dir).split(path.sep).join('/') || '.'}`);
}

describe('findPackages', () => {
  it('takes one package folder, with its own nested node_modules', () => {
    const root = tree({
      'package.json': manifest('@opentelemetry/instrumentation-x', '0.5.0'),
      'build/src/index.js': '',
      'build/esm/package.json': { type: 'module' },
      'node_modules/@opentelemetry/core/package.json': manifest('@opentelemetry/core', '2.0.0'),
    });
    const result = findPackages(root);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summary(root, result), ['@opentelemetry/core@2.0.0 node_modules/@opentelemetry/core', '@opentelemetry/instrumentation-x@0.5.0 .']);
    assert.equal(result.packages[1]!.dir, fs.realpathSync(root));
    assert.equal(result.packages[1]!.manifest.name, '@opentelemetry/instrumentation-x');
  });

  it('takes a scope folder: children are packages, their node_modules too', () => {
    const root = tree({
      '@opentelemetry/b/package.json': manifest('@opentelemetry/b'),
      '@opentelemetry/a/package.json': manifest('@opentelemetry/a'),
      '@opentelemetry/a/node_modules/@opentelemetry/b/package.json': manifest('@opentelemetry/b', '0.9.0'),
    });
    const result = findPackages(path.join(root, '@opentelemetry'));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summary(root, result), [
      '@opentelemetry/a@1.0.0 @opentelemetry/a',
      '@opentelemetry/b@0.9.0 @opentelemetry/a/node_modules/@opentelemetry/b',
      '@opentelemetry/b@1.0.0 @opentelemetry/b',
    ]);
  });

  it('takes a node_modules folder: scoped, unscoped and nested packages; skips .bin, .cache, .package-lock.json', () => {
    const root = tree({
      'node_modules/.package-lock.json': '{}',
      'node_modules/.bin/tool': '#!/bin/sh',
      'node_modules/.cache/thing/package.json': manifest('cached-thing'),
      'node_modules/pg/package.json': manifest('pg', '8.0.0'),
      'node_modules/pg/node_modules/pg-types/package.json': manifest('pg-types', '2.0.0'),
      'node_modules/pg/node_modules/pg-types/node_modules/deep/package.json': manifest('deep'),
      'node_modules/@opentelemetry/api/package.json': manifest('@opentelemetry/api', '1.9.0'),
      'node_modules/@opentelemetry/api/node_modules/.bin/x': '',
      'node_modules/pg-types/package.json': manifest('pg-types', '4.0.0'),
    });
    const result = findPackages(path.join(root, 'node_modules'));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summary(root, result), [
      '@opentelemetry/api@1.9.0 node_modules/@opentelemetry/api',
      'deep@1.0.0 node_modules/pg/node_modules/pg-types/node_modules/deep',
      'pg@8.0.0 node_modules/pg',
      // '-' sorts before '/': plain string order on the realpath, the same on every machine
      'pg-types@4.0.0 node_modules/pg-types',
      'pg-types@2.0.0 node_modules/pg/node_modules/pg-types',
    ]);
  });

  it('takes a monorepo packages/ folder of TypeScript packages without descending into a package', () => {
    const root = tree({
      'packages/.git/HEAD': 'ref',
      'packages/.git/modules/x/package.json': manifest('git-internal'),
      'packages/instr-a/package.json': manifest('@acme/instr-a', '0.1.0'),
      'packages/instr-a/tsconfig.json': '{}',
      'packages/instr-a/src/index.ts': 'export {};',
      'packages/instr-a/test/fixtures/app/package.json': manifest('fixture-app'),
      'packages/group/instr-b/package.json': manifest('@acme/instr-b', '0.2.0'),
      'packages/group/instr-b/src/index.ts': 'export {};',
      'packages/README.md': '# packages',
    });
    const result = findPackages(path.join(root, 'packages'));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summary(root, result), ['@acme/instr-a@0.1.0 packages/instr-a', '@acme/instr-b@0.2.0 packages/group/instr-b']);
  });

  it('walks a workspace root’s packages and reports the root as a package too, never its dependencies', () => {
    const root = tree({
      'package.json': manifest('monorepo', '0.0.0', { private: true, workspaces: ['packages/*'] }),
      'node_modules/left-pad/package.json': manifest('left-pad'),
      'node_modules/@acme/a': { symlink: '../../packages/a' },
      'packages/a/package.json': manifest('@acme/a'),
      'packages/b/package.json': manifest('@acme/b'),
    });
    const result = findPackages(root);
    assert.deepEqual(summary(root, result), ['@acme/a@1.0.0 packages/a', '@acme/b@1.0.0 packages/b', 'monorepo@0.0.0 .']);
    // the root's own files are listed without its packages' folders
    assert.deepEqual(
      result.packages.find((p) => p.name === 'monorepo')?.nested?.map((d) => path.relative(root, d)),
      ['packages/a', 'packages/b'],
    );
  });

  it('"workspaces": [] does not make a package vanish: it is found and analysed as a package', () => {
    const root = tree({ 'node_modules/sneaky/package.json': manifest('sneaky', '1.0.0', { workspaces: [] }) });
    const result = findPackages(path.join(root, 'node_modules'));
    assert.deepEqual(summary(root, result), ['sneaky@1.0.0 node_modules/sneaky']);
    assert.deepEqual(result.errors, []);
  });

  it('de-duplicates a package linked twice (npm workspaces) by realpath, without an error', () => {
    const root = tree({
      'node_modules/@acme/a': { symlink: '../../packages/a' },
      'node_modules/@acme/b/package.json': manifest('@acme/b'),
      'node_modules/@acme/b/node_modules/@acme/a': { symlink: '../../../../../packages/a' },
      'packages/a/package.json': manifest('@acme/a'),
      'packages/a/node_modules/@acme/b': { symlink: '../../../../node_modules/@acme/b' },
    });
    const result = findPackages(path.join(root, 'node_modules'));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(summary(root, result), ['@acme/a@1.0.0 packages/a', '@acme/b@1.0.0 node_modules/@acme/b']);
  });

  it('reports a malformed package.json with the JSON error position and goes on', () => {
    const root = tree({
      'node_modules/broken/package.json': '{\n  "name": "broken",\n  "version" "1.0.0"\n}',
      'node_modules/array/package.json': '[1, 2]',
      'node_modules/empty/package.json': '',
      'node_modules/ok/package.json': manifest('ok'),
    });
    const result = findPackages(path.join(root, 'node_modules'));
    assert.deepEqual(summary(root, result), ['ok@1.0.0 node_modules/ok']);
    assert.deepEqual(
      result.errors.map((e) => [e.kind, e.package, e.file]),
      [
        ['package-json', 'array', 'array/package.json'],
        ['package-json', 'broken', 'broken/package.json'],
        ['package-json', 'empty', 'empty/package.json'],
      ],
    );
    assert.match(result.errors[0]!.message, /expected an object, got an array/);
    assert.match(result.errors[1]!.message, /position \d+.*line 3, column \d+/);
    assert.match(result.errors[2]!.message, /empty/);
  });

  it('names a package without name or version after its folder, 0.0.0, and says so', () => {
    const root = tree({
      'node_modules/@scope/nameless/package.json': { main: 'index.js' },
      'node_modules/versionless/package.json': { name: 'versionless' },
    });
    const result = findPackages(path.join(root, 'node_modules'));
    assert.deepEqual(summary(root, result), ['@scope/nameless@0.0.0 node_modules/@scope/nameless', 'versionless@0.0.0 node_modules/versionless']);
    assert.deepEqual(
      result.errors.map((e) => [e.kind, e.package, e.file]),
      [
        ['manifest-incomplete', '@scope/nameless', '@scope/nameless/package.json'],
        ['manifest-incomplete', 'versionless', 'versionless/package.json'],
      ],
    );
  });

  it('reports a missing root or a file as root, never throws', () => {
    const root = tree({ 'file.txt': 'x' });
    const missing = findPackages(path.join(root, 'nope'));
    assert.deepEqual(missing.packages, []);
    assert.deepEqual(
      missing.errors.map((e) => e.kind),
      ['missing'],
    );
    assert.equal(missing.errors[0]!.file, path.join(root, 'nope'));
    const file = findPackages(path.join(root, 'file.txt'));
    assert.deepEqual(
      file.errors.map((e) => e.kind),
      ['not-a-directory'],
    );
  });

  it('reports symlink loops (back to an ancestor, or a link to itself) and finds everything else', () => {
    const root = tree({
      'src/a/package.json': manifest('a'),
      'src/deeper/': '',
    });
    fs.symlinkSync('..', path.join(root, 'src/deeper/up'));
    fs.symlinkSync('self', path.join(root, 'src/self'));
    const result = findPackages(path.join(root, 'src'));
    assert.deepEqual(summary(root, result), ['a@1.0.0 src/a']);
    assert.deepEqual(
      result.errors.map((e) => [e.kind, e.file]),
      [
        ['symlink-loop', 'deeper/up'],
        ['symlink-loop', 'self'],
      ],
    );
  });

  it('reports a scope folder linked back to node_modules as a loop', () => {
    const root = tree({ 'node_modules/x/package.json': manifest('x') });
    fs.symlinkSync('..', path.join(root, 'node_modules/@loop'));
    const result = findPackages(path.join(root, 'node_modules'));
    assert.deepEqual(summary(root, result), ['x@1.0.0 node_modules/x']);
    assert.deepEqual(
      result.errors.map((e) => [e.kind, e.file]),
      [['symlink-loop', '@loop']],
    );
  });

  it('reports a broken symlink as missing', () => {
    const root = tree({ 'node_modules/x/package.json': manifest('x') });
    fs.symlinkSync('../nowhere', path.join(root, 'node_modules/gone'));
    const result = findPackages(path.join(root, 'node_modules'));
    assert.deepEqual(
      result.errors.map((e) => [e.kind, e.file]),
      [['missing', 'gone']],
    );
  });

  it('reports permission errors on folders and package.json files', (t) => {
    const root = tree({
      'node_modules/locked/inner/package.json': manifest('inner'),
      'node_modules/secret/package.json': manifest('secret'),
      'node_modules/open/package.json': manifest('open'),
    });
    const denied = (p: fs.PathOrFileDescriptor | fs.PathLike): boolean => String(p).endsWith(`${path.sep}locked`) || String(p).endsWith(path.join('secret', 'package.json'));
    const eacces = (p: unknown): Error => Object.assign(new Error(`EACCES: permission denied, open '${String(p)}'`), { code: 'EACCES' });
    // Tests may run as root, where chmod 000 denies nothing: simulate the errno instead.
    const readdir = fs.readdirSync;
    const open = fs.openSync;
    t.mock.method(fs, 'readdirSync', ((p: fs.PathLike, o: unknown) => {
      if (denied(p)) throw eacces(p);
      return (readdir as (p: fs.PathLike, o: unknown) => unknown)(p, o);
    }) as typeof fs.readdirSync);
    t.mock.method(fs, 'openSync', ((p: fs.PathLike, flags: number) => {
      if (denied(p)) throw eacces(p);
      return open(p, flags);
    }) as typeof fs.openSync);
    const result = findPackages(path.join(root, 'node_modules'));
    mock.restoreAll();
    assert.deepEqual(summary(root, result), ['open@1.0.0 node_modules/open']);
    assert.deepEqual(
      result.errors.map((e) => [e.kind, e.file]),
      [
        ['permission', 'locked'],
        // a package whose manifest cannot be read is skipped, in the kind --fail-on counts
        ['skipped-package', 'secret/package.json'],
      ],
    );
  });

  it('is deterministic: sorted by name, then folder', () => {
    const root = tree({
      'node_modules/z/package.json': manifest('a-name'),
      'node_modules/b/package.json': manifest('b'),
      'node_modules/a/package.json': manifest('a-name', '2.0.0'),
    });
    const first = summary(root, findPackages(path.join(root, 'node_modules')));
    assert.deepEqual(first, ['a-name@2.0.0 node_modules/a', 'a-name@1.0.0 node_modules/z', 'b@1.0.0 node_modules/b']);
    assert.deepEqual(summary(root, findPackages(path.join(root, 'node_modules'))), first);
  });
});
