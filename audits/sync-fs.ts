import { ts } from '../src/util/ts.cjs';
import { isManifestRead } from '../src/analysis/manifest-path.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { syncFsMeta } from './sync-fs.meta.js';

// Every synchronous fs call blocks the event loop for a system call (and usually a copy); on a request
// path it serialises all concurrent requests behind the disk.
const FS_MODULES = new Set(['fs', 'graceful-fs', 'fs-extra', 'original-fs']);

export const syncFs = defineAudit(syncFsMeta, {
  kinds: [ts.SyntaxKind.CallExpression],
  detect(call, ctx) {
    const member = ctx.calleeMember(call.expression);
    if (member !== undefined && !member.endsWith('Sync')) return undefined;
    const ref = ctx.moduleRef(call.expression);
    if (!ref || !FS_MODULES.has(ref.module) || ref.path.length !== 1) return undefined;
    const fn = ref.path[0]!;
    if (!fn.endsWith('Sync')) return undefined;
    // reading a package.json is a version lookup: that rule owns it (one finding per operation)
    if (isManifestRead(call)) return undefined;
    return { node: call, operation: `fs.${fn}` };
  },
});
