// The exit-code policy and the option helpers the CLI delegates to, tested without spawning.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPaths } from '../../src/discover/check-paths.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, exitCodeFor, severityAtLeast } from '../../src/policy/exit-code.js';
import { isPathError, pathError, withPathErrors } from '../../src/model/path-error.js';
import { parseRuleIds, UsageError } from '../../src/policy/rule-selection.js';
import type { Finding, Report } from '../../src/model/report.js';
import { initEnvRead, perCallSyncFs, sampleReport, suppressedPerCall } from '../report/sample-report.js';

const withFindings = (...findings: Finding[]): Report => ({ ...sampleReport(), findings, errors: [] });

describe('severityAtLeast', () => {
  it('orders high > medium > low > info', () => {
    assert.equal(severityAtLeast('high', 'medium'), true);
    assert.equal(severityAtLeast('medium', 'medium'), true);
    assert.equal(severityAtLeast('low', 'medium'), false);
    assert.equal(severityAtLeast('info', 'info'), true);
    assert.equal(severityAtLeast('info', 'low'), false);
  });
});

describe('exitCodeFor', () => {
  it('is 0 with --fail-on none, whatever was found', () => {
    assert.equal(exitCodeFor(withFindings(perCallSyncFs), 'none'), EXIT_OK);
  });
  it('is 1 for a per-call finding at or above the threshold', () => {
    assert.equal(exitCodeFor(withFindings(perCallSyncFs), 'high'), EXIT_FINDINGS);
    assert.equal(exitCodeFor(withFindings(perCallSyncFs), 'info'), EXIT_FINDINGS);
    assert.equal(exitCodeFor(withFindings({ ...perCallSyncFs, severity: 'low' }), 'medium'), EXIT_OK);
  });
  it('ignores once/init/unknown and suppressed findings', () => {
    assert.equal(exitCodeFor(withFindings({ ...initEnvRead, severity: 'high' }), 'info'), EXIT_OK);
    assert.equal(exitCodeFor(withFindings({ ...perCallSyncFs, frequency: 'once' }), 'info'), EXIT_OK);
    assert.equal(exitCodeFor(withFindings(suppressedPerCall), 'info'), EXIT_OK);
  });
  it('does not fail on errors inside the scan (a broken package.json is listed, not fatal)', () => {
    assert.equal(exitCodeFor(sampleReport(), 'none'), EXIT_OK);
  });
  it('is 2 when a given path was missing, even with findings (1 and 2 never mix)', () => {
    const report = withPathErrors(withFindings(perCallSyncFs), [pathError('missing-path', 'nope', 'path not found: nope')]);
    assert.equal(exitCodeFor(report, 'high'), EXIT_ERROR);
    assert.equal(exitCodeFor(report, 'none'), EXIT_ERROR);
  });
});

describe('path errors', () => {
  it('are put first and counted in the summary', () => {
    const report = withPathErrors(sampleReport(), [pathError('missing-path', 'x', 'path not found: x')]);
    assert.equal(report.errors.length, 2);
    assert.equal(report.errors[0]!.kind, 'missing-path');
    assert.equal(report.summary.errors, 2);
    assert.equal(isPathError(report.errors[0]!), true);
    assert.equal(isPathError(report.errors[1]!), false);
  });
  it('checkPaths keeps the order given and splits readable from missing', async () => {
    const { readable, errors } = await checkPaths(['.', 'no/such/dir', 'package.json']);
    assert.deepEqual(readable, ['.', 'package.json']);
    assert.deepEqual(
      errors.map((e) => [e.kind, e.file]),
      [['missing-path', 'no/such/dir']],
    );
  });
});

describe('parseRuleIds', () => {
  const known = ['sync-fs', 'env-read', 'os-query'];
  it('splits, trims and de-duplicates, also across repeated --rules', () => {
    assert.deepEqual(parseRuleIds(' sync-fs, env-read ,sync-fs', known), ['sync-fs', 'env-read']);
    assert.deepEqual(parseRuleIds(['sync-fs', 'os-query,env-read'], known), ['sync-fs', 'os-query', 'env-read']);
  });
  it('rejects unknown ids, naming them and every valid id', () => {
    assert.throws(
      () => parseRuleIds('sync-fs,nope', known),
      (err: unknown) => {
        assert.ok(err instanceof UsageError);
        assert.ok(err.message.includes('nope'));
        for (const id of known) assert.ok(err.message.includes(id));
        return true;
      },
    );
    assert.throws(() => parseRuleIds(',', known), UsageError);
  });
});
