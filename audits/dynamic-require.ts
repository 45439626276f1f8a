import { ts } from '../src/util/ts.cjs';
import type { Detection } from '../src/analysis/audit.js';
import { isDynamicImport, isManifestPath, isRequireLikeCall } from '../src/analysis/manifest-path.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { dynamicRequireMeta } from './dynamic-require.meta.js';

// A require() inside a function runs every time the function does. On a module-cache hit it still
// resolves the specifier against the caller's directory and looks the cache up (hundreds of ns); on a
// miss (a missing optional dependency) it walks node_modules and throws, every call. import() adds a
// promise and a microtask on top.

export const dynamicRequire = defineAudit(dynamicRequireMeta, {
  kinds: [ts.SyntaxKind.CallExpression],
  detect(call, ctx): Detection | undefined {
    const member = ctx.calleeMember(call.expression);
    if (member !== undefined && member !== 'require') return undefined;
    const isRequire = isRequireLikeCall(call);
    if (!isRequire && !isDynamicImport(call)) return undefined;
    // module top level runs once: the rule is about requires that run per call of a function
    if (!ctx.isInsideFunction(call)) return undefined;
    // a package.json require is a version lookup: that rule owns it
    const spec = call.arguments[0];
    if (spec !== undefined && isManifestPath(spec)) return undefined;
    return { node: call, operation: isRequire ? 'require' : 'import()' };
  },
});
