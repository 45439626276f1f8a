import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Report } from '../../src/model/report.js';
import { renderJson } from '../../src/report/render-json.js';
import { sampleReport } from './sample-report.js';

/** the same data with every object's keys inserted in reverse order */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, x]) => [k, reversedKeys(x)]),
  );
}

describe('renderJson', () => {
  const text = renderJson(sampleReport());

  it('is the report as it is: parsing it gives the Report back', () => {
    assert.deepEqual(JSON.parse(text), sampleReport());
  });

  it('uses 2-space indentation and ends with a newline', () => {
    assert.ok(text.startsWith('{\n  "schemaVersion": 1,\n'));
    assert.ok(text.endsWith('}\n'));
  });

  it('orders keys as the model declares them, whatever order they were built in', () => {
    assert.equal(renderJson(reversedKeys(sampleReport()) as Report), text);
    const parsed = JSON.parse(text) as Report;
    assert.deepEqual(Object.keys(parsed), ['schemaVersion', 'tool', 'root', 'roots', 'costTable', 'packages', 'dependencyFiles', 'findings', 'errors', 'summary']);
    assert.deepEqual(Object.keys(parsed.findings[0]!).slice(0, 8), ['ruleId', 'severity', 'frequency', 'package', 'root', 'file', 'line', 'column']);
    assert.deepEqual(Object.keys(parsed.summary.bySeverity), ['high', 'medium', 'low', 'info']);
    assert.deepEqual(Object.keys(parsed.summary.byFrequency), ['per-call', 'once', 'init', 'unknown']);
    assert.deepEqual(Object.keys(parsed.findings[0]!.callPath[1]!), ['function', 'file', 'line', 'original']);
  });

  it('keeps keys the model does not know yet, after the known ones, sorted', () => {
    const extended = { ...sampleReport(), zeta: 1, alpha: 2 } as Report;
    const keys = Object.keys(JSON.parse(renderJson(extended)) as object);
    assert.deepEqual(keys.slice(-2), ['alpha', 'zeta']);
  });

  it('omits optional fields that are absent rather than writing null', () => {
    const parsed = JSON.parse(text) as Report;
    assert.equal('suppressed' in parsed.findings[0]!, false);
    assert.equal(parsed.findings[2]!.original, null, 'null original stays null');
  });
});
