// The report must not depend on how the analysis was spread over threads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { scan } from '../../src/scan/scan.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = [`${root}test/fixtures/packages`, `${root}test/fixtures/monorepo/packages`];

describe('worker threads', () => {
  it('give the same report as a scan in one thread', async () => {
    const here = await scan(corpus, { workers: 1, now: () => 0 });
    const spread = await scan(corpus, { workers: 2, now: () => 0 });
    assert.ok(here.findings.length > 0);
    assert.deepEqual(spread, here);
  });
});
