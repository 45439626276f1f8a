import { ts } from '../src/util/ts.cjs';
import type { Detection } from '../src/analysis/audit.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { osQueryMeta } from './os-query.meta.js';

// These os functions are system calls or /proc reads that build fresh objects every time; the answers
// (host name, CPUs, interfaces, user) do not change for the life of a service, or not per request.
const OS_QUERIES = new Set(['hostname', 'cpus', 'networkInterfaces', 'userInfo', 'totalmem', 'freemem', 'loadavg']);

export const osQuery = defineAudit(osQueryMeta, {
  kinds: [ts.SyntaxKind.CallExpression],
  detect(call, ctx): Detection | undefined {
    const member = ctx.calleeMember(call.expression);
    if (member !== undefined && member !== 'cwd' && !OS_QUERIES.has(member)) return undefined;
    const callee = ctx.unwrap(call.expression);
    const ref = ctx.moduleRef(callee);
    if (ref && ref.path.length === 1) {
      const fn = ref.path[0]!;
      if (ref.module === 'os' && OS_QUERIES.has(fn)) return { node: call, operation: `os.${fn}` };
      if (ref.module === 'process' && fn === 'cwd') return { node: call, operation: 'process.cwd' };
    }
    // the process global (or globalThis.process) is not a module import: moduleRef does not see it
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'cwd' && ctx.isProcess(callee.expression)) {
      return { node: call, operation: 'process.cwd' };
    }
    return undefined;
  },
});
