import { ts } from '../src/util/ts.cjs';
import type { Audit, Detection } from '../src/analysis/audit.js';

// These os functions are system calls or /proc reads that build fresh objects every time; the answers
// (host name, CPUs, interfaces, user) do not change for the life of a service, or not per request.
const OS_QUERIES = new Set(['hostname', 'cpus', 'networkInterfaces', 'userInfo', 'totalmem', 'freemem', 'loadavg']);
// process methods of the same kind: memoryUsage() reads /proc/self/status (RSS) and walks the heap
// spaces, availableMemory() and cpuUsage()/resourceUsage() are syscalls (sysinfo/cgroup, getrusage);
// cwd() is cached by Node until chdir, but stays for the code that calls it per request
const PROCESS_QUERIES = new Set(['cwd', 'memoryUsage', 'availableMemory', 'cpuUsage', 'resourceUsage']);

export const osQuery: Audit = {
  id: 'os-query',
  title: 'Operating-system query',
  defaultSeverity: 'low',
  rationale:
    'os.hostname(), os.cpus(), os.networkInterfaces(), os.userInfo(), the memory/load queries and process.memoryUsage()/cpuUsage()/availableMemory() make system calls or read /proc and allocate new objects on each call (os.cpus() and os.networkInterfaces() tens of microseconds); host facts do not change per request.',
  fix: 'Query once at start-up (resource detection exists for this) and reuse the value; sample memory and CPU figures on a timer (a metrics observable) rather than per span; for process.cwd(), read it once unless the code calls process.chdir().',
  estimatedCostNs: 2_000,
  kinds: [ts.SyntaxKind.CallExpression],
  detect(node, ctx): Detection | undefined {
    const call = node as ts.CallExpression;
    const member = ctx.calleeMember(call.expression);
    if (member !== undefined && !PROCESS_QUERIES.has(member) && !OS_QUERIES.has(member)) return undefined;
    const callee = ctx.unwrap(call.expression);
    const ref = ctx.moduleRef(callee);
    if (ref && ref.path.length === 1) {
      const fn = ref.path[0]!;
      if (ref.module === 'os' && OS_QUERIES.has(fn)) return { node: call, operation: `os.${fn}` };
      if (ref.module === 'process' && PROCESS_QUERIES.has(fn)) return { node: call, operation: `process.${fn}` };
    }
    // the process global (or globalThis.process) is not a module import: moduleRef does not see it
    if (ts.isPropertyAccessExpression(callee) && PROCESS_QUERIES.has(callee.name.text) && ctx.isProcess(callee.expression)) {
      return { node: call, operation: `process.${callee.name.text}` };
    }
    return undefined;
  },
};
