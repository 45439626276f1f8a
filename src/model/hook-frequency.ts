// Whether a hook runs per request or when the application sets up: a wrapper of `configure`,
// `createPool` or a router's `use` runs once per logger, pool or router, and its figure is no cost of a
// request. Such hooks are ranked apart (ns per call) and never enter per-span rankings or budgets.
//
// The analysis classifies hooks itself when it can (`hookFrequency` on the scan's hooks, issue 11); a
// bench entry carries it from the scanned hook it accounts for. Until a hook says, the name of the
// member it wraps decides, against the same table the analysis uses (set-up-methods.ts).
import type { HookRef } from './finding.js';
import { setUpReason } from './set-up-methods.js';

export type HookFrequency = 'per-call' | 'set-up';

/**
 * The member a hook target wraps, as the last name in it: `mysql:createPool` → `createPool`,
 * `kafkajs:Kafka.prototype.producer().send` → `send` (the producer is set up once, its `send` runs per
 * call), `express:Router.prototype.use→this.stack.0.handle` → `handle`.
 */
export function wrappedMember(target: string): string {
  const names = target.split(/[.:→]|\(\)/).filter((s) => s !== '' && !/^\d+$/.test(s));
  return names[names.length - 1] ?? '';
}

/**
 * The analysis' own classification of a scanned hook when its report has one (`hookFrequency`, issue
 * 11), read without assuming the field exists in this version's model: a bench entry takes it over from
 * the scanned hook it accounts for, so that rankings and budgets follow the analysis, not the table.
 */
export function declaredHookFrequency(hook: object): HookFrequency | undefined {
  const f = (hook as { hookFrequency?: unknown }).hookFrequency;
  return f === 'per-call' || f === 'set-up' ? f : undefined;
}

/** How often a hook runs: what the hook says (the analysis'), else the built-in table for wraps. */
export function hookFrequencyOf(hook: Pick<HookRef, 'kind' | 'target'> & { hookFrequency?: HookFrequency }): HookFrequency {
  if (hook.hookFrequency !== undefined) return hook.hookFrequency;
  return hook.kind === 'wrap' && setUpReason(wrappedMember(hook.target)) !== undefined ? 'set-up' : 'per-call';
}
