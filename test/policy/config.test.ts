// The policy file: where it is found, and that every mistake in it is reported at its line and column.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RULE_IDS } from '../../audits/index.js';
import { lineColumn, loadPolicy, parsePolicy } from '../../src/policy/config.js';
import { displayPath, pointerPath } from '../../src/policy/config-schema.js';
import { UsageError } from '../../src/policy/rule-selection.js';

/** The UsageError message parsePolicy throws for `text` (fails the test when it does not throw). */
function problems(text: string, source = 'otel-audit.config.json', at: string[] = []): string[] {
  try {
    parsePolicy(text, source, at);
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return err.message.split('\n').filter((l) => l !== 'invalid policy file');
  }
  assert.fail('expected a usage error');
}

describe('parsePolicy', () => {
  it('accepts a full policy, with comments and trailing commas', () => {
    const config = parsePolicy(
      `{
        // the team's policy
        "$schema": "./node_modules/otel-audit/config.schema.json",
        "rules": { "env-read": { "severity": "info" }, "regex-compile": { "enabled": false } },
        "failOn": "medium",
        "maxOverheadNsPerSpan": 20000,
        "packages": { "@opentelemetry/instrumentation-http": { "maxOverheadNsPerSpan": 50000 } },
        "ignore": [{ "package": "@opentelemetry/instrumentation-fs" }, { "file": "**/debug.js", "rule": "stack-capture" }],
        "suppressions": [{ "rule": "sync-fs", "file": "utils.js", "line": 12, "reason": "read once per process", "until": "2031-01-31" }],
      }`,
      'otel-audit.config.json',
    );
    assert.equal(config.failOn, 'medium');
    assert.equal(config.rules?.['env-read']?.severity, 'info');
    assert.equal(config.suppressions?.[0]?.until, '2031-01-31');
  });

  it('reports a bad enum value at the value, with the property path and the allowed values', () => {
    const text = ['{', '  "rules": {', '    "sync-fs": {', '      "severity": "critical"', '    }', '  }', '}'].join('\n');
    assert.deepEqual(problems(text), ['otel-audit.config.json:4:19: rules.sync-fs.severity must be one of high, medium, low, info']);
  });

  it('reports every problem, in file order, each at its own line', () => {
    const text = [
      '{',
      '  "rules": { "no-such-rule": {}, "env-read": { "severty": "low" } },',
      '  "failOn": "critical",',
      '  "packages": { "@scope/pkg": { "maxOverheadNsPerSpan": -5 } },',
      '  "ignore": [ {} ],',
      '  "suppressions": [',
      '    { "rule": "sync-fs" },',
      '    { "file": "a.js", "reason": "   " },',
      '    { "rule": "os-query", "reason": "ok", "until": "2024-02-30" }',
      '  ],',
      '  "failon": "high"',
      '}',
    ].join('\n');
    assert.deepEqual(problems(text), [
      `otel-audit.config.json:2:14: rules.no-such-rule is not a rule id (rule ids: ${RULE_IDS.join(', ')})`,
      'otel-audit.config.json:2:48: rules.env-read.severty is not a known setting (known: severity, enabled)',
      'otel-audit.config.json:3:13: failOn must be one of high, medium, low, info, none',
      'otel-audit.config.json:4:57: packages["@scope/pkg"].maxOverheadNsPerSpan must be >= 0',
      'otel-audit.config.json:5:15: ignore[0] must name at least one of package, rule, file',
      'otel-audit.config.json:7:5: suppressions[0].reason is required',
      'otel-audit.config.json:8:33: suppressions[1].reason must not be empty',
      'otel-audit.config.json:9:52: suppressions[2].until must be a date (YYYY-MM-DD)',
      'otel-audit.config.json:11:3: failon is not a known setting (known: rules, failOn, maxOverheadNsPerSpan, countUnconfirmed, packages, ignore, suppressions, setUpMethods)',
    ]);
  });

  it('takes setUpMethods as method names, and says which entry is not one', () => {
    assert.deepEqual(parsePolicy('{ "setUpMethods": ["acquire", "$init"] }', 'otel-audit.config.json').setUpMethods, ['acquire', '$init']);
    assert.deepEqual(problems('{\n  "setUpMethods": ["acquire", "pool.acquire", "acquire"]\n}'), [
      'otel-audit.config.json:2:19: setUpMethods lists a name twice',
      'otel-audit.config.json:2:31: setUpMethods[1] must be a method name (letters, digits, _ or $)',
    ]);
    assert.deepEqual(problems('{ "setUpMethods": "acquire" }'), ['otel-audit.config.json:1:19: setUpMethods must be an array']);
  });

  it('reports wrong types and a syntax error with their position', () => {
    assert.deepEqual(problems('{\n  "ignore": { "package": "x" }\n}'), ['otel-audit.config.json:2:13: ignore must be an array']);
    assert.deepEqual(problems('{ "suppressions": [ { "rule": "sync-fs", "reason": "x", "line": 1.5 } ] }'), ['otel-audit.config.json:1:65: suppressions[0].line must be a whole number']);
    assert.deepEqual(problems('{\n  "failOn": "high"\n  "rules": {}\n}'), ['otel-audit.config.json:3:3: comma expected']);
    assert.deepEqual(problems('[]'), ['otel-audit.config.json:1:1: the configuration must be an object']);
    assert.deepEqual(problems(''), ['otel-audit.config.json:1:1: value expected']);
  });

  it('inside package.json: positions in package.json, paths relative to the "otel-audit" key', () => {
    const text = '{\n  "name": "app",\n  "otel-audit": {\n    "failOn": "hgih"\n  }\n}';
    assert.deepEqual(problems(text, 'package.json', ['otel-audit']), ['package.json:4:15: failOn must be one of high, medium, low, info, none']);
    assert.deepEqual(parsePolicy('{ "name": "app" }', 'package.json', ['otel-audit']), {});
  });
});

