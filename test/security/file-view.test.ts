// The file view's plan, in-process (file-isolation.ts): which folders are bound, which dotfiles are
// hidden, and a skeleton laid out without ever following a link out of it. The view itself (mounts in a
// namespace) is tested end to end by load-sandbox.int.test.ts and sandbox.int.test.ts.
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { hiddenDotfiles, outermost, prepareFileView } from '../../src/sandbox/file-isolation.js';

describe('file view', () => {
  const dirs: string[] = [];
  const temp = (): string => {
    const d = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'otel-audit-view-test-')));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('binds the outermost folders of one file system; a folder below on another, or a missing one, apart', () => {
    const dev: Record<string, number> = { '/a': 1, '/a/b': 1, '/a/b/c': 2, '/a/bc': 1, '/d': 1 };
    assert.deepEqual(
      outermost(['/a/b/c', '/a/b', '/a', '/a/bc', '/d', '/missing', '/a/'], (p) => dev[p]),
      ['/a', '/a/b/c', '/d'],
    );
  });

  it("hides the user's dotfiles only when the home is readable, keeping those on the way to a package", () => {
    const list = (): string[] => ['.npmrc', '.ssh', '.nvm', 'project', '.config'];
    assert.deepEqual(hiddenDotfiles(['/work/project/node_modules'], ['/home/u'], list), []);
    assert.deepEqual(hiddenDotfiles(['/home/u/project'], ['/home/u'], list), []);
    assert.deepEqual(hiddenDotfiles(['/home/u', '/home/u/.nvm/lib/node_modules/x'], ['/home/u'], list), ['/home/u/.config', '/home/u/.npmrc', '/home/u/.ssh']);
    assert.deepEqual(hiddenDotfiles(['/home'], ['/home/u', '/home/u'], list), ['/home/u/.config', '/home/u/.npmrc', '/home/u/.nvm', '/home/u/.ssh']);
  });

  it('lays out folders, files and links (to their real path) in the skeleton, and nothing on the host', () => {
    const host = temp();
    mkdirSync(path.join(host, 'pkg', 'lib'), { recursive: true });
    writeFileSync(path.join(host, 'pkg', 'package.json'), '{}');
    mkdirSync(path.join(host, 'real'));
    // a link whose own target passes through a folder the view does not have
    symlinkSync('../pkg/../real', path.join(host, 'pkg', 'link'));
    mkdirSync(path.join(host, 'work'));
    const root = temp();
    const prefix = prepareFileView({
      root,
      cwd: path.join(host, 'elsewhere'),
      read: [path.join(host, 'pkg', 'lib'), path.join(host, 'pkg', 'package.json'), path.join(host, 'pkg', 'link'), path.join(host, 'nope')],
      write: [path.join(host, 'work')],
      hide: [],
    });
    const inView = (p: string): string => path.join(root, p);
    assert.ok(lstatSync(inView(path.join(host, 'pkg', 'lib'))).isDirectory());
    assert.ok(lstatSync(inView(path.join(host, 'pkg', 'package.json'))).isFile());
    assert.equal(readlinkSync(inView(path.join(host, 'pkg', 'link'))), path.join(host, 'real'));
    assert.ok(lstatSync(inView(path.join(host, 'work'))).isDirectory());
    assert.ok(lstatSync(inView(path.join(host, 'elsewhere'))).isDirectory(), 'the working folder exists, empty');
    assert.equal(existsSync(inView(path.join(host, 'nope'))), false);
    // the skeleton only: nothing made on the host
    assert.equal(existsSync(path.join(host, 'elsewhere')), false);
    for (const d of ['null', 'zero', 'urandom']) assert.ok(lstatSync(path.join(root, 'dev', d)).isFile());
    // the script gets the sections in order, every path an argument of its own
    const sections = prefix.slice(prefix.indexOf('--ro'));
    assert.deepEqual(sections.slice(0, sections.indexOf('--rw')).slice(1), [path.join(host, 'pkg', 'lib'), path.join(host, 'pkg', 'link'), path.join(host, 'pkg', 'package.json')]);
    assert.deepEqual(sections.slice(sections.indexOf('--rw') + 1, sections.indexOf('--hide')), [path.join(host, 'work')]);
    assert.equal(prefix.at(-1), '--');
  });
});
