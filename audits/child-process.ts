import { ts } from '../src/util/ts.cjs';
import type { AuditContext, Detection, ModuleRef } from '../src/analysis/audit.js';
import { stableInitializer } from '../src/analysis/manifest-path.js';
import { resolveIdentifier } from '../src/analysis/scope.js';
import { defineAudit } from '../src/analysis/define-audit.js';
import { childProcessMeta } from './child-process.meta.js';

// Starting a process forks the parent's address space mappings and execs a binary: around a
// millisecond before the child does anything, and the *Sync variants block the event loop until the
// child exits.
const SPAWNERS = new Set(['execSync', 'spawnSync', 'execFileSync', 'exec', 'execFile', 'spawn', 'fork']);

function spawner(ref: ModuleRef | undefined): string | undefined {
  if (!ref || ref.module !== 'child_process' || ref.path.length !== 1) return undefined;
  return SPAWNERS.has(ref.path[0]!) ? ref.path[0] : undefined;
}

/** `const execAsync = util.promisify(child_process.exec)`: calling execAsync spawns. */
function promisified(callee: ts.Expression, ctx: AuditContext): string | undefined {
  if (!ts.isIdentifier(callee)) return undefined;
  const decl = resolveIdentifier(callee);
  if (!decl) return undefined;
  let fn: string | undefined;
  const held = stableInitializer(decl, (init) => {
    const call = ctx.unwrap(init);
    if (!ts.isCallExpression(call) || !call.arguments[0]) return false;
    const ref = ctx.moduleRef(call.expression);
    if (!ref || ref.module !== 'util' || ref.path.join('.') !== 'promisify') return false;
    fn = spawner(ctx.moduleRef(call.arguments[0]));
    return fn !== undefined;
  });
  return held === undefined ? undefined : fn;
}

export const childProcess = defineAudit(childProcessMeta, {
  kinds: [ts.SyntaxKind.CallExpression],
  detect(call, ctx): Detection | undefined {
    const member = ctx.calleeMember(call.expression);
    if (member !== undefined && !SPAWNERS.has(member)) return undefined;
    const callee = ctx.unwrap(call.expression);
    const fn = spawner(ctx.moduleRef(callee)) ?? promisified(callee, ctx);
    return fn === undefined ? undefined : { node: call, operation: `child_process.${fn}` };
  },
});
