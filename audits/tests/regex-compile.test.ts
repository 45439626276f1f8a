import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { regexCompile } from '../regex-compile.js';
import { detect, operations } from '../../test/helpers/detect.js';

describe('regex-compile', () => {
  const flagged: Array<[string, string, string[], string?]> = [
    ['new RegExp of a parameter', `function f(p, s) { return new RegExp(p).test(s); }`, ['new RegExp']],
    ['RegExp() call', `function f(p) { return RegExp(p, 'i'); }`, ['new RegExp']],
    ['concatenated with runtime data', `function f(host) { return new RegExp('^https?://' + host); }`, ['new RegExp']],
    ['template with runtime data', 'function f(route) { return new RegExp(`^${route}$`); }', ['new RegExp']],
    ['escaped value', `function f(v) { return new RegExp(v.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&'), 'g'); }`, ['new RegExp']],
    ['let pattern', `let pat = 'a'; function f(s) { pat = s; return new RegExp(pat); }`, ['new RegExp']],
    ['property pattern', `function f(cfg) { return new RegExp(cfg.ignore); }`, ['new RegExp']],
    ['globalThis.RegExp', `function f(p) { return new globalThis.RegExp(p); }`, ['new RegExp']],
    ["at module top level (frequency is the analysis' call)", `const re = new RegExp(process.argv[2]);`, ['new RegExp']],
    ['TypeScript source', `export function match(p: string, s: string): boolean { return new RegExp(p as string, 'u').test(s); }`, ['new RegExp'], 'x.ts'],
    ['copy of a regex literal with new flags', `function f(s) { return new RegExp(/a+/, 'g').test(s); }`, ['new RegExp']],
    ['copy of a const regex literal', `const RE = /a+/; function f(s) { return new RegExp(RE, 'g').test(s); }`, ['new RegExp']],
    ['minimatch(path, glob), CommonJS default', `const minimatch = require('minimatch'); function f(p) { return minimatch(p, 'src/**/*.js'); }`, ['minimatch']],
    ['minimatch named export, ESM', `import { minimatch } from 'minimatch'; export const f = (p, g) => minimatch(p, g);`, ['minimatch.minimatch']],
    ['new Minimatch, destructured', `const { Minimatch } = require('minimatch'); function f(g) { return new Minimatch(g).match('x'); }`, ['new minimatch.Minimatch']],
    ['minimatch.makeRe, tsc interop', `const minimatch_1 = require("minimatch"); function f(g) { return (0, minimatch_1.makeRe)(g); }`, ['minimatch.makeRe']],
    ['picomatch(glob) matcher', `const picomatch = require('picomatch'); function f(g, p) { return picomatch(g)(p); }`, ['picomatch']],
    ['picomatch.isMatch', `import pm from 'picomatch'; export const f = (p) => pm.isMatch(p, '*.js');`, ['picomatch.isMatch']],
    ['micromatch.isMatch', `const mm = require('micromatch'); function f(p, globs) { return mm.isMatch(p, globs); }`, ['micromatch.isMatch']],
    [
      'path-to-regexp match and compile',
      `const { match, compile } = require('path-to-regexp'); function f(route, p) { return [match(route)(p), compile(route)({})]; }`,
      ['path-to-regexp.match', 'path-to-regexp.compile'],
    ],
    ['pathToRegexp, ESM', `import { pathToRegexp } from 'path-to-regexp'; export const f = (route) => pathToRegexp(route);`, ['path-to-regexp.pathToRegexp']],
    ['String.prototype.match with a built pattern', 'function wildcard(pattern, text) { return text.match(`^${pattern.replace(/\\*/g, ".*")}$`) !== null; }', ['String.prototype.match']],
    ['String.prototype.search with a concatenated pattern', `function f(s, word) { return s.search('\\b' + word + '\\b'); }`, ['String.prototype.search']],
    ['path-to-regexp v1 default export', `const toRegexp = require('path-to-regexp'); function f(route) { return toRegexp(route); }`, ['path-to-regexp']],
  ];
  for (const [name, code, ops, fileName] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(regexCompile, code, fileName), ops));
  }

  const quiet: Array<[string, string]> = [
    ['regex literal', `function f(s) { return /^a+$/.test(s); }`],
    ['constant string pattern', `function f(s) { return new RegExp('^a+$').test(s); }`],
    ['constant template', "function f(s) { return new RegExp(`^a+$`, 'g').test(s); }"],
    ['constant concatenation', `function f(s) { return new RegExp('^a' + '+$').test(s); }`],
    ['const variable pattern', `const PAT = '^a+'; function f(s) { return new RegExp(PAT + '$').test(s); }`],
    ['minimatch.escape (no compile)', `const { escape } = require('minimatch'); function f(p) { return escape(p); }`],
    ['a local function named match', `function match(p) { return p; } function f(p) { return match(p); }`],
    ['String.prototype.match with a regex literal', `function f(s) { return s.match(/a+/); }`],
    ['a look-alike module', `const minimatch = require('./minimatch'); function f(p) { return minimatch(p, '*'); }`],
    ['String.prototype.match with a constant string', `function f(s) { return s.match('a+'); }`],
    ['match with a value of unknown type', `function f(s, re) { return s.match(re); }`],
    ['split and replace with strings', 'function f(s, sep) { return s.split(`${sep}`).join(",").replace("a" + sep, ""); }'],
    ['picomatch.scan (no compile)', `const pm = require('picomatch'); function f(g) { return pm.scan(g); }`],
    ['no pattern', `function f() { return new RegExp(); }`],
    ['shadowed RegExp', `function f(RegExp, p) { return new RegExp(p); }`],
    ['local RegExp class', `class RegExp {} function f(p) { return new RegExp(p); }`],
    ['other constructor', `function f(p) { return new URL(p); }`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(regexCompile, code), []));
  }

  it('points at the new expression', () => {
    assert.deepEqual(detect(regexCompile, `function f(p) {\n  return  new RegExp(p);\n}`), [{ operation: 'new RegExp', line: 2, column: 11 }]);
  });
});
