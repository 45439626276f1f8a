// The op counters count what the audits flag, so that `scan --bench` can confirm a finding: each new
// operation an audit learns is counted here too. Counts only, never timings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { countOps } from '../../src/bench/counters/op-counters.js';

const require = createRequire(import.meta.url);

describe('op counters', () => {
  it('count the process queries of os-query and keep process.memoryUsage.rss working', async () => {
    let rss = 0;
    const { opsPerCall } = await countOps(
      () => {
        process.memoryUsage();
        process.cpuUsage();
        rss = process.memoryUsage.rss();
        return undefined;
      },
      3,
      5_000,
    );
    assert.equal(opsPerCall['process.memoryUsage'], 1);
    assert.equal(opsPerCall['process.cpuUsage'], 1);
    assert.ok(rss > 0);
    assert.equal(typeof process.memoryUsage.rss, 'function');
  });

  it('count a bare new Error and a RegExp copied from a literal', async () => {
    const { opsPerCall } = await countOps(
      () => {
        void new Error('not thrown');
        void new RegExp(/^a+$/, 'g');
        return undefined;
      },
      2,
      5_000,
    );
    assert.equal(opsPerCall['new Error'], 1);
    assert.equal(opsPerCall['new RegExp'], 1);
  });

  it('see a glob compiled per call by a dependency as new RegExp', async () => {
    const { minimatch } = require('minimatch') as { minimatch: (p: string, g: string) => boolean };
    const { opsPerCall } = await countOps(
      () => {
        minimatch('src/a/b.js', 'src/**/*.js');
        return undefined;
      },
      2,
      5_000,
    );
    assert.ok((opsPerCall['new RegExp'] ?? 0) >= 1, JSON.stringify(opsPerCall));
  });
});
