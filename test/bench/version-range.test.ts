// The semver subset the harness uses for modules' supportedVersions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pickVersion, satisfies } from '../../src/bench/harness/version-range.js';

describe('version ranges', () => {
  it('satisfies the range forms instrumentations use', () => {
    assert.equal(satisfies('8.11.0', ['>=8.0.3 <9']), true);
    assert.equal(satisfies('9.0.0', ['>=8.0.3 <9']), false);
    assert.equal(satisfies('5.23.2', ['>=4.19.0 <7']), true);
    assert.equal(satisfies('1.4.0', ['^1.0.0']), true);
    assert.equal(satisfies('2.0.0', ['^1.0.0']), false);
    assert.equal(satisfies('6.8.0', ['>= 6.7 < 8']), true);
    assert.equal(satisfies('20.19.0', ['*']), true);
    assert.equal(satisfies('4.0.0', ['^1.0.0', '^4.0.0']), true);
    assert.equal(satisfies('3.1.0', ['2 || 3']), true);
    assert.equal(satisfies('0.3.5', ['~0.3.1']), true);
  });

  it('picks the lowest version of the newest alternative', () => {
    assert.equal(pickVersion(['>=8.0.3 <9']), '8.0.3');
    assert.equal(pickVersion(['^1.0.0', '^5.0.0', '^6.0.0']), '6.0.0');
    assert.equal(pickVersion(['>=0.22.0 <4', '>=0.10.0 <0.18.0']), '0.22.0');
    assert.equal(pickVersion(['*']), '1.0.0');
    assert.equal(pickVersion(['2']), '2.0.0');
    assert.equal(pickVersion(['>= 6.7 < 8']), '6.7.0');
  });
});
