// The corpus score on tiny in-memory reports and labels: no corpus installed, no network.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installNeeded } from '../../src/dev/perf/install-corpus.js';
import { LabelFileError, parseWildLabels, type WildLabel } from '../../src/dev/wild-labels.js';
import { missedThresholds, packageRelativeFile, scoreWild, type ReportFindingLike, type ReportLike } from '../../src/dev/wild-score.js';

const ROOTS = ['corpus/node_modules/pkg-a', 'corpus/node_modules/@v/sdk'];

function finding(over: Partial<ReportFindingLike>): ReportFindingLike {
  return {
    ruleId: 'env-read',
    severity: 'low',
    frequency: 'per-call',
    package: 'pkg-a@1.0.0',
    root: 0,
    file: 'lib/a.js',
    line: 1,
    hook: { kind: 'wrap', target: 'lib:Client.prototype.query' },
    operation: 'process.env',
    ...over,
  };
}

function label(over: Partial<WildLabel>): WildLabel {
  return { package: 'pkg-a@1.0.0', file: 'lib/a.js', line: 1, ruleId: 'env-read', real: false, reason: 'error-path', evidence: 'why', ...over };
}

const trueLabel = (over: Partial<WildLabel>): WildLabel => label({ real: true, reason: undefined, hook: 'wrap:lib:Client.prototype.query', confirmedBy: 'count', ...over });

describe('wild corpus score', () => {
  it('takes files relative to their own package, also when reached in a dependency', () => {
    const report: ReportLike = { roots: ROOTS, findings: [] };
    assert.equal(packageRelativeFile(report, finding({})), 'lib/a.js');
    // a hoisted dependency reached from the second root, and a copy nested in the first
    assert.equal(packageRelativeFile(report, finding({ package: '@g/grpc@1.2.3', root: 1, file: '../../@g/grpc/build/m.js' })), 'build/m.js');
    assert.equal(packageRelativeFile(report, finding({ package: 'shim@0.1.0', file: 'node_modules/shim/build/s.js' })), 'build/s.js');
  });

  it('scores precision, precision at low+ and recall by site', () => {
    const report: ReportLike = {
      roots: ROOTS,
      findings: [
        finding({ line: 1, severity: 'info' }), // true
        finding({ line: 1, severity: 'low', hook: { kind: 'wrap', target: 'lib:other' } }), // same site, second hook
        finding({ line: 2, severity: 'info' }), // false, info
        finding({ line: 3, severity: 'high', ruleId: 'sync-fs' }), // false, high
        finding({ line: 4 }), // unlabelled
        finding({ line: 5, frequency: 'init' }), // a true cost found with the wrong frequency
        finding({ line: 7, deadBranch: 'a defensive check on parameter x' }), // reported, not counted as per call
        finding({ package: '@opentelemetry/x@2.0.0', root: 1, file: 'node_modules/@opentelemetry/x/a.js' }), // not corpus
        finding({ package: 'dep@3.0.0', root: 1, file: '../../dep/d.js', reachedFrom: '@v/sdk@1.0.0', line: 9, severity: 'info' }), // reached from the corpus
      ],
    };
    const labels = [
      trueLabel({ line: 1 }),
      label({ line: 2 }),
      label({ line: 3, ruleId: 'sync-fs', reason: 'singleton' }),
      trueLabel({ line: 5 }),
      trueLabel({ line: 6 }),
      label({ package: 'dep@3.0.0', file: 'd.js', line: 9, reason: 'error-path' }),
    ];
    const score = scoreWild(report, labels, new Set(['pkg-a', '@v/sdk']));
    assert.equal(score.perCallFindings, 6);
    assert.equal(score.perCallSites, 5);
    assert.equal(score.outOfScope, 1);
    assert.deepEqual(score.precision, { hits: 1, total: 4, value: 0.25 });
    // line 1 counts at its highest severity (low); line 2 and the dependency site are info
    assert.deepEqual(score.precisionLowPlus, { hits: 1, total: 2, value: 0.5 });
    assert.deepEqual(score.recall, { hits: 1, total: 3, value: 1 / 3 });
    assert.deepEqual(
      score.unlabelled.map((s) => s.line),
      [4],
    );
    assert.deepEqual(score.truePositives[0]!.site.hooks, ['wrap:lib:Client.prototype.query', 'wrap:lib:other']);
    assert.deepEqual(
      score.falsePositives.map((g) => [g.reason, g.sites.map((s) => s.site.line)]),
      [
        ['error-path', [9, 2]],
        ['singleton', [3]],
      ],
    );
    assert.deepEqual(
      score.missed.map((m) => [m.label.line, m.foundAs]),
      [
        [5, ['init']],
        [6, []],
      ],
    );
    assert.deepEqual(score.labels, { total: 6, real: 3, false: 3 });
  });

  it('reports missed thresholds and never misses a ratio it cannot compute', () => {
    const report: ReportLike = { roots: ROOTS, findings: [finding({ line: 1 }), finding({ line: 2 })] };
    const score = scoreWild(report, [trueLabel({ line: 1 }), label({ line: 2 })], new Set(['pkg-a']));
    assert.deepEqual(missedThresholds(score, { minPrecision: 50, minRecall: 100 }), []);
    assert.deepEqual(missedThresholds(score, { minPrecision: 80, minPrecisionLowPlus: 60 }), ['precision 50.0% < 80%', 'precision at low+ 50.0% < 60%']);
    const empty = scoreWild({ roots: ROOTS, findings: [] }, [], new Set(['pkg-a']));
    assert.deepEqual(missedThresholds(empty, { minPrecision: 90, minRecall: 90 }), []);
  });
});

