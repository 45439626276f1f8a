// The load report's views, on a report made by hand: the JSON is the model (it parses against the
// report schema, keys in the schema's order, the same twice), the terminal and Markdown views carry
// every variant and comparison, the HTML page is self-contained and well linked, with its sections and
// a flame graph per profiled variant.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { reportSchema } from '../../src/model/report.js';
import { renderLoadReport } from '../../src/report/load/render-load.js';
import { assertSelfContained, assertWellLinked, dataBlock } from '../report/html-helpers.js';
import { sampleLoadReport, sampleProfile, SLOW_FILE, SLOW_LINE, SLOW_PACKAGE } from './sample-load.js';

describe('load report views', () => {
  const report = sampleLoadReport();

  it('json: the report model as it is, valid against the schema, deterministic', () => {
    const text = renderLoadReport(report, { format: 'json' });
    const parsed = reportSchema.parse(JSON.parse(text));
    assert.deepEqual(
      parsed.load!.variants.map((v) => v.id),
      ['without', 'with', 'against'],
    );
    assert.equal(text, renderLoadReport(report, { format: 'json' }));
    const keys = Object.keys(JSON.parse(text) as object);
    assert.equal(keys.at(-1), 'load');
  });

  it('terminal: a row per variant, a line per comparison, the costliest package and the sites', () => {
    const text = renderLoadReport(report, { format: 'terminal' });
    for (const v of report.load!.variants) assert.match(text, new RegExp(`^  ${v.id}\\b`, 'm'));
    for (const c of report.load!.comparisons) assert.match(text, new RegExp(`^  ${c.variant} vs ${c.reference}`, 'm'));
    assert.ok(text.includes(SLOW_PACKAGE));
    assert.ok(text.includes(`${SLOW_FILE}:${SLOW_LINE}`));
    assert.doesNotMatch(text, /\x1b\[/, 'no colour unless asked');
  });

  it('markdown: a table row per variant and the operations with their sites', () => {
    const text = renderLoadReport(report, { format: 'markdown' });
    assert.match(text, /^### otel-audit load: \*\*pass\*\*/);
    assert.equal(text.split('\n').filter((l) => /^\| (without|with|against)\b/.test(l)).length, 3);
    assert.ok(text.includes(`\`${SLOW_FILE}:${SLOW_LINE}\``));
  });

  it('html: self-contained, well linked, every section, a flame graph per profiled variant', () => {
    const profiles = new Map([
      ['without', sampleProfile()],
      ['against', sampleProfile()],
    ]);
    const html = renderLoadReport(report, { format: 'html', variantProfiles: profiles });
    assertSelfContained(html);
    assertWellLinked(html);
    for (const id of ['load-summary', 'load-differences', 'load-attribution', 'load-ops', 'profiles']) assert.match(html, new RegExp(`<section id="${id}"`), id);
    assert.equal(html.match(/<svg class="flame"/g)?.length, 2);
    assert.deepEqual((dataBlock(html, 'report-data') as { load: { variants: unknown[] } }).load.variants.length, 3);
  });

  it('the committed reports/load.json (npm run reports) matches the report schema', () => {
    const committed = reportSchema.parse(JSON.parse(readFileSync(new URL('../../../reports/load.json', import.meta.url), 'utf8')));
    assert.deepEqual(
      committed.load!.variants.map((v) => v.id),
      ['without', 'with', 'against'],
    );
  });
});
