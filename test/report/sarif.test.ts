// SARIF output: the fixture corpus validates against the official 2.1.0 schema (the copy npm's
// @microsoft/jest-sarif ships), the run carries the audit metadata as rules, results carry locations,
// code flows, suppressions and fingerprints, and the fingerprints survive lines shifting and version bumps.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { audits } from '../../audits/index.js';
import { fingerprint } from '../../src/model/fingerprint.js';
import { countsAsPerCall, type Report } from '../../src/model/report.js';
import { FINGERPRINT_KEY, renderSarif, type SarifOptions } from '../../src/report/render-sarif.js';
import { loadRuleInfo, type RuleInfo } from '../../src/render-inputs/load-rule-info.js';
import { scan } from '../../src/scan/scan.js';
import { crossPackage, perCallSyncFs, sampleReport, suppressedPerCall } from './sample-report.js';

// compiled to dist/test/report/: the repository is three levels up
const repoRoot = realpathSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..'));
const SCHEMA_FILE = path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/**
 * The official schema is draft-04, which Ajv 8 does not ship (that is the separate ajv-draft-04
 * package). Draft-04 and draft-07 differ in `id` → `$id` and in boolean exclusiveMinimum/Maximum; the
 * test checks the schema uses neither difference elsewhere, then compiles it with Ajv's draft-07 class.
 */
function sarifValidator(): ValidateFunction {
  const text = readFileSync(SCHEMA_FILE, 'utf8');
  const schema = JSON.parse(text) as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  assert.doesNotMatch(text, /exclusiveM(in|ax)imum/, 'no draft-04 boolean exclusive bounds');
  const { $schema: _draft, id, ...rest } = schema;
  // strict off: the schema is someone else's, and ajv's strict mode lints style (e.g. "default" beside
  // $ref). unicodeRegExp off: its `language` pattern has a stray `]` that only the `u` flag rejects.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  formatsModule.default(ajv);
  return ajv.compile({ $id: id as string, ...rest });
}

function parse(text: string): Log {
  return JSON.parse(text) as Log;
}

