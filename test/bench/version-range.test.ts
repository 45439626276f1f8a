// Module definitions' supportedVersions, read with semver's semantics (as InstrumentationBase reads them).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { patchVersions, pickVersion, satisfies } from '../../src/bench/harness/version-range.js';

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

  it('a hyphen range includes its whole upper bound (1.2 - 1.4 is <1.5.0-0)', () => {
    assert.equal(satisfies('1.4.9', ['1.2 - 1.4']), true);
    assert.equal(satisfies('1.5.0', ['1.2 - 1.4']), false);
    assert.equal(satisfies('1.1.9', ['1.2 - 1.4']), false);
  });

  it('prereleases: below their release, and inside a range only with includePrerelease', () => {
    assert.equal(satisfies('2.0.0-beta.1', ['^2.0.0']), false);
    assert.equal(satisfies('2.0.0-beta.1', ['^2.0.0'], { includePrerelease: true }), false, '2.0.0-beta.1 < 2.0.0 whatever the flag');
    assert.equal(satisfies('2.1.0-beta.1', ['^2.0.0']), false);
    assert.equal(satisfies('2.1.0-beta.1', ['^2.0.0'], { includePrerelease: true }), true);
    assert.equal(satisfies('2.0.0-beta.3', ['>=2.0.0-beta.1 <3']), true, 'a prerelease named in the range on the same tuple');
  });

  it('an unparsable range matches no version; an unparsable version satisfies nothing', () => {
    assert.equal(satisfies('1.0.0', ['not a range']), false);
    assert.equal(satisfies('99.0.0', ['>=1 <<2']), false);
    assert.equal(satisfies('1.0.0', ['not a range', '^1.0.0']), true, 'the other ranges still count');
    assert.equal(satisfies('banana', ['*']), false);
  });

  it('picks the lowest version of the newest alternative', () => {
    assert.equal(pickVersion(['>=8.0.3 <9']), '8.0.3');
    assert.equal(pickVersion(['^1.0.0', '^5.0.0', '^6.0.0']), '6.0.0');
    assert.equal(pickVersion(['>=0.22.0 <4', '>=0.10.0 <0.18.0']), '0.22.0');
    assert.equal(pickVersion(['2 || 3']), '3.0.0');
    assert.equal(pickVersion(['*']), '1.0.0');
    assert.equal(pickVersion(['2']), '2.0.0');
    assert.equal(pickVersion(['>= 6.7 < 8']), '6.7.0');
    assert.equal(pickVersion(['>2.1.0 <3']), '2.1.1');
    assert.equal(pickVersion(['<1']), '0.0.0', 'only 0.x is supported: 1.0.0 would be outside it');
  });

  it('skips unparsable ranges when picking; with none left, patches as for an open range', () => {
    assert.equal(pickVersion(['not a range', '^4.2.0']), '4.2.0');
    assert.equal(pickVersion(['not a range']), '1.0.0');
    assert.equal(pickVersion([]), '1.0.0');
  });

  it('versions to patch a mocked module with: the default first, then the first and a late version of every major each alternative spans, newest first', () => {
    // a patch that branches within a major (`minor >= 21` of 8) is taken at 8.99.99
    assert.deepEqual(patchVersions(['>=5.9.7 <10']), ['5.9.7', '9.99.99', '9.0.0', '8.99.99', '8.0.0', '7.99.99', '7.0.0', '6.99.99', '6.0.0', '5.99.99']);
    // each alternative's own majors, never one between them
    assert.deepEqual(patchVersions(['^1.0.0', '^5.0.0']), ['5.0.0', '5.99.99', '1.99.99', '1.0.0']);
    // a late version outside the range is not tried; an open range stops after a few majors
    assert.deepEqual(patchVersions(['>=4.0.0 <4.5.0']), ['4.0.0']);
    assert.equal(patchVersions(['>=1']).length, 12);
    assert.deepEqual(patchVersions(['not a range']), ['1.0.0']);
  });
});
