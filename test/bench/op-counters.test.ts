// The op counters install what the rules declare (audits/<id>.meta.ts) and nothing of their own:
// a call that does nothing counts nothing, a target two rules declare counts once, and everything is
// put back afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { countOps } from '../../src/bench/counters/op-counters.js';

const self = fileURLToPath(import.meta.url);

describe('countOps', () => {
  it('counts nothing for a call that does nothing (installing the counters is not counted)', async () => {
    const { opsPerCall } = await countOps(() => undefined, 4, 1_000);
    assert.deepEqual(opsPerCall, {});
  });

  it('counts a target declared by several rules once per call (fs.readFileSync: version-lookup and sync-fs)', async () => {
    const { opsPerCall, opSites } = await countOps(
      () => {
        fs.readFileSync(self);
        os.hostname();
        return undefined;
      },
      2,
      1_000,
    );
    assert.deepEqual(opsPerCall, { 'fs.readFileSync': 1, 'os.hostname': 1 });
    assert.equal(opSites['fs.readFileSync']?.file, self);
  });

  it('puts every wrapped function and global back', async () => {
    const current = (): unknown[] => [fs.readFileSync, os.hostname, JSON.parse, process.cwd, RegExp, Error, Error.captureStackTrace, Error.prepareStackTrace, process.env];
    const before = current();
    await countOps(() => undefined, 1, 1_000);
    current().forEach((value, i) => assert.equal(value, before[i], `item ${i}`));
  });
});
