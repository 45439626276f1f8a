// Scores the scanner against the labelled fixture corpus (test/fixtures/packages/README.md): every
// per-call site found as per-call on its line (recall), no once/init/unknown site reported as per-call,
// no per-call finding on an unlabelled line of fixture code, nothing at all from a duplicate build.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { scan } from '../src/scan/scan.js';
import { FREQUENCIES, type Finding, type Frequency, type Report } from '../src/model/report.js';
import { collectLabels, parseLabels, siteKey, type Label, type LabelledFile } from './helpers/labels.js';
import { matchSnapshot } from './helpers/snapshot.js';

// compiled to dist/test/fixtures-score.test.js: the repository is two levels up
const repoRoot = realpathSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'));
const PACKAGES_DIR = path.join(repoRoot, 'test/fixtures/packages');
const MONOREPO_DIR = path.join(repoRoot, 'test/fixtures/monorepo/packages');

/** the compiled shapes the corpus must cover, by folder */
const SHAPES: ReadonlyArray<[shape: string, dir: string]> = [
  ['tsc-cjs', path.join(PACKAGES_DIR, 'tsc-cjs')],
  ['esm', path.join(PACKAGES_DIR, 'esm')],
  ['rollup-bundle', path.join(PACKAGES_DIR, 'rollup-bundle')],
  ['ts-sources', MONOREPO_DIR],
];
const FIXTURE_PACKAGES = ['fixture-tsc-cjs', 'fixture-esm', 'fixture-rollup-bundle', 'fixture-instr-a', 'fixture-common-b'];

function shapeOf(file: string): string {
  return SHAPES.find(([, dir]) => file.startsWith(dir + path.sep))?.[0] ?? '?';
}

/** the folder of the nearest package.json with a name (build/esm/package.json only sets the type) */
function packageDirOf(file: string): string {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && typeof (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'string') return dir;
  }
  return path.dirname(file);
}

function show(file: string, line: number): string {
  return `${path.relative(repoRoot, file).split(path.sep).join('/')}:${line}`;
}

function describeLabel(l: Label): string {
  const mods = [l.errorPath ? 'path=error' : '', l.conditional ? 'conditional' : ''].filter(Boolean).join(' ');
  return `${show(l.file, l.line)} ${l.ruleId} ${l.frequency}${mods ? ' ' + mods : ''}`;
}

describe('fixture label parser', () => {
  it('reads rule, frequency and modifiers from the end of the line', () => {
    const text = 'a();\nconst x = process.env.A; // @expect env-read per-call path=error, stack-capture once\nb(); // @expect os-query per-call conditional';
    const parsed = parseLabels(text, '/f.js');
    assert.equal(parsed.duplicateBuild, false);
    assert.deepEqual(
      parsed.labels.map((l) => [l.line, l.ruleId, l.frequency, l.errorPath, l.conditional]),
      [
        [2, 'env-read', 'per-call', true, false],
        [2, 'stack-capture', 'once', false, false],
        [3, 'os-query', 'per-call', false, true],
      ],
    );
  });

  it('recognises the duplicate-build marker on the first line only', () => {
    assert.equal(parseLabels('// @duplicate-build\nx();', '/f.js').duplicateBuild, true);
    assert.equal(parseLabels('x();\n// @duplicate-build', '/f.js').duplicateBuild, false);
  });

  it('rejects malformed labels', () => {
    assert.throws(() => parseLabels('x(); // @expect env-reads per-call', '/f.js'), /unknown rule id/);
    assert.throws(() => parseLabels('x(); // @expect env-read always', '/f.js'), /frequency/);
    assert.throws(() => parseLabels('x(); // @expect env-read per-call hot', '/f.js'), /modifier/);
    assert.throws(() => parseLabels('x(); // @expect env-read init conditional', '/f.js'), /only qualify per-call/);
    assert.throws(() => parseLabels('x(); /* @expect env-read init */', '/f.js'), /end of the line/);
    assert.throws(() => parseLabels('x(); // @expect env-read init, env-read once', '/f.js'), /same rule twice/);
  });
});

