import { ts } from '../src/util/ts.cjs';
import type { Audit } from '../src/analysis/audit.js';
import { isManifestRead } from '../src/analysis/manifest-path.js';

// Every synchronous fs call blocks the event loop for a system call (and usually a copy); on a request
// path it serialises all concurrent requests behind the disk.
const FS_MODULES = new Set(['fs', 'graceful-fs', 'fs-extra', 'original-fs']);

export const syncFs: Audit = {
  id: 'sync-fs',
  title: 'Synchronous file-system call',
  defaultSeverity: 'high',
  rationale: 'A synchronous fs call blocks the event loop for a system call on every instrumented request; under load all requests queue behind it.',
  fix: 'Do the read once at start-up (constructor, init(), module top level) or cache its result; use fs.promises off the hot path.',
  estimatedCostNs: 15_000,
  kinds: [ts.SyntaxKind.CallExpression],
  detect(node, ctx) {
    const call = node as ts.CallExpression;
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
};
