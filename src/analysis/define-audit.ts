// `defineAudit(meta, { kinds, detect })`: a rule's detector, with `detect` typed from `kinds`
// (`[ts.SyntaxKind.CallExpression]` → `detect(node: ts.CallExpression, ctx)`, a union for several),
// so no rule casts the node it is handed. The walker (run-audits.ts) only hands a detector nodes of
// the kinds it asked for, which is what makes the one widening below sound.
import type { ImplementedKindToNodeMappings } from 'ts-morph';
import type { ts } from '../util/ts.cjs';
import type { Audit, AuditContext, Detection } from './audit.js';
import type { AuditMeta } from './audit-meta.js';

/**
 * The compiler's node type for a syntax kind. ts-morph keeps the complete kind → node map (its
 * wrappers' `compilerNode`), so any kind a future rule asks for is typed without a list to extend
 * here; a kind it has no wrapper for is a plain `ts.Node`.
 */
export type NodeOfKind<K extends ts.SyntaxKind> = K extends keyof ImplementedKindToNodeMappings ? ImplementedKindToNodeMappings[K]['compilerNode'] : ts.Node;

export interface Detector<K extends ts.SyntaxKind> {
  /** syntax kinds the walker hands to `detect`; everything else never reaches it */
  readonly kinds: readonly K[];
  /** recognise the operation at `node`, or return undefined. Pure: no I/O, no prose. */
  detect(node: NodeOfKind<K>, ctx: AuditContext): Detection | undefined;
}

export function defineAudit<const K extends ts.SyntaxKind>(meta: AuditMeta, detector: Detector<K>): Audit {
  return { ...meta, kinds: detector.kinds, detect: detector.detect };
}