describe('fixture corpus score', () => {
  let report: Report;
  let files: LabelledFile[];
  let labels: Label[];
  const findingsAt = new Map<string, Finding[]>();
  const abs = (f: Finding): string => path.resolve(report.roots[f.root]!, f.file);

  before(async () => {
    files = await collectLabels([PACKAGES_DIR, MONOREPO_DIR]);
    labels = files.filter((f) => !f.duplicateBuild).flatMap((f) => f.labels);
    report = await scan([PACKAGES_DIR, MONOREPO_DIR]);
    for (const f of report.findings) {
      const key = siteKey(abs(f), f.line, f.ruleId);
      findingsAt.set(key, [...(findingsAt.get(key) ?? []), f]);
    }
  });

  const at = (l: Label): Finding[] => findingsAt.get(siteKey(l.file, l.line, l.ruleId)) ?? [];

  it('has at least 25 labelled sites, per-call and once/init ones in every shape', () => {
    assert.ok(labels.length >= 25, `only ${labels.length} labelled sites`);
    for (const [shape] of SHAPES) {
      const mine = labels.filter((l) => shapeOf(l.file) === shape);
      assert.ok(
        mine.some((l) => l.frequency === 'per-call'),
        `${shape}: no per-call label`,
      );
      assert.ok(
        mine.some((l) => l.frequency === 'once' || l.frequency === 'init'),
        `${shape}: no once/init label`,
      );
    }
  });

  it('reports every fixture package exactly once', () => {
    for (const name of FIXTURE_PACKAGES) {
      const n = report.packages.filter((p) => p.name === name).length;
      assert.equal(n, 1, `${name} reported ${n} times`);
    }
  });

  it('finds every per-call site as per-call, on its line (recall)', () => {
    const missed = labels
      .filter((l) => l.frequency === 'per-call' && !at(l).some((f) => f.frequency === 'per-call'))
      .map(
        (l) =>
          `${describeLabel(l)} — got ${
            at(l)
              .map((f) => f.frequency)
              .join(', ') || 'nothing'
          }`,
      );
    assert.deepEqual(missed, [], `per-call sites not found as per-call:\n  ${missed.join('\n  ')}`);
  });

  it('marks error-path and conditional per-call sites as labelled', () => {
    const wrong: string[] = [];
    for (const l of labels.filter((x) => x.frequency === 'per-call')) {
      const f = at(l).find((x) => x.frequency === 'per-call');
      if (!f) continue; // a recall miss, reported above
      if ((f.path === 'error') !== l.errorPath) wrong.push(`${describeLabel(l)} — path is ${f.path ?? 'unset'}`);
      if (l.conditional && f.conditional !== true) wrong.push(`${describeLabel(l)} — not marked conditional`);
    }
    assert.deepEqual(wrong, [], `per-call context differs from the labels:\n  ${wrong.join('\n  ')}`);
  });

  it('reports no once, init or unknown site as per-call', () => {
    const wrong = labels.filter((l) => l.frequency !== 'per-call' && at(l).some((f) => f.frequency === 'per-call')).map((l) => describeLabel(l));
    assert.deepEqual(wrong, [], `once/init/unknown sites reported as per-call:\n  ${wrong.join('\n  ')}`);
  });

  it('reports no per-call finding on an unlabelled line of fixture code (precision)', () => {
    const fixtureFiles = new Set(files.filter((f) => !f.duplicateBuild).map((f) => f.file));
    const labelled = new Set(labels.filter((l) => l.frequency === 'per-call').map((l) => siteKey(l.file, l.line, l.ruleId)));
    const extra = report.findings
      .filter((f) => f.frequency === 'per-call' && fixtureFiles.has(abs(f)) && !labelled.has(siteKey(abs(f), f.line, f.ruleId)))
      .map((f) => `${show(abs(f), f.line)} ${f.ruleId} per-call (${f.operation})`);
    assert.deepEqual(extra, [], `per-call findings without a per-call label:\n  ${extra.join('\n  ')}`);
  });

  it('reports nothing from a duplicate build', () => {
    const duplicates = new Set(files.filter((f) => f.duplicateBuild).map((f) => f.file));
    assert.ok(duplicates.size > 0, 'the corpus has no duplicate build');
    const leaked = report.findings.filter((f) => duplicates.has(abs(f))).map((f) => `${show(abs(f), f.line)} ${f.ruleId} ${f.frequency}`);
    assert.deepEqual(leaked, [], `findings in duplicate builds:\n  ${leaked.join('\n  ')}`);
  });

  it('maps per-call findings in compiled files back to src/*.ts through their source maps', () => {
    const wrong: string[] = [];
    for (const l of labels.filter((x) => x.frequency === 'per-call' && existsSync(x.file + '.map'))) {
      const f = at(l).find((x) => x.frequency === 'per-call');
      if (!f) continue;
      const map = new TraceMap(readFileSync(l.file + '.map', 'utf8'));
      const want = originalPositionFor(map, { line: f.line, column: f.column - 1 });
      if (want.source === null) continue;
      const source = path.resolve(path.dirname(l.file), want.source);
      const wantFile = path.relative(packageDirOf(l.file), source).split(path.sep).join('/');
      const ok = f.original !== null && (f.original.file === wantFile || f.original.file.endsWith('/' + wantFile)) && f.original.line === want.line;
      if (!ok) wrong.push(`${describeLabel(l)} — original ${JSON.stringify(f.original)}, expected ${wantFile}:${want.line}`);
    }
    assert.deepEqual(wrong, [], `wrong original locations:\n  ${wrong.join('\n  ')}`);
  });

  // The figures the run prints are held to test/snapshots/fixture-score.txt: a change of the score, up
  // or down, fails until the snapshot is rewritten (UPDATE_SNAPSHOTS=1) and the new figures reviewed.
  it('prints the score, and the score is the one recorded', (t) => {
    const score = (subset: Label[]): string =>
      FREQUENCIES.map((freq: Frequency) => {
        const expected = subset.filter((l) => l.frequency === freq);
        const found = expected.filter((l) => at(l).some((f) => f.frequency === freq));
        return expected.length === 0 ? '' : `${freq} ${found.length}/${expected.length}`;
      })
        .filter(Boolean)
        .join(', ');
    const lines = [`fixture score (found with the labelled frequency / labelled): ${score(labels)}`];
    for (const [shape] of SHAPES) lines.push(`  ${shape}: ${score(labels.filter((l) => shapeOf(l.file) === shape))}`);
    const fixtureErrors = report.errors.filter((e) => e.package === null || FIXTURE_PACKAGES.some((n) => e.package!.startsWith(n)));
    for (const e of fixtureErrors) lines.push(`  scan error: ${e.package ?? '-'} ${e.file ?? '-'} ${e.kind}: ${e.message}`);
    for (const line of lines) t.diagnostic(line);
    matchSnapshot('test/snapshots/fixture-score.txt', `${lines.join('\n')}\n`);
  });
});