describe('config helpers', () => {
  it('lineColumn is 1-based and counts from the last newline', () => {
    assert.deepEqual(lineColumn('ab\ncd', 0), { line: 1, column: 1 });
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumn('ab\r\ncd', 4), { line: 2, column: 1 });
  });
  it('JSON pointers become readable paths', () => {
    assert.deepEqual(pointerPath('/packages/@scope~1pkg/maxOverheadNsPerSpan'), ['packages', '@scope/pkg', 'maxOverheadNsPerSpan']);
    assert.equal(displayPath(['suppressions', 0, 'reason']), 'suppressions[0].reason');
    assert.equal(displayPath(['rules', 'sync-fs', 'severity']), 'rules.sync-fs.severity');
    assert.equal(displayPath([]), 'the configuration');
  });
});

describe('loadPolicy', () => {
  let dir = '';
  const write = (name: string, text: string): void => writeFileSync(path.join(dir, name), text);
  // jsonc-parser builds objects without a prototype (a "constructor" key stays data): compare as JSON
  const load = async (options: { cwd: string; file?: string }): Promise<unknown> => JSON.parse(JSON.stringify(await loadPolicy(options))) as unknown;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-policy-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds nothing in a folder without a policy, or with a package.json that has no "otel-audit" key', async () => {
    assert.deepEqual(await load({ cwd: dir }), { config: {}, source: null });
    write('package.json', '{ "name": "app", "scripts": { broken json');
    assert.deepEqual(await load({ cwd: dir }), { config: {}, source: null }, 'not ours to judge');
  });

  it('a package.json that only names "otel-audit" (its name, a bin) holds no policy: no source is claimed', async () => {
    // regression: vet in this repository said "policy package.json" while no policy applied
    const sub = mkdtempSync(path.join(dir, 'named-'));
    writeFileSync(path.join(sub, 'package.json'), JSON.stringify({ name: 'otel-audit', bin: { 'otel-audit': 'dist/src/cli.js' } }));
    assert.deepEqual(await load({ cwd: sub }), { config: {}, source: null });
  });

  it('reads the "otel-audit" key of package.json, and prefers otel-audit.config.json', async () => {
    write('package.json', JSON.stringify({ name: 'app', 'otel-audit': { failOn: 'low' } }));
    assert.deepEqual(await load({ cwd: dir }), { config: { failOn: 'low' }, source: 'package.json' });
    write('otel-audit.config.json', '{ "failOn": "high" }');
    assert.deepEqual(await load({ cwd: dir }), { config: { failOn: 'high' }, source: 'otel-audit.config.json' });
  });

  it('--config FILE wins; a missing one is a usage error', async () => {
    write('strict.json', '{ "failOn": "info" }');
    assert.deepEqual(await load({ cwd: dir, file: 'strict.json' }), { config: { failOn: 'info' }, source: 'strict.json' });
    await assert.rejects(loadPolicy({ cwd: dir, file: 'nope.json' }), (err: unknown) => err instanceof UsageError && /nope\.json/.test(err.message));
  });
});
