// The report's error list is the record of what the check did not look at: merging de-duplicates the
// same broken file seen by several analysers, never two packages that failed for the same reason.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportError } from '../../src/model/report.js';
import { mergeReport } from '../../src/scan/merge.js';
import type { ScanPlan } from '../../src/scan/plan.js';

const skipped = (pkg: string): ReportError => ({ package: pkg, file: null, kind: 'skipped-package', message: 'analysis failed, package skipped: Maximum call stack size exceeded' });

describe('mergeReport errors', () => {
  it('keeps one skipped-package error per package when the reasons read the same', () => {
    const plan: ScanPlan = { paths: ['/r'], roots: ['/r'], packages: [], errors: [skipped('a@1.0.0'), skipped('b@2.0.0'), skipped('a@1.0.0')] };
    const report = mergeReport(plan, [], [], 0);
    assert.deepEqual(
      report.errors.map((e) => e.package),
      ['a@1.0.0', 'b@2.0.0'],
    );
    assert.equal(report.summary.errors, 2);
  });
});
