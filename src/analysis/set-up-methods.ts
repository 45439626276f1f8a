// How often a scanned hook runs: `set-up` when it wraps a set-up API of the target library (the one
// table, src/model/set-up-methods.ts, plus the policy file's `setUpMethods`), and what it runs is then
// reported `init`; `per-call` otherwise, with the reason by the hook's kind.
import { setUpReason, type ModuleOrigin } from '../model/set-up-methods.js';

export interface HookFrequencyDecision {
  hookFrequency: 'per-call' | 'set-up';
  hookFrequencyReason: string;
}

/** Why a hook that is not a set-up hook runs per call, by its kind. */
function perCallReason(kind: string, method: string | undefined): string {
  if (kind === 'wrap') return method === undefined ? 'wraps methods named at run time' : `wraps ${method}, not a set-up method`;
  if (kind === 'diagnostics-channel') return 'runs per message published on the channel';
  if (kind === 'assign') return 'stored over a function user code calls';
  if (kind === 'proxy') return 'a trap runs on every use of the proxied value';
  if (kind === 'event') return 'runs per event it listens to';
  if (kind === 'middleware') return 'runs per request';
  return 'the SDK calls it per span or record';
}

/**
 * How often a hook runs: set-up when it wraps a method named in the built-in tables or in `extra` (the
 * policy file's `setUpMethods`: a method's name, or `module:method` for one module's method only).
 */
export function hookFrequencyOf(kind: string, method: string | undefined, extra: readonly string[] = [], origin?: ModuleOrigin): HookFrequencyDecision {
  if (method !== undefined) {
    const verb = kind === 'assign' ? 'replaces' : 'wraps';
    const why = setUpReason(method, origin);
    if (why !== undefined) return { hookFrequency: 'set-up', hookFrequencyReason: `${verb} ${method}, ${why}` };
    if (extra.includes(method) || (origin !== undefined && extra.includes(`${origin.name}:${method}`))) {
      return { hookFrequency: 'set-up', hookFrequencyReason: `${verb} ${method}, named in the policy file's setUpMethods` };
    }
  }
  return { hookFrequency: 'per-call', hookFrequencyReason: perCallReason(kind, method) };
}
