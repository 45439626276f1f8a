// Is an event, hook or callback name one that fires per operation (`spanEnd`, `beforeEnvelope`,
// `onRequest`, `preHandler`, `message`, `requestHook`) rather than at set-up or shutdown (`onReady`,
// `onRoute`, `close`, `exit`)? Names are split into words (camelCase, `:`, `.`, `-`, `_`) and decided by
// the words of the framework contracts that fire per request, span or record.

/** Words of per-operation events: a request, a span, a record, a message … */
const PER_OPERATION = new Set([
  'span',
  'request',
  'response',
  'reply',
  'envelope',
  'event',
  'query',
  'command',
  'message',
  'transaction',
  'breadcrumb',
  'log',
  'record',
  'send',
  'job',
  'publish',
  'consume',
  'invoke',
  'operation',
  'handler',
  'parsing',
  'validation',
  'serialization',
  'abort',
  'timeout',
  'sampling',
  'export',
]);

/**
 * A test runner's units of work: its tests, suites, steps and retries fire per test (`runner.on('test end',
 * …)`). Per operation for an event, but they do not outweigh a session word in a channel's name
 * (`test:session:start` is published once per session).
 */
const TEST_UNITS = new Set(['test', 'suite', 'step', 'retry']);

/** Words of set-up, lifecycle or failure events: never per operation on their own. */
const LIFECYCLE = new Set([
  'ready',
  'close',
  'listen',
  'listening',
  'register',
  'route',
  'exit',
  'shutdown',
  'init',
  'initialize',
  'initialization',
  'flush',
  'connect',
  'disconnect',
  'setup',
  'error',
  'warning',
  'uncaught',
  'unhandled',
  'listener',
  'signal',
  'sigterm',
  'sigint',
  'drain',
  'plugin',
  // configuration change events (`config.on('sampling_target', …)`)
  'config',
  'configuration',
  'option',
  'options',
  'setting',
  'settings',
  'rules',
  'target',
  'terms',
  'period',
  'update',
  'change',
  'changed',
]);

/** Words of a request's lifecycle, for route options (`{ onRequest: fn, preHandler: fn }`). */
const REQUEST_LIFECYCLE = new Set(['request', 'response', 'reply', 'send', 'handler', 'parsing', 'validation', 'serialization', 'timeout', 'abort']);

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s:._\-/]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** An event or hook name that fires per operation: a per-operation word and no lifecycle word. */
export function isPerOperationName(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => PER_OPERATION.has(w) || TEST_UNITS.has(w)) && !words.some((w) => LIFECYCLE.has(w));
}

/** The first word of `name` that names one operation (`request-execution.js` → `request`), if any. */
export function perOperationWord(name: string): string | undefined {
  return nameWords(name).find((w) => PER_OPERATION.has(w));
}

/** Words of channels published at set-up, per session or in the background (`test:session:start`, `app:config:update`, `module:load`). */
const SET_UP_CHANNEL = new Set([
  'session',
  'setup',
  'configuration',
  'config',
  'report',
  'flush',
  'closing',
  'added',
  'register',
  'load',
  'loaded',
  'init',
  'initialize',
  'initialization',
  'shutdown',
  'exit',
  'ready',
  'listen',
  'listening',
  'update',
  'refresh',
]);

/**
 * A diagnostics_channel name published at set-up, per session or in the background rather than per
 * operation: a set-up word and no per-operation word (`ci:playwright:session:start`, `ffe:writers:flush`;
 * not `apm:pg:query:start`, `undici:request:create`).
 */
export function isSetUpChannelName(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => SET_UP_CHANNEL.has(w)) && !words.some((w) => PER_OPERATION.has(w));
}

/** A route option key that runs per request: `onRequest`, `preHandler`, `onSend`, `preSerialization`. */
export function isRouteHookName(name: string): boolean {
  const [first, ...rest] = nameWords(name);
  return (first === 'on' || first === 'pre') && rest.some((w) => REQUEST_LIFECYCLE.has(w)) && !rest.some((w) => LIFECYCLE.has(w));
}

/** A per-event method of an integration object: `processEvent`, `preprocessEvent`, `beforeSend`, `beforeEnvelope`. */
export function isPerEventMethodName(name: string): boolean {
  const [first, ...rest] = nameWords(name);
  return (first === 'process' || first === 'preprocess' || first === 'before' || first === 'after') && rest.some((w) => PER_OPERATION.has(w)) && !rest.some((w) => LIFECYCLE.has(w));
}

/** Words of stages that run once around a whole run, not around each operation: `beforeStart`, `afterAll`, `beforeExit`. */
const RUN_STAGES = new Set(['start', 'stop', 'all', 'launch', 'boot', 'run', 'each']);

/**
 * The methods of a stage pair: `beforeEvaluation` and `afterEvaluation` on one class or object are the
 * two halves of a host library's hook interface, called around each evaluation, query or send (feature
 * flag SDK hooks, ORM lifecycle hooks, client interceptors). Not stages of a whole run or of set-up
 * (`beforeStart`/`afterStart`, `beforeAll`/`afterAll`, `beforeShutdown`, `beforeInit`).
 */
export function stagePairMethods(names: ReadonlyArray<string | undefined>): Set<string> {
  const out = new Set<string>();
  const present = new Set(names.filter((n): n is string => n !== undefined));
  for (const name of present) {
    const m = /^before([A-Z]\w*)$/.exec(name);
    if (!m || !present.has(`after${m[1]}`)) continue;
    const words = nameWords(m[1]!);
    if (words.some((w) => LIFECYCLE.has(w) || SET_UP_CHANNEL.has(w) || RUN_STAGES.has(w))) continue;
    out.add(name).add(`after${m[1]}`);
  }
  return out;
}

/** A per-operation callback in an instrumentation's configuration: `requestHook`, `startIncomingSpanHook`. */
export function isConfigHookName(name: string): boolean {
  const words = nameWords(name);
  return words[words.length - 1] === 'hook' && isPerOperationName(words.slice(0, -1).join(' '));
}
