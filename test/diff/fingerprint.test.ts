// fingerprint(finding): the identity diff and SARIF partialFingerprints rely on. It must survive what
// does not change the problem (lines, columns, files moving, version bumps) and change with what does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprint, packageName } from '../../src/model/fingerprint.js';
import { find, fixtureReport } from './diff-fixtures.js';

describe('fingerprint', () => {
  const f = find(fixtureReport(), 'version-lookup', 'require.resolve');

  it('is 32 hex characters and deterministic', () => {
    assert.match(fingerprint(f), /^[0-9a-f]{32}$/);
    assert.equal(fingerprint(f), fingerprint(structuredClone(f)));
  });
  it('ignores line, column, file, original location, version and severity', () => {
    const moved = {
      ...f,
      severity: 'low' as const,
      line: f.line + 40,
      column: 3,
      file: 'build/cjs/utils.js',
      original: null,
      package: 'fixture-tsc-cjs@9.9.9',
      callPath: f.callPath.map((s) => ({ ...s, line: s.line + 7 })),
    };
    assert.equal(fingerprint(moved), fingerprint(f));
  });
  it('changes with the rule, the frequency, the operation, the call path, the hook and the package name', () => {
    const base = fingerprint(f);
    assert.notEqual(fingerprint({ ...f, frequency: 'once' }), base, 'a cache added is a fix');
    assert.notEqual(fingerprint({ ...f, ruleId: 'sync-fs' }), base);
    assert.notEqual(fingerprint({ ...f, operation: 'read package.json' }), base);
    assert.notEqual(fingerprint({ ...f, callPath: [...f.callPath, { function: 'extra', file: 'x.js', line: 1 }] }), base);
    assert.notEqual(fingerprint({ ...f, hook: { ...f.hook!, target: 'some-lib:Client.prototype.connect' } }), base);
    assert.notEqual(fingerprint({ ...f, package: 'other-instrumentation@1.4.0' }), base);
  });
  it('packageName strips the version, scoped names included', () => {
    assert.equal(packageName('@opentelemetry/instrumentation-pg@0.50.0'), '@opentelemetry/instrumentation-pg');
    assert.equal(packageName('pg@8.0.0'), 'pg');
    assert.equal(packageName('@scope/name'), '@scope/name');
  });
});
