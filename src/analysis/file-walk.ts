// A freshly parsed file is walked for two things: its syntax index (hook discovery, the files it
// loads) and the audits' operations. One walk feeding both costs one traversal of the tree instead of
// two: each whole-tree walk took about 7 % of a scan's CPU time on the third-party corpus (CPU profile).
// Nearly every file parsed is audited anyway (a package's own files always are, and the dependency
// files its hooks reach).
import { ts } from '../util/ts.cjs';
import { auditVisitor, type AuditHit, type AuditsByKind } from './run-audits.js';
import { emptySyntaxIndex, indexNode, keepSyntaxIndex } from './syntax-index.js';

/** Builds and keeps the file's syntax index, and returns the audits' hits, in one walk. */
export function indexAndAudit(sf: ts.SourceFile, byKind: AuditsByKind): AuditHit[] {
  const index = emptySyntaxIndex();
  const hits: AuditHit[] = [];
  const look = auditVisitor(sf, byKind, hits);
  const visit = (n: ts.Node): void => {
    indexNode(n, index);
    look(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  // kept only once complete: a walk that threw leaves nothing half-built behind
  keepSyntaxIndex(sf, index);
  return hits;
}
