// The snapshot helper fails on a missing snapshot unless asked to write it, and on any difference.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { matchSnapshot } from './snapshot.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-snapshot-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function withUpdate<T>(value: string | undefined, fn: () => T): T {
  const before = process.env.UPDATE_SNAPSHOTS;
  if (value === undefined) delete process.env.UPDATE_SNAPSHOTS;
  else process.env.UPDATE_SNAPSHOTS = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.UPDATE_SNAPSHOTS;
    else process.env.UPDATE_SNAPSHOTS = before;
  }
}

describe('matchSnapshot', () => {
  it('fails on a missing snapshot and writes nothing', () => {
    const file = path.join(dir, 'missing.txt');
    withUpdate(undefined, () => assert.throws(() => matchSnapshot(file, 'a\n'), /missing snapshot/));
    assert.throws(() => readFileSync(file), { code: 'ENOENT' });
  });
  it('writes it with UPDATE_SNAPSHOTS=1, then passes on the same text and fails on another', () => {
    const file = path.join(dir, 'sub', 'written.txt');
    withUpdate('1', () => matchSnapshot(file, 'a\nb\n'));
    assert.equal(readFileSync(file, 'utf8'), 'a\nb\n');
    withUpdate(undefined, () => matchSnapshot(file, 'a\nb\n'));
    withUpdate(undefined, () => assert.throws(() => matchSnapshot(file, 'a\nc\n'), /- b\n\+ c/));
  });
  it('CI or not makes no difference: a missing snapshot fails everywhere', () => {
    const file = path.join(dir, 'ci.txt');
    writeFileSync(path.join(dir, 'other.txt'), 'x');
    const ci = process.env.CI;
    delete process.env.CI;
    try {
      withUpdate(undefined, () => assert.throws(() => matchSnapshot(file, 'x'), /missing snapshot/));
    } finally {
      if (ci !== undefined) process.env.CI = ci;
    }
  });
});
