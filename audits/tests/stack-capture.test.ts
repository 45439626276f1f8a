import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stackCapture } from '../stack-capture.js';
import { detect, operations } from '../../test/helpers/detect.js';

describe('stack-capture', () => {
  const flagged: Array<[string, string, string[], string?]> = [
    ['Error.captureStackTrace', `function f(o) { Error.captureStackTrace(o); return o.stack; }`, ['Error.captureStackTrace']],
    ['new Error().stack', `function caller() { return new Error().stack.split('\\n')[2]; }`, ['new Error().stack']],
    ['new Error without parens', `function caller() { return (new Error).stack; }`, ['new Error().stack']],
    ['stack through a const', `function caller() { const e = new Error('probe'); return e.stack; }`, ['new Error().stack']],
    ['stack of an Error() call', `function caller() { return Error('x').stack; }`, ['new Error().stack']],
    ['stack of a subclass', `class Probe extends Error {} function caller() { return new Probe().stack; }`, ['new Error().stack']],
    ['destructured stack', `function caller() { const { stack } = new Error(); return stack; }`, ['new Error().stack']],
    ['throw new Error', `function f(x) { if (!x) throw new Error('missing'); }`, ['throw new Error']],
    ['throw new TypeError', `function f(x) { throw new TypeError('bad'); }`, ['throw new TypeError']],
    ['throw new RangeError', `function f(x) { throw new RangeError('bad'); }`, ['throw new RangeError']],
    ['throw Error() without new', `function f() { throw Error('bad'); }`, ['throw new Error']],
    ['throw globalThis.Error', `function f() { throw new globalThis.Error('bad'); }`, ['throw new Error']],
    ['throw of a local subclass', `class DroppedError extends Error {} function f() { throw new DroppedError('dropped'); }`, ['throw new DroppedError']],
    ['throw of a subclass of a subclass', `class A extends TypeError {} class Dropped extends A {} function f() { throw new Dropped(); }`, ['throw new Dropped']],
    ['throw of a class expression subclass', `const Skip = class extends Error {}; function f() { throw new Skip(); }`, ['throw new Skip']],
    [
      'throw of a tsc ES5 subclass',
      `var Skip = /** @class */ (function (_super) { __extends(Skip, _super); function Skip() { return _super.call(this) || this; } return Skip; }(Error)); function f() { throw new Skip(); }`,
      ['throw new Skip'],
    ],
    ['throw of an imported *Error (SentryError)', `const error_1 = require("./error"); function f() { throw new error_1.SentryError('Event dropped'); }`, ['throw new SentryError']],
    ['throw of an ESM-imported *Error', `import { SentryError } from './error'; export function f() { throw new SentryError('x'); }`, ['throw new SentryError']],
    ['throw of a local subclass of an imported *Error', `import { BaseError } from './errors'; class Dropped extends BaseError {} export function f() { throw new Dropped(); }`, ['throw new Dropped']],
    ['console.trace', `function f() { console.trace('here'); }`, ['console.trace']],
    ['a bare new Error handed to a callback', `function f(cb) { cb(new Error('timeout')); }`, ['new Error']],
    ['a bare new TypeError kept in a variable', `function f(span) { const err = new TypeError('bad'); span.recordException(err); }`, ['new TypeError']],
    ['Error() without new, returned', `function f() { return Error('x'); }`, ['new Error']],
    ['an imported *Error built, not thrown', `const error_1 = require("./error"); function f(cb) { return cb(new error_1.SentryError('dropped')); }`, ['new SentryError']],
    ['a message read off a new Error', `function f() { return new Error().message; }`, ['new Error']],
    ['an error whose stack is written, not read', `function f(src) { const e = new Error(); e.stack = src.stack; return e; }`, ['new Error']],
    ['new Error, then thrown through a variable', `function f() { const e = new RangeError('x'); throw e; }`, ['new RangeError']],
    ['TypeScript source', `class SkipError extends Error {}\nexport function f(x: number): void { if (x > 1) throw new SkipError('skip' as string); }`, ['throw new SkipError'], 'x.ts'],
  ];
  for (const [name, code, ops, fileName] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(stackCapture, code, fileName), ops));
  }

  const quiet: Array<[string, string]> = [
    ['rethrow of a caught error', `function f() { try { g(); } catch (e) { throw e; } }`],
    ['throw of a non-error value', `function f() { throw { code: 1 }; }`],
    ['throw of a local class that does not extend Error', `class Result {} function f() { throw new Result(); }`],
    ['throw of a parameter-held class', `function f(Cls) { throw new Cls(); }`],
    ['shadowed Error', `function f(Error) { throw new Error('x'); }`],
    ['stack of an unrelated object', `function f(err) { return err.stack; }`],
    ['stack of a reassigned variable', `function f(other) { let e = new Error(); e = other; return e.stack; }`],
    ['captureStackTrace on another object', `function f(V8, o) { V8.captureStackTrace(o); }`],
    ['shadowed console', `function f(console) { console.trace('x'); }`],
    ['console.log', `function f() { console.log('x'); }`],
    [
      'an error built with the stack trace limit set to 0',
      `function f(msg) { const limit = Error.stackTraceLimit; Error.stackTraceLimit = 0; const e = new Error(msg); Error.stackTraceLimit = limit; return e; }`,
    ],
    ['other constructors', `function f() { return [new Date(), new Map(), new URL('http://x')]; }`],
    ['a local class that does not extend Error, built', `class Result {} function f() { return new Result(); }`],
    ['local function ending in Error', `function makeError() {} function f() { throw new makeError(); }`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(stackCapture, code), []));
  }

  it('points at the constructed error of a throw', () => {
    const code = `function f(x) {\n  if (!x) {\n    throw   new Error('missing');\n  }\n}`;
    assert.deepEqual(detect(stackCapture, code), [{ operation: 'throw new Error', line: 3, column: 13 }]);
  });
});
