// The AuditContext handed to every audit: syntax helpers bound to one source file.
import { ts } from '../util/ts.cjs';
import type { AuditContext } from './audit.js';
import { isGlobalIdentifier, isRequireCall, memberName, moduleRef, unwrap } from './module-ref.js';
import { enclosingFunction, resolveIdentifier } from './scope.js';

/** `depth` counts hops through variables only: long literal concatenations are still constant. */
export function constantString(expr: ts.Expression, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = constantString(e.left, depth);
    const r = l === undefined ? undefined : constantString(e.right, depth);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const span of e.templateSpans) {
      const v = constantString(span.expression, depth);
      if (v === undefined) return undefined;
      out += v + span.literal.text;
    }
    return out;
  }
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(e);
    if (d && ts.isVariableDeclaration(d) && d.initializer && ts.isVariableDeclarationList(d.parent) && d.parent.flags & ts.NodeFlags.Const) {
      return constantString(d.initializer, depth + 1);
    }
  }
  return undefined;
}

export function isProcess(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (isGlobalIdentifier(e, 'process')) return true;
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'process' && isGlobalIdentifier(e.expression, 'globalThis')) return true;
  const ref = moduleRef(e);
  return ref !== undefined && ref.module === 'process' && ref.path.length === 0;
}

/** Inside a function body, as opposed to module top level or a class field initialiser. */
export function isInsideFunction(node: ts.Node): boolean {
  return enclosingFunction(node) !== undefined;
}

export function createAuditContext(sourceFile: ts.SourceFile): AuditContext {
  return {
    ts,
    sourceFile,
    unwrap,
    calleeMember: (e) => {
      const u = unwrap(e);
      return ts.isPropertyAccessExpression(u) || ts.isElementAccessExpression(u) ? (memberName(u) ?? '') : undefined;
    },
    moduleRef,
    isRequireCall,
    constantString: (e) => constantString(e),
    isProcess,
    isGlobal: isGlobalIdentifier,
    isInsideFunction,
  };
}
