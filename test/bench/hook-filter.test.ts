// --hooks GLOB: the package part of a `<package>:<target>` pattern.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hookFilter, packagePattern } from '../../src/bench/run/hook-filter.js';

describe('hook filter', () => {
  it('the package part is what comes before the first colon outside braces', () => {
    assert.equal(packagePattern('@opentelemetry/instrumentation-pg:*'), '@opentelemetry/instrumentation-pg');
    assert.equal(packagePattern('{a:b,c}:x'), '{a:b,c}');
    assert.equal(packagePattern('*pg'), '*pg*');
    const f = hookFilter('@opentelemetry/instrumentation-pg:*');
    assert.ok(f.package('@opentelemetry/instrumentation-pg'));
    assert.ok(!f.package('@opentelemetry/instrumentation-http'));
    assert.ok(hookFilter('*pg').package('@opentelemetry/instrumentation-pg'));
  });
  it('filters hooks by <package>:<target>', () => {
    const f = hookFilter('*instrumentation-pg:*query');
    assert.ok(f.hook('@opentelemetry/instrumentation-pg:pg/lib/client.js:prototype.query'));
    assert.ok(!f.hook('@opentelemetry/instrumentation-pg:pg/lib/client.js:prototype.connect'));
  });
});
