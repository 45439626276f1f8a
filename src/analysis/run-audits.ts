// One walk per file hands each node to the audits that asked for its syntax kind: the audits never
// walk the tree themselves, so adding an audit does not add a pass over every file.
import { ts } from '../util/ts.cjs';
import type { Audit, Detection } from './audit.js';
import { createAuditContext } from './context.js';

export interface AuditHit {
  audit: Audit;
  detection: Detection;
}

export function runAudits(sourceFile: ts.SourceFile, audits: readonly Audit[]): AuditHit[] {
  const byKind = new Map<ts.SyntaxKind, Audit[]>();
  for (const a of audits) {
    for (const k of a.kinds) {
      const list = byKind.get(k);
      if (list) list.push(a);
      else byKind.set(k, [a]);
    }
  }
  const ctx = createAuditContext(sourceFile);
  const hits: AuditHit[] = [];
  const visit = (node: ts.Node): void => {
    const list = byKind.get(node.kind);
    if (list) {
      for (const audit of list) {
        const detection = audit.detect(node, ctx);
        if (detection) hits.push({ audit, detection });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return hits;
}
