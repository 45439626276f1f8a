// --hooks GLOB: `*` crosses `/` and `:` (targets are module paths), braces give alternatives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, packageGlob } from '../../src/util/glob.js';

describe('glob', () => {
  const id = '@opentelemetry/instrumentation-pg:pg/lib/client.js:prototype.query';
  it('matches across / and :', () => {
    assert.ok(globToRegExp('*pg:*query').test(id));
    assert.ok(globToRegExp('@opentelemetry/instrumentation-pg:*').test(id));
    assert.ok(!globToRegExp('*pg:*connect').test(id));
  });
  it('takes {a,b} alternatives and ? as one character', () => {
    assert.ok(globToRegExp('*:*.{query,connect}').test(id));
    assert.ok(globToRegExp('@opentelemetry/instrumentation-p?:*').test(id));
  });
  it('treats regular expression characters and unbalanced braces literally', () => {
    assert.ok(globToRegExp('a.b(c)').test('a.b(c)'));
    assert.ok(!globToRegExp('a.b').test('axb'));
    assert.ok(globToRegExp('x{y').test('x{y'));
  });
  it('the package part is what comes before the first colon', () => {
    assert.ok(packageGlob('@opentelemetry/instrumentation-pg:*').test('@opentelemetry/instrumentation-pg'));
    assert.ok(!packageGlob('@opentelemetry/instrumentation-pg:*').test('@opentelemetry/instrumentation-http'));
    assert.ok(packageGlob('*pg').test('@opentelemetry/instrumentation-pg'));
  });
});