describe('wild corpus labels file', () => {
  const good = { package: 'pkg-a@1.0.0', file: 'lib/a.js', line: 3, ruleId: 'env-read', real: false, reason: 'error-path', evidence: 'catch only' };
  const text = (labels: unknown[]): string => JSON.stringify({ labels });

  it('reads valid labels', () => {
    const labels = parseWildLabels(text([good, { ...good, line: 4, real: true, reason: undefined, hook: 'wrap:x:y', confirmedBy: 'read' }]), 'labels.json');
    assert.deepEqual(
      labels.map((l) => [l.line, l.real]),
      [
        [3, false],
        [4, true],
      ],
    );
  });

  it('names the file and the entry index of a malformed label', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ ...good, ruleId: 'env-reads' }, /ruleId/],
      [{ ...good, package: 'pkg-a' }, /name@version/],
      [{ ...good, file: '../x.js' }, /relative POSIX/],
      [{ ...good, line: 0 }, /line/],
      [{ ...good, reason: 'because' }, /reason/],
      [{ ...good, real: true, reason: undefined, confirmedBy: 'count' }, /names its hook/],
      [{ ...good, real: true, reason: undefined, hook: 'wrap:x:y' }, /confirmedBy/],
      [{ ...good, evidence: 'a\nb' }, /one non-empty line/],
      [{ ...good, extra: 1 }, /unknown field "extra"/],
    ];
    for (const [entry, message] of bad) {
      assert.throws(
        () => parseWildLabels(text([good, entry]), 'w/labels.json'),
        (err: unknown) => {
          assert.ok(err instanceof LabelFileError);
          assert.match(err.message, /^w\/labels\.json: labels\[1\]: /);
          assert.match(err.message, message);
          return true;
        },
      );
    }
    assert.throws(() => parseWildLabels(text([good, good]), 'l.json'), /labels\[1\]: same site as labels\[0\]/);
    assert.throws(() => parseWildLabels('{', 'l.json'), /^Error: l\.json: not JSON|l\.json: not JSON/);
    assert.throws(() => parseWildLabels('[]', 'l.json'), /l\.json: must be an object with a "labels" array/);
  });
});

describe('corpus install check', () => {
  it('installs when node_modules is missing or older than the lockfile', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-corpus-'));
    writeFileSync(path.join(dir, 'package-lock.json'), '{}');
    assert.equal(installNeeded(dir), 'node_modules is missing');
    mkdirSync(path.join(dir, 'node_modules'));
    const marker = path.join(dir, 'node_modules/.package-lock.json');
    writeFileSync(marker, '{}');
    utimesSync(marker, new Date(2000, 0, 1), new Date(2000, 0, 1));
    assert.equal(installNeeded(dir), 'node_modules is older than package-lock.json');
    const later = new Date(Date.now() + 60_000);
    utimesSync(marker, later, later);
    assert.equal(installNeeded(dir), null);
  });
});
