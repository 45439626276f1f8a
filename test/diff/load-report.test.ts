// Report input for diff: every bad input is a ReportInputError naming the file and the problem.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadReport, parseReport, ReportInputError } from '../../src/diff/load-report.js';
import { fixtureReport } from './diff-fixtures.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function problem(text: string): Promise<string> {
  const file = path.join(dir, `r${Math.random()}.json`);
  writeFileSync(file, text);
  try {
    await loadReport(file);
  } catch (err) {
    assert.ok(err instanceof ReportInputError);
    assert.ok(err.message.startsWith(file), 'names the file');
    return err.message;
  }
  throw new Error('expected a ReportInputError');
}

describe('loadReport', () => {
  it('reads a report', async () => {
    const file = path.join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(fixtureReport()));
    assert.equal((await loadReport(file)).findings.length, fixtureReport().findings.length);
  });
  it('says what is wrong', async () => {
    assert.match(await problem('{ nope'), /not JSON/);
    assert.match(await problem('[]'), /not an otel-audit report/);
    assert.match(await problem('{"name":"x"}'), /no schemaVersion/);
    assert.match(await problem(JSON.stringify({ ...fixtureReport(), schemaVersion: 2 })), /unsupported schemaVersion 2/);
    assert.match(await problem(JSON.stringify({ ...fixtureReport(), tool: { name: 'eslint' } })), /tool\.name/);
    assert.match(await problem(JSON.stringify({ ...fixtureReport(), findings: [{ ruleId: 1 }] })), /findings\[0\]\.ruleId/);
  });
  it('missing files and folders', async () => {
    await assert.rejects(loadReport(path.join(dir, 'missing.json')), /not found/);
    await assert.rejects(loadReport(dir), /is a folder/);
  });
  it('fills roots for reports that predate it', () => {
    const { roots: _roots, ...old } = fixtureReport();
    assert.deepEqual(parseReport(JSON.stringify(old), 'old.json').roots, [old.root]);
  });
});
