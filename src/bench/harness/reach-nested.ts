// The measuring side of find-nested.ts: from the wrapper a patch installed, make the same setup calls
// the listing made (same receivers and arguments, same stub style) and follow each step to the wrapper
// it installed. The last one is the wrapper a nested case measures.
import { callWithTimeout } from './call-with-timeout.js';
import type { NestedStep } from '../protocol/child-protocol.js';
import { memberAt, type WrappedMember } from './find-wrapped.js';
import { shapeFor } from './invoke.js';

function describe(step: NestedStep): string {
  const where = step.from === 'arg' ? `argument ${step.argIndex ?? 0}` : step.from === 'this' ? 'its receiver' : step.awaited === true ? 'what it resolved to' : 'what it returned';
  return `${step.path.join('.')} on ${where}`;
}

export async function reachNested(root: WrappedMember, via: readonly NestedStep[], options: { syncMs: number; settleMs: number }): Promise<WrappedMember> {
  let member = root;
  for (const step of via) {
    const shape = shapeFor(member.owner, member.path);
    const self = shape.receiver();
    const args = shape.args();
    const call = await callWithTimeout(member.fn, self, args, step.style, options);
    const from = step.from === 'return' ? (step.awaited === true ? call.resolved?.value : call.returned) : step.from === 'this' ? self : args[step.argIndex ?? 0];
    const next = (typeof from === 'object' || typeof from === 'function') && from !== null ? memberAt(from, step.path) : undefined;
    if (next === undefined)
      throw new Error(
        `calling ${member.path.join('.') || 'the module'} (${step.style}) did not install a wrapper at ${describe(step)} again${call.error === null ? '' : ` (the call: ${call.error})`}`,
      );
    member = next;
  }
  return member;
}
