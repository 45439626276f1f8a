import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { versionLookup } from '../version-lookup.js';
import { detect, operations } from '../../test/helpers/detect.js';

describe('version-lookup', () => {
  const flagged: Array<[string, string, string[], string?]> = [
    // require of a manifest, however the path is spelled
    ['require of a constant manifest', `function f() { return require('openai/package.json').version; }`, ['require(package.json)']],
    ['relative manifest', `function f() { return require('../package.json'); }`, ['require(package.json)']],
    ['bare package.json', `require('package.json');`, ['require(package.json)']],
    ['concatenation', `function v(name) { return require(name + '/package.json').version; }`, ['require(package.json)']],
    ['template', 'function v(name) { return require(`${name}/package.json`).version; }', ['require(package.json)']],
    ['path.join', `const path = require('path'); function v(dir) { return require(path.join(dir, 'package.json')); }`, ['require(package.json)']],
    ['path.resolve, tsc interop', `const path_1 = require("path"); function v(d) { return require((0, path_1.resolve)(d, '..', 'package.json')); }`, ['require(package.json)']],
    ['path.posix.join', `const path = require('node:path'); function v(d) { return require(path.posix.join(d, 'package.json')); }`, ['require(package.json)']],
    ['const variable', `function v(name) { const p = name + '/package.json'; return require(p); }`, ['require(package.json)']],
    ['never-reassigned var (ES5 output)', `function v(name) { var p = name + '/package.json'; return require(p); }`, ['require(package.json)']],
    ['module.require', `function v() { return module.require('x/package.json'); }`, ['require(package.json)']],
    [
      'require made by createRequire',
      `import { createRequire } from 'module'; const req = createRequire(import.meta.url); function v() { return req('x/package.json'); }`,
      ['createRequire', 'require(package.json)'],
    ],
    ['dynamic import of a manifest', `async function v() { return import('./package.json', { with: { type: 'json' } }); }`, ['import(package.json)']],
    // resolution
    ['require.resolve', `function r(n) { return require.resolve(n); }`, ['require.resolve']],
    ['require.resolve of a manifest', `function r(n) { return require.resolve(n + '/package.json'); }`, ['require.resolve']],
    ['require.resolve with paths', `function r() { return require.resolve('x', { paths: [__dirname] }); }`, ['require.resolve']],
    ['createRequire, CommonJS', `const { createRequire } = require('module'); function f() { return createRequire(__filename); }`, ['createRequire']],
    ['createRequire, node: prefix and member', `const m = require('node:module'); function f() { return m.createRequire(__filename); }`, ['createRequire']],
    ['createRequire, tsc interop', `const module_1 = require("module"); function f() { (0, module_1.createRequire)(__filename); }`, ['createRequire']],
    ['createRequire, ESM namespace', `import * as mod from 'node:module'; mod.createRequire(import.meta.url);`, ['createRequire']],
    ['createRequire, ESM default', `import Module from 'module'; Module.createRequire(import.meta.url);`, ['createRequire']],
    ['createRequire, tslib default', `const module_1 = tslib_1.__importDefault(require("module")); module_1.default.createRequire(__filename);`, ['createRequire']],
    ['Module._resolveFilename', `const Module = require('module'); function f(r, p) { return Module._resolveFilename(r, p); }`, ['Module._resolveFilename']],
    ['Module._findPath', `const { Module } = require('module'); function f(r, p) { return Module._findPath(r, p); }`, ['Module._findPath']],
    ['module.constructor._resolveFilename', `function f(r) { return module.constructor._resolveFilename(r, module); }`, ['Module._resolveFilename']],
    // fs reads of a manifest, any import style
    ['readFileSync of a manifest', `const fs = require('fs'); function v(d) { return fs.readFileSync(d + '/package.json', 'utf8'); }`, ['read package.json']],
    [
      'readFileSync, tsc interop',
      `const fs_1 = require("fs"); const path_1 = require("path"); function v(d) { return (0, fs_1.readFileSync)(path_1.join(d, 'package.json')); }`,
      ['read package.json'],
    ],
    ['readFileSync, tslib default', `const fs_1 = tslib_1.__importDefault(require("fs")); function v() { fs_1.default.readFileSync('./package.json'); }`, ['read package.json']],
    ['readFileSync, tslib importStar', `const fs = tslib_1.__importStar(require("fs")); function v() { fs.readFileSync('./package.json'); }`, ['read package.json']],
    ['readFile callback', `const { readFile } = require('fs'); function v(cb) { readFile('package.json', cb); }`, ['read package.json']],
    ['fs.promises.readFile', `const fs = require('fs'); async function v() { return fs.promises.readFile('package.json'); }`, ['read package.json']],
    [
      'fs/promises, ESM named',
      `import { readFile } from 'node:fs/promises'; export async function v(dir: string) { return readFile(\`\${dir}/package.json\`, 'utf8'); }`,
      ['read package.json'],
      'x.ts',
    ],
    ['ESM default fs', `import fs from 'fs'; export function v() { return fs.readFileSync('package.json'); }`, ['read package.json']],
    ['ESM namespace fs', `import * as fs from 'fs'; export function v() { return fs.readFileSync('package.json'); }`, ['read package.json']],
    ['fs-extra readJsonSync', `const fse = require('fs-extra'); function v() { return fse.readJsonSync('package.json'); }`, ['read package.json']],
    [
      'path from require.resolve',
      `const fs = require('fs'); function v(x) { const p = require.resolve(x + '/package.json'); return fs.readFileSync(p, 'utf8'); }`,
      ['require.resolve', 'read package.json'],
    ],
    [
      'TypeScript source',
      `import { readFileSync } from 'fs';\nimport * as path from 'path';\nexport function version(dir: string): string { return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8') as string).version; }`,
      ['read package.json'],
      'x.ts',
    ],
  ];
  for (const [name, code, ops, fileName] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(versionLookup, code, fileName), ops));
  }

  const quiet: Array<[string, string]> = [
    ['require of a module', `function f() { return require('openai'); }`],
    ['require of a non-manifest json', `function f() { return require('./config.json'); }`],
    ['look-alike file name', `function f() { return require('./my-package.json.js'); }`],
    ['require of a computed non-manifest', `function f(n) { return require(n + '/index.js'); }`],
    ['reassigned variable', `function f(n) { let p = n + '/package.json'; p = n; return require(p); }`],
    ['local function named require', `function require(x) { return x; } require('x/package.json');`],
    ['shadowed require.resolve', `function f(require) { return require.resolve('x'); }`],
    ['resolve on another object', `const p = require('path'); function f(x) { return p.resolve(x); }`],
    ['Promise.resolve', `function f() { return Promise.resolve(1); }`],
    ['createRequire from another module', `const { createRequire } = require('./util'); createRequire('x');`],
    ['_resolveFilename on an unrelated object', `function f(o) { return o._resolveFilename('x'); }`],
    ['fs read of another file', `const fs = require('fs'); fs.readFileSync('config.json');`],
    ['fs write of a manifest', `const fs = require('fs'); fs.writeFileSync('package.json', '{}');`],
    ['db read named readFileSync', `const db = require('./db'); db.readFileSync('package.json');`],
    ['package.json not at the end', `function f() { return require('./package.json.bak'); }`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(versionLookup, code), []));
  }

  it('points at the call expression', () => {
    const hits = detect(versionLookup, `function v(name) {\n  const pkg =  require(name + '/package.json');\n  return pkg.version;\n}`);
    assert.deepEqual(hits, [{ operation: 'require(package.json)', line: 2, column: 16 }]);
  });
});
