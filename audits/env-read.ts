import { ts } from '../src/util/ts.cjs';
import type { AuditContext, Detection } from '../src/analysis/audit.js';
import { stableInitializer } from '../src/analysis/manifest-path.js';
import { memberName } from '../src/analysis/module-ref.js';
import { resolveIdentifier } from '../src/analysis/scope.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { envReadMeta } from './env-read.meta.js';

// process.env is not a plain object: every property read is a getenv() through a C++ interceptor that
// allocates a fresh string, and enumerating it copies the whole environment. Values do not change
// unless the process writes them, so reading them per request is waste.

/** Object functions that enumerate their argument; when process.env is the first argument of assign/define*, it is written to. */
const COPYING_OBJECT_FUNCTIONS = new Set(['entries', 'keys', 'values', 'assign', 'getOwnPropertyNames', 'getOwnPropertyDescriptors']);
const WRITING_OBJECT_FUNCTIONS = new Set(['assign', 'defineProperty', 'defineProperties']);
/**
 * Aliases (`const { env } = process`, `import { env } from 'node:process'`, `const env = process.env`)
 * are followed only when their name contains "env": checking every identifier of every file would
 * cost a scope lookup each, and aliases are named that way in practice. An alias with another name is
 * reported where it is taken instead.
 */
const ALIAS_NAME = /env/i;

function isProcessEnv(node: ts.Expression, ctx: AuditContext): boolean {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
  return memberName(node) === 'env' && ctx.isProcess(node.expression);
}

/** `const env = process.env`, `const { env } = process`, `import { env } from 'process'`, tsc/require forms. */
function isEnvAlias(id: ts.Identifier, ctx: AuditContext): boolean {
  const decl = resolveIdentifier(id);
  if (!decl) return false;
  if (ts.isVariableDeclaration(decl)) return stableInitializer(decl, (init) => isProcessEnv(ctx.unwrap(init), ctx)) !== undefined;
  const ref = ctx.moduleRef(id);
  if (ref) return ref.module === 'process' && ref.path.length === 1 && ref.path[0] === 'env';
  if (!ts.isBindingElement(decl)) return false;
  // `const { env } = process` with the global: not a module, so moduleRef does not know it
  const key = decl.propertyName ?? decl.name;
  const owner = decl.parent.parent;
  return ts.isIdentifier(key) && key.text === 'env' && ts.isVariableDeclaration(owner) && owner.initializer !== undefined && ctx.isProcess(owner.initializer);
}

/** The node that stands for the use: walks out of parentheses and type assertions. */
function outermost(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isSatisfiesExpression(n.parent)) n = n.parent;
  return n;
}

function isWrite(node: ts.Expression): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent)) return parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  return ts.isDeleteExpression(parent);
}

function classifyCall(env: ts.Expression, call: ts.CallExpression, ctx: AuditContext): Detection | undefined {
  const callee = ctx.unwrap(call.expression);
  const fn = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const owner = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  if (fn !== undefined && owner !== undefined && ctx.isGlobal(owner, 'Object')) {
    if (call.arguments[0] === env && WRITING_OBJECT_FUNCTIONS.has(fn)) return undefined;
    if (COPYING_OBJECT_FUNCTIONS.has(fn)) return { node: call, operation: 'process.env copy' };
  }
  if (fn === 'stringify' && owner !== undefined && ctx.isGlobal(owner, 'JSON')) return { node: call, operation: 'process.env copy' };
  if (ctx.isGlobal(callee, 'structuredClone')) return { node: call, operation: 'process.env copy' };
  // handed whole to a function: we cannot see how much it reads, so it counts as one read
  return { node: env, operation: 'process.env' };
}

/** What is done with process.env (or an alias of it) at `env`. */
function classify(envNode: ts.Expression, ctx: AuditContext, isAlias: boolean): Detection | undefined {
  const env = outermost(envNode);
  const parent = env.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === env) {
    const access = outermost(parent);
    return isWrite(access) ? undefined : { node: parent, operation: 'process.env' };
  }
  if (ts.isSpreadAssignment(parent) || ts.isSpreadElement(parent)) return { node: parent, operation: 'process.env copy' };
  if (ts.isForInStatement(parent) && parent.expression === env) return { node: env, operation: 'process.env copy' };
  if (ts.isCallExpression(parent) && parent.arguments.includes(env)) return classifyCall(env, parent, ctx);
  // an alias is only a reference: its uses above are what reads
  if (isAlias) return undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer === env) {
    if (ts.isObjectBindingPattern(parent.name)) {
      const copies = parent.name.elements.some((el) => el.dotDotDotToken !== undefined);
      return { node: env, operation: copies ? 'process.env copy' : 'process.env' };
    }
    // `const env = process.env`: reads through the alias are reported one by one instead
    if (ts.isIdentifier(parent.name) && ALIAS_NAME.test(parent.name.text) && stableInitializer(parent) !== undefined) return undefined;
  }
  if (isWrite(env)) return undefined;
  return { node: env, operation: 'process.env' };
}

function isAliasUse(id: ts.Identifier): boolean {
  const parent = id.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === id) return true;
  if (ts.isCallExpression(parent)) return parent.arguments.includes(id);
  if (ts.isSpreadAssignment(parent) || ts.isSpreadElement(parent)) return true;
  return ts.isForInStatement(parent) && parent.expression === id;
}

export const envRead = defineAudit(envReadMeta, {
  kinds: [ts.SyntaxKind.PropertyAccessExpression, ts.SyntaxKind.ElementAccessExpression, ts.SyntaxKind.Identifier],
  detect(node, ctx): Detection | undefined {
    if (ts.isIdentifier(node)) {
      if (!ALIAS_NAME.test(node.text) || !isAliasUse(node) || !isEnvAlias(node, ctx)) return undefined;
      return classify(node, ctx, true);
    }
    return isProcessEnv(node, ctx) ? classify(node, ctx, false) : undefined;
  },
});
