import { RULE_IDS } from '../../audits/ids.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { audits, auditById } from '../../audits/index.js';
import { SEVERITIES } from '../../src/model/report.js';

// This file runs as dist/test/audits/registry.test.js: the repository root is three levels up.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(`${root}audits/README.md`, 'utf8');
const readmeSections = new Set([...readme.matchAll(/^## (\S+)\s*$/gm)].map((m) => m[1]));

describe('audit registry', () => {
  it('has unique ids', () => {
    const ids = audits.map((a) => a.id);
    assert.deepEqual([...new Set(ids)], ids);
  });

  it('finds every audit by id', () => {
    for (const a of audits) assert.equal(auditById(a.id), a);
    assert.equal(auditById('no-such-rule'), undefined);
  });

  for (const audit of audits) {
    describe(audit.id, () => {
      it('has a kebab-case id and complete metadata', () => {
        assert.match(audit.id, /^[a-z]+(-[a-z]+)*$/);
        for (const text of [audit.title, audit.rationale, audit.fix]) assert.ok(text.trim().length > 0);
        assert.ok((SEVERITIES as readonly string[]).includes(audit.defaultSeverity));
        assert.ok(Number.isFinite(audit.estimatedCostNs) && audit.estimatedCostNs > 0);
        assert.ok(audit.kinds.length > 0);
        assert.equal(typeof audit.detect, 'function');
      });

      it('lives in audits/<id>.ts', () => assert.ok(existsSync(`${root}audits/${audit.id}.ts`)));

      it('has a test file', () => assert.ok(existsSync(`${root}test/audits/${audit.id}.test.ts`)));

      it('has a section in audits/README.md', () => assert.ok(readmeSections.has(audit.id)));
    });
  }

  it('documents no rule that is not registered', () => {
    const ids = new Set(audits.map((a) => a.id));
    assert.deepEqual([...readmeSections].filter((s) => !ids.has(s)), []);
  });

  it('keeps the light id list (audits/ids.ts) equal to the registry', () => {
    assert.deepEqual([...RULE_IDS], audits.map((a) => a.id));
  });

  it("states each rule's default severity correctly in the main README's rules table", () => {
    const table = readFileSync(`${root}README.md`, 'utf8');
    for (const a of audits) {
      const row = table.split('\n').find((l) => l.startsWith(`| [\`${a.id}\`]`));
      assert.ok(row, `README rules table has no row for ${a.id}`);
      assert.ok(row.trimEnd().endsWith(`| ${a.defaultSeverity} |`), `README says ${row} for ${a.id}`);
    }
  });
});
