// The action's inputs and event parsing, without running it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ActionInputError, DEFAULT_INSTALL, readInputs } from '../../src/action/action-inputs.js';
import { changedLockfiles } from '../../src/action/lockfile-changed.js';
import { pullRequestOf } from '../../src/action/pull-request.js';

describe('readInputs', () => {
  it('defaults', () => {
    const i = readInputs({});
    assert.deepEqual([i.failOn, i.thresholdPct, i.paths, i.installCommand, i.comment, i.always, i.baseReport], ['high', 10, ['node_modules/@opentelemetry'], DEFAULT_INSTALL, true, false, null]);
  });
  it('reads INPUT_* with underscores or dashes; an empty install command skips installing', () => {
    const i = readInputs({ 'INPUT_FAIL-ON': 'medium', INPUT_PATH: 'node_modules/@opentelemetry\nnode_modules/@traceloop', INPUT_INSTALL_COMMAND: '', INPUT_COMMENT: 'false' });
    assert.deepEqual([i.failOn, i.paths, i.installCommand, i.comment], ['medium', ['node_modules/@opentelemetry', 'node_modules/@traceloop'], '', false]);
  });
  it('rejects bad values', () => {
    assert.throws(() => readInputs({ INPUT_FAIL_ON: 'critical' }), ActionInputError);
    assert.throws(() => readInputs({ INPUT_THRESHOLD_PCT: 'ten' }), ActionInputError);
    assert.throws(() => readInputs({ INPUT_ALWAYS: 'maybe' }), ActionInputError);
  });
});

describe('pullRequestOf', () => {
  it('reads the recorded pull_request event', () => {
    const event = JSON.parse(readFileSync(fileURLToPath(new URL('../../../test/fixtures/action/event.json', import.meta.url)), 'utf8')) as unknown;
    assert.deepEqual(pullRequestOf(event), { owner: 'acme', repo: 'checkout-service', number: 42, baseSha: '0'.repeat(40), headSha: '2'.repeat(40), baseRef: 'main' });
  });
  it('is null for other events', () => {
    assert.equal(pullRequestOf({ ref: 'refs/heads/main' }), null);
    assert.equal(pullRequestOf(null), null);
  });
});

describe('changedLockfiles', () => {
  it('matches lockfile names anywhere in the tree', () => {
    assert.deepEqual(changedLockfiles(['README.md', 'package-lock.json', 'apps/web/pnpm-lock.yaml', 'docs/package-lock.json.md'], ['package-lock.json', 'pnpm-lock.yaml']), [
      'package-lock.json',
      'apps/web/pnpm-lock.yaml',
    ]);
  });
});
