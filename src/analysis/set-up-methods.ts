// How often a scanned hook runs: `set-up` when it wraps a set-up API of the target library (the one
// table, src/model/set-up-methods.ts, plus the policy file's `setUpMethods`), and what it runs is then
// reported `init`; `per-call` otherwise, with the reason by the hook's kind.
import { setUpReason, type ModuleOrigin } from '../model/set-up-methods.js';
import { nameWords, perOperationWord } from './event-names.js';

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

/** Head nouns of things made per operation: a request, a span, a message … and a request's execution. */
function operationHead(name: string): string | undefined {
  const words = nameWords(name);
  const head = words[words.length - 1];
  return head !== undefined && (head === 'execution' || perOperationWord(head) !== undefined) ? head : undefined;
}

/**
 * The generic set-up names (`start`, `on`, `use`) are set-up on a server, client, agent or session; on a
 * thing made per operation they run per operation: `RequestExecution.prototype.start` (cassandra-driver
 * starts each request with it), `lib/request-execution.js`, `Span.prototype.on`. The owner is the last
 * name the hook target gives before the method (its class) or else the module's file, not the package
 * name, and its head noun decides: a `MessagePort` or an `EventEmitter` is long-lived. Returns the noun.
 */
function perOperationOwner(target: string, method: string, origin: ModuleOrigin | undefined): string | undefined {
  const beforeMethod = target.endsWith(method) ? target.slice(0, target.length - method.length) : target;
  const colon = beforeMethod.lastIndexOf(':');
  const owner = beforeMethod
    .slice(colon + 1)
    .split(/[.→]/)
    .filter((s) => s !== '' && s !== 'prototype' && s !== 'default' && !/^\d+$/.test(s))
    .pop();
  if (owner !== undefined) return operationHead(owner);
  // the module part: `cassandra-driver/lib/request-execution.js` (a file after the package name), or the origin's file
  const spec = colon === -1 ? '' : beforeMethod.slice(0, colon);
  const file =
    origin?.file ??
    spec
      .split('/')
      .slice(spec.startsWith('@') ? 2 : 1)
      .join('/');
  const fileName = (file.split('/').pop() ?? '').replace(/\.[cm]?[jt]s$/, '');
  return fileName === '' ? undefined : operationHead(fileName);
}

/**
 * How often a hook runs: set-up when it wraps a method named in the built-in tables or in `extra` (the
 * policy file's `setUpMethods`: a method's name, or `module:method` for one module's method only).
 */
export function hookFrequencyOf(kind: string, method: string | undefined, extra: readonly string[] = [], origin?: ModuleOrigin, target?: string): HookFrequencyDecision {
  if (method !== undefined) {
    const verb = kind === 'assign' ? 'replaces' : 'wraps';
    const owner = target === undefined ? undefined : perOperationOwner(target, method, origin);
    const why = setUpReason(method, origin, owner === undefined);
    if (why !== undefined) return { hookFrequency: 'set-up', hookFrequencyReason: `${verb} ${method}, ${why}` };
    if (owner !== undefined && setUpReason(method) !== undefined) {
      return { hookFrequency: 'per-call', hookFrequencyReason: `wraps ${method} of a per-operation ${owner}, not a set-up method` };
    }
    if (extra.includes(method) || (origin !== undefined && extra.includes(`${origin.name}:${method}`))) {
      return { hookFrequency: 'set-up', hookFrequencyReason: `${verb} ${method}, named in the policy file's setUpMethods` };
    }
  }
  return { hookFrequency: 'per-call', hookFrequencyReason: perCallReason(kind, method) };
}