function assertValid(validate: ValidateFunction, log: Log): void {
  const ok = validate(log);
  assert.ok(ok, `SARIF does not validate:\n${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
}

const fingerprints = (log: Log): string[] => (log.runs[0]!.results ?? []).map((r) => r.partialFingerprints![FINGERPRINT_KEY]!);

describe('renderSarif on the fixture corpus', () => {
  let validate: ValidateFunction;
  let report: Report;
  let rules: RuleInfo[];
  before(async () => {
    validate = sarifValidator();
    rules = await loadRuleInfo();
    report = await scan([path.join(repoRoot, 'test/fixtures/packages')], { now: () => 0 });
  });

  it('validates against the official SARIF 2.1.0 schema, per-call only and with --all', () => {
    const options: SarifOptions = { rules, cwd: repoRoot };
    const log = parse(renderSarif(report, options));
    assertValid(validate, log);
    assertValid(validate, parse(renderSarif(report, { ...options, all: true })));
    assert.ok((log.runs[0]!.results ?? []).length > 0, 'the corpus has per-call findings');
  });

  it('is checked for real: a broken log fails validation', () => {
    const log = parse(renderSarif(report, { rules, cwd: repoRoot }));
    (log.runs[0]!.results![0] as { level: string }).level = 'fatal';
    assert.equal(validate(log), false);
  });

  it('has one run whose driver lists every audit as a rule, with levels from the default severity', () => {
    const log = parse(renderSarif(report, { rules, cwd: repoRoot }));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0]!.tool.driver;
    assert.equal(driver.name, 'otel-audit');
    assert.equal(driver.version, report.tool.version);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    assert.deepEqual(
      driver.rules?.map((r) => r.id),
      audits.map((a) => a.id),
    );
    const levels = { high: 'error', medium: 'warning', low: 'note', info: 'none' } as const;
    for (const a of audits) {
      const rule: ReportingDescriptor = driver.rules.find((r) => r.id === a.id)!;
      assert.equal(rule.shortDescription?.text, a.title);
      assert.equal(rule.fullDescription?.text, a.rationale);
      assert.ok(rule.help?.text.includes(a.fix) && rule.help.markdown?.includes(a.fix), `${a.id} help carries the fix`);
      assert.equal(rule.defaultConfiguration?.level, levels[a.defaultSeverity]);
    }
  });

  it('reports the per-call findings only, each with its rule, location, call path and properties', () => {
    const log = parse(renderSarif(report, { rules, cwd: repoRoot }));
    const results = log.runs[0]!.results!;
    // counted per call: dead branches and error-path-only findings are left to --all
    const perCall = report.findings.filter(countsAsPerCall);
    assert.equal(results.length, perCall.length);
    results.forEach((r: Result, i) => {
      const f = perCall[i]!;
      assert.equal(r.ruleId, f.ruleId);
      assert.equal(log.runs[0]!.tool.driver.rules![r.ruleIndex!]!.id, f.ruleId);
      const loc = r.locations![0]!.physicalLocation!;
      assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.equal(loc.artifactLocation!.uri, `test/fixtures/packages/${f.file}`);
      assert.deepEqual(loc.region, { startLine: f.line, startColumn: f.column });
      const steps = r.codeFlows![0]!.threadFlows[0]!.locations;
      assert.ok(steps.at(-1)!.location!.message!.text!.endsWith(f.operation), 'the flow ends at the operation');
      assert.ok(
        f.callPath.every((s) => steps.some((st) => st.location?.message?.text?.startsWith(s.function))),
        'every call-path step is in the flow',
      );
      assert.deepEqual(r.properties?.frequency, 'per-call');
      assert.equal(r.properties?.estimatedCostNs, f.estimatedCostNs);
    });
    assert.equal(new Set(fingerprints(log)).size, results.length, 'fingerprints are unique');
    const all = parse(renderSarif(report, { rules, cwd: repoRoot, all: true }));
    assert.equal(all.runs[0]!.results!.length, report.findings.length, '--all: every frequency');
  });

  it('makes URIs relative to --sarif-root', () => {
    const log = parse(renderSarif(report, { rules, cwd: repoRoot, sarifRoot: 'test/fixtures/packages/esm' }));
    const uris = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!);
    const esm = uris.filter((u) => u.uriBaseId === '%SRCROOT%');
    assert.ok(esm.length > 0 && esm.every((u) => u.uri!.startsWith('lib/')), 'inside the root: relative');
    const outside = uris.filter((u) => u.uriBaseId === undefined);
    assert.ok(outside.length > 0 && outside.every((u) => u.uri!.startsWith('file:///')), 'outside the root: absolute file URIs');
    assertValid(validate, log);
  });
});

describe('renderSarif fingerprints', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-sarif-'));
    cpSync(path.join(repoRoot, 'test/fixtures/packages/esm'), path.join(dir, 'before'), { recursive: true });
    cpSync(path.join(repoRoot, 'test/fixtures/packages/esm'), path.join(dir, 'after'), { recursive: true });
    // the same code, three lines further down in every file, in the next version of the package
    const lib = path.join(dir, 'after/lib');
    for (const file of readdirSync(lib)) writeFileSync(path.join(lib, file), `// a\n// b\n// c\n${readFileSync(path.join(lib, file), 'utf8')}`);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'after/package.json'), 'utf8')) as { version: string };
    writeFileSync(path.join(dir, 'after/package.json'), JSON.stringify({ ...manifest, version: '9.9.9' }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stay the same when lines shift and the version changes', async () => {
    const render = async (name: string): Promise<Log> => parse(renderSarif(await scan([path.join(dir, name)], { now: () => 0 }), {}));
    const [a, b] = [await render('before'), await render('after')];
    const lines = (log: Log): number[] => log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.region!.startLine!);
    assert.ok(a.runs[0]!.results!.length > 0);
    assert.deepEqual(
      lines(b),
      lines(a).map((l) => l + 3),
      'the lines did move',
    );
    assert.deepEqual(fingerprints(b), fingerprints(a));
  });

  it('differ when the call path or the operation differs', () => {
    const base = { ...sampleReport(), findings: [perCallSyncFs] };
    const fp = (r: Report): string => fingerprints(parse(renderSarif(r)))[0]!;
    const original = fp(base);
    assert.equal(fp({ ...base, findings: [{ ...perCallSyncFs, line: 99, column: 1 }] }), original);
    assert.notEqual(fp({ ...base, findings: [{ ...perCallSyncFs, operation: 'fs.statSync' }] }), original);
    assert.notEqual(fp({ ...base, findings: [{ ...perCallSyncFs, callPath: perCallSyncFs.callPath.slice(1) }] }), original);
    // two identical operations in one function: numbered, so each alert keeps its identity
    const twice = fingerprints(parse(renderSarif({ ...base, findings: [perCallSyncFs, { ...perCallSyncFs, column: 40 }] })));
    assert.equal(new Set(twice).size, 2);
  });

  it('are the diff fingerprint (src/model/fingerprint.ts), numbered per repeat: one identity for a finding', () => {
    const report = { ...sampleReport(), findings: [perCallSyncFs, { ...perCallSyncFs, column: 40 }, crossPackage] };
    assert.equal(FINGERPRINT_KEY, 'otelAudit/finding/v1');
    assert.deepEqual(fingerprints(parse(renderSarif(report))), [`${fingerprint(perCallSyncFs)}:1`, `${fingerprint(perCallSyncFs)}:2`, `${fingerprint(crossPackage)}:1`]);
    // what the diff tells apart, code scanning does too: the hook a finding runs under
    const fp = (f: typeof perCallSyncFs): string => fingerprints(parse(renderSarif({ ...report, findings: [f] })))[0]!;
    assert.notEqual(fp({ ...perCallSyncFs, hook: { ...perCallSyncFs.hook!, target: 'pg:Client.prototype.connect' } }), fp(perCallSyncFs));
  });
});

describe('renderSarif on a hand-built report', () => {
  it('marks suppressed findings with an external suppression and its justification', () => {
    const report = { ...sampleReport(), findings: [perCallSyncFs, { ...suppressedPerCall, suppressionReason: 'hostname is cached by the OS' }] };
    const results = parse(renderSarif(report, { rules: audits })).runs[0]!.results!;
    assert.equal(results[0]!.suppressions, undefined);
    assert.deepEqual(results[1]!.suppressions, [{ kind: 'external', status: 'accepted', justification: 'hostname is cached by the OS' }]);
  });

  it('points at the TypeScript original as a related location and names the hook in the flow', () => {
    const result = parse(renderSarif({ ...sampleReport(), findings: [perCallSyncFs] })).runs[0]!.results![0]!;
    assert.equal(result.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri, 'node_modules/@opentelemetry/instrumentation-a/src/utils.ts');
    const first = result.codeFlows![0]!.threadFlows[0]!.locations[0]!.location!;
    assert.equal(first.message?.text, 'hook: wrap pg:Client.prototype.query');
    assert.equal(first.physicalLocation?.region?.startLine, 38);
    assert.equal(result.level, 'error');
  });

  it('is deterministic', () => {
    assert.equal(renderSarif(sampleReport(), { rules: audits, all: true }), renderSarif(sampleReport(), { rules: audits, all: true }));
  });
});
