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
    ['at module top level (frequency is the analysis\' call)', `const re = new RegExp(process.argv[2]);`, ['new RegExp']],
    ['TypeScript source', `export function match(p: string, s: string): boolean { return new RegExp(p as string, 'u').test(s); }`, ['new RegExp'], 'x.ts'],
  ];
  for (const [name, code, ops, fileName] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(regexCompile, code, fileName), ops));
  }

  const quiet: Array<[string, string]> = [
    ['regex literal', `function f(s) { return /^a+$/.test(s); }`],
    ['constant string pattern', `function f(s) { return new RegExp('^a+$').test(s); }`],
    ['constant template', 'function f(s) { return new RegExp(`^a+$`, \'g\').test(s); }'],
    ['constant concatenation', `function f(s) { return new RegExp('^a' + '+$').test(s); }`],
    ['const variable pattern', `const PAT = '^a+'; function f(s) { return new RegExp(PAT + '$').test(s); }`],
    ['copy of a regex literal with new flags', `function f(s) { return new RegExp(/a+/, 'g').test(s); }`],
    ['copy of a const regex literal', `const RE = /a+/; function f(s) { return new RegExp(RE, 'g').test(s); }`],
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
