import { ts } from '../src/util/ts.cjs';
import type { AuditContext, Detection } from '../src/analysis/audit.js';
import { FILE_READ_FUNCTIONS, isCreateRequireCall, isDynamicImport, isManifestPath, isManifestRead, isRequireLikeCall, isRequireResolveCall } from '../src/analysis/manifest-path.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { versionLookupMeta } from './version-lookup.meta.js';

// The bug otel-audit exists for: looking up an installed package's version on every request. Module
// resolution walks node_modules directories with stat calls; a missing package throws after walking
// all of them; reading a manifest is a sync read plus a JSON parse.
const RESOLVER_INTERNALS = new Set(['_resolveFilename', '_findPath']);

/** `Module._resolveFilename(…)` on the `module` builtin, or on `module.constructor` (the same class). */
function resolverInternal(call: ts.CallExpression, ctx: AuditContext): string | undefined {
  const callee = ctx.unwrap(call.expression);
  const ref = ctx.moduleRef(callee);
  if (ref && ref.module === 'module') {
    const fn = ref.path[ref.path.length - 1];
    return fn !== undefined && RESOLVER_INTERNALS.has(fn) ? `Module.${fn}` : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee) || !RESOLVER_INTERNALS.has(callee.name.text)) return undefined;
  const owner = ctx.unwrap(callee.expression);
  const isModuleConstructor = ts.isPropertyAccessExpression(owner) && owner.name.text === 'constructor' && ctx.isGlobal(owner.expression, 'module');
  return isModuleConstructor ? `Module.${callee.name.text}` : undefined;
}

/** Member names a version lookup can end in; any other `x.y(…)` is rejected before resolution. */
const LOOKUP_MEMBERS = new Set(['require', 'resolve', 'createRequire', 'createRequireFromPath', ...RESOLVER_INTERNALS, ...FILE_READ_FUNCTIONS]);

function operationOf(call: ts.CallExpression, ctx: AuditContext): string | undefined {
  const member = ctx.calleeMember(call.expression);
  if (member !== undefined && !LOOKUP_MEMBERS.has(member)) return undefined;
  if (isRequireLikeCall(call)) return isManifestPath(call.arguments[0]!) ? 'require(package.json)' : undefined;
  if (isDynamicImport(call)) return call.arguments[0] && isManifestPath(call.arguments[0]) ? 'import(package.json)' : undefined;
  if (isRequireResolveCall(call)) return 'require.resolve';
  if (isCreateRequireCall(call)) return 'createRequire';
  if (isManifestRead(call)) return 'read package.json';
  return resolverInternal(call, ctx);
}

export const versionLookup = defineAudit(versionLookupMeta, {
  kinds: [ts.SyntaxKind.CallExpression],
  detect(call, ctx): Detection | undefined {
    const operation = operationOf(call, ctx);
    return operation === undefined ? undefined : { node: call, operation };
  },
});
