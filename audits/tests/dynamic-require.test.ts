import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dynamicRequire } from '../dynamic-require.js';
import { detect, operations } from '../../test/helpers/detect.js';

describe('dynamic-require', () => {
  const flagged: Array<[string, string, string[], string?]> = [
    ['require in a function', `function f() { return require('lodash').get; }`, ['require']],
    ['require in an arrow', `const f = () => require('./util');`, ['require']],
    ['require in a method', `class A { m() { return require('./util'); } }`, ['require']],
    ['require in a wrapper closure', `function patch(original) { return function patched(...args) { const u = require('./utils'); return original.apply(this, args); }; }`, ['require']],
    ['computed require', `function load(name) { return require('./modules/' + name); }`, ['require']],
    ['template require', 'function load(name) { return require(`./modules/${name}.js`); }', ['require']],
    ['module.require', `function f() { return module.require('x'); }`, ['require']],
    ['require in a try/catch (optional dependency)', `function f() { try { return require('optional-dep'); } catch { return undefined; } }`, ['require']],
    ['require wrapped by tslib', `function f() { return tslib_1.__importStar(require('x')); }`, ['require']],
    ['tsc-compiled import()', `async function f() { return Promise.resolve().then(() => __importStar(require('x'))); }`, ['require']],
    ['require made by createRequire', `import { createRequire } from 'node:module'; const req = createRequire(import.meta.url); export function f() { return req('x'); }`, ['require']],
    ['import() in a function', `export async function f() { return import('x'); }`, ['import()']],
    ['import() in a getter', `class A { get m() { return import('./m.js'); } }`, ['import()']],
    ['TypeScript source', `export function f(name: string): unknown { return require(name as string); }`, ['require'], 'x.ts'],
  ];
  for (const [name, code, ops, fileName] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(dynamicRequire, code, fileName), ops));
  }

  const quiet: Array<[string, string]> = [
    ['top-level require', `const fs = require('fs');`],
    ['top-level tslib require', `const x_1 = tslib_1.__importDefault(require("x"));`],
    ['top-level require in a block', `if (cond) { var x = require('x'); }`],
    ['top-level import()', `const m = import('x');`],
    ['static import', `import fs from 'fs';`],
    ['class field initialiser', `class A { dep = require('x'); }`],
    ['local function named require', `function f() { function require(x) { return x; } return require('x'); }`],
    ['require parameter', `function f(require) { return require('x'); }`],
    ['require.resolve (version-lookup owns it)', `function f() { return require.resolve('x'); }`],
    ['createRequire (version-lookup owns it)', `const { createRequire } = require('module'); function f() { return createRequire(__filename); }`],
    ['require of a package.json (version-lookup owns it)', `function v(n) { return require(n + '/package.json').version; }`],
    ['import() of a package.json (version-lookup owns it)', `async function v() { return import('./package.json', { with: { type: 'json' } }); }`],
    ['method named require', `function f(loader) { return loader.require('x'); }`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(dynamicRequire, code), []));
  }

  it('points at the require call', () => {
    assert.deepEqual(detect(dynamicRequire, `function f() {\n  return   require('x');\n}`), [{ operation: 'require', line: 2, column: 12 }]);
  });
});
