// The registry's promise: a rule is its meta, its detector, its doc and its test, and everything that
// lists rules (the CLI, the policy schema, the bench's counters and join, calibrate, the rule table)
// reads them from here. This file fails when a rule is missing a piece.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import { audits, auditById, loadAudits, RULE_IDS } from '../../audits/index.js';
import { isNotPossible } from '../../src/analysis/audit-meta.js';
import { generatedReadme } from '../../src/dev/docs-rules.js';
import { docSummary, REGENERATE } from '../../src/dev/rules-table.js';
import { SEVERITIES } from '../../src/model/report.js';
import { canProduce } from '../helpers/counter-names.js';

// This file runs as dist/test/audits/registry.test.js: the repository root is three levels up.
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('audit registry', () => {
  it('has unique ids, listed once in RULE_IDS', () => {
    const ids = audits.map((a) => a.id);
    assert.deepEqual([...new Set(ids)], ids);
    assert.deepEqual(RULE_IDS, ids);
  });

  it('finds every audit by id', () => {
    for (const a of audits) assert.equal(auditById(a.id), a);
    assert.equal(auditById('no-such-rule'), undefined);
  });

  it('loads the detectors in registry order, and only the ones asked for', async () => {
    assert.deepEqual(
      (await loadAudits()).map((a) => a.id),
      RULE_IDS,
    );
    assert.deepEqual(
      (await loadAudits(['regex-compile', 'sync-fs'])).map((a) => a.id),
      ['sync-fs', 'regex-compile'],
    );
  });

  it(`keeps the rule table in audits/README.md generated (run ${REGENERATE} when this fails)`, () => {
    const committed = readFileSync(`${root}audits/README.md`, 'utf8');
    assert.ok(committed === generatedReadme(root), `audits/README.md's rule table is stale: run ${REGENERATE} and commit the result`);
  });

  it('has no rule file, doc or test for a rule that is not registered', () => {
    const ids = new Set<string>(RULE_IDS);
    const stray = [
      ...readdirSync(`${root}audits`)
        .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
        .map((f) => `audits/${f}`),
      ...readdirSync(`${root}audits/docs`).map((f) => `audits/docs/${f}`),
      ...readdirSync(`${root}audits/tests`).map((f) => `audits/tests/${f}`),
    ].filter((f) => !ids.has(f.replace(/^.*\//, '').replace(/(\.meta)?\.ts$|\.test\.ts$|\.md$/, '')));
    assert.deepEqual(stray, []);
  });

  it('gives every calibration operation its own id (the cost table is keyed by it)', () => {
    const ids = audits.flatMap((a) => (isNotPossible(a.calibration) ? [] : [a.calibration.operation, ...(a.calibration.also ?? [])]).map((o) => o.id));
    assert.deepEqual([...new Set(ids)], ids);
    assert.ok(!ids.includes('bare-span'), 'bare-span is the reference, not a rule operation');
  });

  for (const meta of audits) {
    describe(meta.id, () => {
      it('has a kebab-case id and complete metadata', () => {
        assert.match(meta.id, /^[a-z]+(-[a-z]+)*$/);
        for (const text of [meta.title, meta.rationale, meta.fix]) assert.ok(text.trim().length > 0);
        assert.ok((SEVERITIES as readonly string[]).includes(meta.defaultSeverity));
        assert.ok(Number.isFinite(meta.estimatedCostNs) && meta.estimatedCostNs > 0);
      });

      it('lives in audits/<id>.meta.ts and audits/<id>.ts, and its detector is this rule', async () => {
        assert.ok(existsSync(`${root}audits/${meta.id}.meta.ts`));
        assert.ok(existsSync(`${root}audits/${meta.id}.ts`));
        const [audit] = await loadAudits([meta.id]);
        assert.ok(audit);
        for (const key of Object.keys(meta) as Array<keyof typeof meta>) assert.equal(audit[key], meta[key], `${key} of the loaded detector`);
        assert.ok(audit.kinds.length > 0);
        assert.equal(typeof audit.detect, 'function');
      });

      it('has a test file', () => assert.ok(existsSync(`${root}audits/tests/${meta.id}.test.ts`)));

      it('has a doc in audits/docs/<id>.md: title, summary, default severity', () => {
        const file = `${root}audits/docs/${meta.id}.md`;
        assert.ok(existsSync(file), `audits/docs/${meta.id}.md`);
        const doc = readFileSync(file, 'utf8');
        assert.equal(doc.split('\n')[0], `# ${meta.id} — ${meta.title}`);
        assert.ok(docSummary(doc), 'a **Summary:** line (the rule table shows it)');
        assert.match(doc, new RegExp(`^- \\*\\*Default severity:\\*\\* ${meta.defaultSeverity}$`, 'm'));
      });

      it('declares run-time counters, and confirms operations only with counters it declares (or says why not)', () => {
        if (isNotPossible(meta.counters)) {
          assert.ok(meta.counters.none.trim().length > 0, 'a reason');
          return;
        }
        const { count, confirm } = meta.counters;
        assert.ok(count.length > 0, 'at least one counter');
        for (const spec of count) if (spec.kind === 'exports') assert.ok(isBuiltin(spec.module), `${spec.module}: the bench child wraps builtin modules only`);
        assert.ok(Object.keys(confirm).length > 0, 'which counters confirm its operations');
        for (const [operation, entry] of Object.entries(confirm)) {
          if (isNotPossible(entry)) {
            assert.ok(entry.none.trim().length > 0, `${operation}: a reason`);
            continue;
          }
          assert.ok(entry.length > 0, `${operation}: at least one counter, or { none: reason }`);
          for (const name of entry)
            assert.ok(
              count.some((spec) => canProduce(spec, name)),
              `${operation} → ${name}: no counter of ${meta.id} records it`,
            );
        }
      });

      it('declares its calibration operation (or says why not)', () => {
        if (isNotPossible(meta.calibration)) {
          assert.ok(meta.calibration.none.trim().length > 0, 'a reason');
          return;
        }
        for (const op of [meta.calibration.operation, ...(meta.calibration.also ?? [])]) {
          assert.match(op.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
          assert.ok(op.label.trim().length > 0);
          assert.equal(typeof op.prepare, 'function');
        }
      });
    });
  }
});
