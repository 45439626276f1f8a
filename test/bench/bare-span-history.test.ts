// This machine's remembered bare spans (src/bench/bare-span-history.ts): what a run reads back, what it
// appends, and how a missing, broken or unwritable file is handled. Files in a temp folder; no timing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HISTORY_SIZE, historyFile, historyKey, MIN_HISTORY, recordBareSpans, usualBareSpan } from '../../src/bench/run/bare-span-history.js';

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'otel-audit-history-'));

describe('bare-span history', () => {
  it('lives in the cache folder OTEL_AUDIT_CACHE_DIR names', () => {
    assert.equal(historyFile({ OTEL_AUDIT_CACHE_DIR: '/x/y' }), path.join('/x/y', 'bench-bare-span.json'));
  });
  it('keys the figures by the settings that move them', () => {
    assert.notEqual(historyKey(1, 2_000), historyKey(2, 2_000));
    assert.notEqual(historyKey(2, 100), historyKey(2, 2_000));
    assert.match(historyKey(2, 100), new RegExp(`node ${process.version.replace(/\./g, '\\.')} · .* · 2 at a time · --time 100$`));
  });
  it('has no usual figure until it holds enough values, then the median of them', () => {
    const file = path.join(tmp(), 'sub', 'h.json');
    assert.deepEqual(usualBareSpan(file, 'k'), { ns: null });
    assert.equal(recordBareSpans(file, 'k', [1_000, 1_200]), undefined);
    assert.ok(MIN_HISTORY > 2);
    assert.deepEqual(usualBareSpan(file, 'k'), { ns: null });
    recordBareSpans(file, 'k', [1_100, 5_000, 1_150, Number.NaN, -3]);
    assert.deepEqual(usualBareSpan(file, 'k'), { ns: 1_150 });
    // another setting's values are its own
    assert.deepEqual(usualBareSpan(file, 'other'), { ns: null });
  });
  it(`keeps the newest ${HISTORY_SIZE} values of a setting`, () => {
    const file = path.join(tmp(), 'h.json');
    recordBareSpans(
      file,
      'k',
      Array.from({ length: HISTORY_SIZE }, () => 9_000),
    );
    recordBareSpans(
      file,
      'k',
      Array.from({ length: HISTORY_SIZE / 2 + 1 }, () => 1_000),
    );
    const stored = (JSON.parse(readFileSync(file, 'utf8')) as { settings: Record<string, number[]> }).settings.k!;
    assert.equal(stored.length, HISTORY_SIZE);
    assert.deepEqual(usualBareSpan(file, 'k'), { ns: 1_000 });
  });
  it('says what is wrong with a broken file, and replaces it on the next record', () => {
    const file = path.join(tmp(), 'h.json');
    writeFileSync(file, '{ not json');
    assert.deepEqual(usualBareSpan(file, 'k'), { ns: null, problem: `${file}: not valid JSON` });
    writeFileSync(file, '{"schemaVersion": 7, "settings": {}}');
    assert.deepEqual(usualBareSpan(file, 'k'), { ns: null, problem: `${file}: not a bare-span history (schemaVersion 1)` });
    assert.equal(recordBareSpans(file, 'k', [1, 2, 3, 4, 5]), undefined);
    assert.deepEqual(usualBareSpan(file, 'k'), { ns: 3 });
  });
  it('says so when the file cannot be written, and goes on', { skip: process.getuid?.() === 0 ? 'root writes through file modes' : false }, () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'ro'));
    chmodSync(path.join(dir, 'ro'), 0o500);
    const file = path.join(dir, 'ro', 'h.json');
    assert.match(recordBareSpans(file, 'k', [1_000]) ?? '', /not written \(EACCES\)$/);
  });
  it('reports a folder in its place as unwritable rather than throwing', () => {
    const dir = tmp();
    const file = path.join(dir, 'h.json');
    mkdirSync(file);
    assert.match(usualBareSpan(file, 'k').problem ?? '', /unreadable \(EISDIR\)$/);
    assert.match(recordBareSpans(file, 'k', [1_000]) ?? '', /not written \(/);
  });
});
