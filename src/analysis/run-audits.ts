// One walk per file hands each node to the audits that asked for its syntax kind: the audits never
// walk the tree themselves, so adding an audit does not add a pass over every file.
import { ts } from '../util/ts.cjs';
import type { Audit, Detection } from './audit.js';
import { createAuditContext } from './context.js';

export interface AuditHit {
  audit: Audit;
  detection: Detection;
}

/** The audits by the syntax kinds they look at: built once per workspace, not once per file. */
export type AuditsByKind = ReadonlyMap<ts.SyntaxKind, readonly Audit[]>;

export function auditsByKind(audits: readonly Audit[]): AuditsByKind {
  const byKind = new Map<ts.SyntaxKind, Audit[]>();
  for (const a of audits) {
    for (const k of a.kinds) {
      const list = byKind.get(k);
      if (list) list.push(a);
      else byKind.set(k, [a]);
    }
  }
  return byKind;
}

/**
 * The audits' look at one node, for a walk that visits every node of `sourceFile` in tree order
 * (runAudits's own, or file-walk.ts's, which builds the syntax index in the same pass).
 */
export function auditVisitor(sourceFile: ts.SourceFile, byKind: AuditsByKind, hits: AuditHit[]): (node: ts.Node) => void {
  const ctx = createAuditContext(sourceFile);
  return (node) => {
    const list = byKind.get(node.kind);
    if (!list) return;
    for (const audit of list) {
      const detection = audit.detect(node, ctx);
      if (detection) hits.push({ audit, detection });
    }
  };
}

export function runAudits(sourceFile: ts.SourceFile, byKind: AuditsByKind): AuditHit[] {
  const hits: AuditHit[] = [];
  const look = auditVisitor(sourceFile, byKind, hits);
  const visit = (node: ts.Node): void => {
    look(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return hits;
}
