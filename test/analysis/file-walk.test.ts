// The syntax index and the audits share one walk of a freshly parsed file (file-walk.ts): it must give
// exactly what the two walks give apart — the same nodes in the same order, the same hits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAudits } from '../../audits/index.js';
import { indexAndAudit } from '../../src/analysis/file-walk.js';
import { parseSource } from '../../src/analysis/parse.js';
import { auditsByKind, runAudits, type AuditHit } from '../../src/analysis/run-audits.js';
import { syntaxIndex, type SyntaxIndex } from '../../src/analysis/syntax-index.js';
import type { ts } from '../../src/util/ts.cjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** fixtures with calls, classes, wraps, hook-keyed objects and expensive operations (hits) */
const files = [
  `${root}test/fixtures/packages/tsc-cjs/build/src/instrumentation.js`,
  `${root}test/fixtures/packages/tsc-cjs/build/src/utils.js`,
  `${root}test/fixtures/packages/rollup-bundle/lib/index.cjs`,
  `${root}test/fixtures/packages/esm/lib/instrumentation.js`,
];

/** an index as node positions and kinds: comparable across two parses of one text */
function shape(idx: SyntaxIndex): Record<string, unknown> {
  const at = (nodes: ts.Node[]): string[] => nodes.map((n) => `${n.kind}@${n.pos}-${n.end}`);
  return {
    calls: at(idx.calls),
    news: at(idx.news),
    classes: at(idx.classes),
    propertyAssignments: at(idx.propertyAssignments),
    functions: at(idx.functions),
    objects: at(idx.objects),
    keptMembers: [...idx.keptMembers],
  };
}

const hitShape = (hits: AuditHit[]): string[] => hits.map((h) => `${h.audit.id}:${h.detection.node.pos}-${h.detection.node.end}`);

describe('one walk for the syntax index and the audits', () => {
  it('gives the index and the hits of the two separate walks, in the same order', async () => {
    const byKind = auditsByKind(await loadAudits());
    let hitsSeen = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const apart = parseSource(file, text);
      const together = parseSource(file, text);
      const expectedHits = runAudits(apart, byKind);
      const hits = indexAndAudit(together, byKind);
      assert.deepEqual(hitShape(hits), hitShape(expectedHits), file);
      assert.deepEqual(shape(syntaxIndex(together)), shape(syntaxIndex(apart)), file);
      hitsSeen += hits.length;
    }
    assert.ok(hitsSeen > 0, 'the fixtures hold operations the audits flag');
  });
});
