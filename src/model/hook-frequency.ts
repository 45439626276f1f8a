// Whether a hook runs per request or when the application sets up: a wrapper of `configure`,
// `createPool` or a router's `use` runs once per logger, pool or router, and its figure is no cost of a
// request. Such hooks are ranked apart (ns per call) and never enter per-span rankings or budgets.
//
// The analysis classifies hooks itself when it can (`hookFrequency` on the scan's hooks, issue 11); a
// bench entry carries it from the scanned hook it accounts for. Until a hook says, this is the one
// place that decides, from the name of the member it wraps — a built-in table of set-up APIs, kept
// short and unambiguous on purpose (`get` is a route registration in restify and a request in http).
import type { HookRef } from './finding.js';

export type HookFrequency = 'per-call' | 'set-up';

/** Set-up APIs of target libraries: each creates or configures something long-lived. */
export const SETUP_METHODS: ReadonlySet<string> = new Set([
  // loggers, pools, clients, servers
  'configure',
  'createLogger',
  'createPool',
  'createPoolCluster',
  'createConnection',
  'createClient',
  'createServer',
  'Server',
  'server',
  'Pool',
  // messaging clients
  'producer',
  'consumer',
  'admin',
  // routes, middleware, plugins, commands registered at start-up
  'use',
  'route',
  'register',
  'ext',
  'addHook',
  'attachCommands',
  'addCommand',
  'loadPackageDefinition',
  'makeClientConstructor',
  'makeGenericClientConstructor',
  'constructStack',
  // test-framework step and hook definitions
  'Given',
  'When',
  'Then',
  'Before',
  'After',
  'BeforeStep',
  'AfterStep',
  'BeforeAll',
  'AfterAll',
  'defineStep',
]);

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
  return hook.kind === 'wrap' && SETUP_METHODS.has(wrappedMember(hook.target)) ? 'set-up' : 'per-call';
}
