import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeCompile } from '../code-compile.js';
import { operations } from '../../test/helpers/detect.js';

describe('code-compile', () => {
  const flagged: Array<[string, string, string[]]> = [
    ['new Function with a body built per call', `function f(m) { return new Function(m.arguments, m.body); }`, ['new Function']],
    ['Function called without new, constant body', `function f() { return Function('return this')(); }`, ['new Function']],
    ['globalThis.Function', `function f(b) { return new globalThis.Function('a', b); }`, ['new Function']],
    ['eval of a built string', `function f(x) { return eval('(' + x + ')'); }`, ['eval']],
    ['vm.runInThisContext, CommonJS', `const vm = require('vm'); function f(src) { return vm.runInThisContext(src); }`, ['vm.runInThisContext']],
    ['runInNewContext, destructured node:vm', `const { runInNewContext } = require('node:vm'); function f(src, s) { return runInNewContext(src, s); }`, ['vm.runInNewContext']],
    ['compileFunction, ESM named', `import { compileFunction } from 'node:vm'; export const f = (b) => compileFunction(b, ['a']);`, ['vm.compileFunction']],
    ['new vm.Script, ESM namespace', `import * as vm from 'vm'; export const f = (s) => new vm.Script(s);`, ['new vm.Script']],
  ];
  for (const [name, code, ops] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(codeCompile, code), ops));
  }

  const quiet: Array<[string, string]> = [
    ['new Function without arguments', `function f() { return new Function(); }`],
    ['eval of a constant string', `function f() { return eval('1 + 1'); }`],
    ['a parameter named Function', `function f(Function) { return new Function('x'); }`],
    ['a local eval', `function f(x) { const eval = (s) => s; return eval(x); }`],
    ['a method named runInContext on another object', `function f(ctx, s) { return ctx.runInContext(s); }`],
    ['vm.createContext', `const vm = require('vm'); function f() { return vm.createContext({}); }`],
    ['a local module named vm', `const vm = require('./vm'); function f(s) { return vm.runInThisContext(s); }`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(codeCompile, code), []));
  }
});
