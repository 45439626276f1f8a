// Set-up APIs of the libraries instrumentations patch: a wrapper of one of these runs when the
// application configures a logger, creates a pool, a server or a client, or registers a route or a
// listener — a few times in a process's life, not per request. A hook wrapping one is a `set-up` hook,
// and what it runs is reported as `init`. Matched against the wrapped method's own name (the last
// part of the hook target: `prototype.configure` → `configure`). The policy file's `setUpMethods`
// adds names (src/policy/config-schema.ts).

export const SET_UP_METHODS: ReadonlyMap<string, string> = new Map([
  // loggers: `logger.configure({ transports })` (winston) replaces the configuration, once at start-up
  ['configure', 'configures the logger'],
  // database and connection pools: created once, their connections are reused by every query
  ['createPool', 'creates a connection pool'],
  ['createPoolCluster', 'creates a cluster of connection pools'],
  ['createConnection', 'opens a connection that later queries reuse'],
  ['Pool', 'constructs a pool'],
  // servers: created and started once; requests arrive through their handlers
  ['createServer', 'creates a server'],
  ['createSecureServer', 'creates a server'],
  ['server', 'creates a server (hapi `server()`)'],
  ['listen', 'starts a server listening'],
  // routers and frameworks: routes, middleware and hooks are registered at start-up, then run per request
  // through the handler they register (found as hooks of their own when the instrumentation wraps it)
  ['use', 'registers middleware'],
  ['route', 'declares a route'],
  ['register', 'registers a plugin or a service'],
  ['addHook', 'registers a framework hook'],
  // messaging clients: `kafka.producer()` / `kafka.consumer()` build a client once; sends and
  // messages go through its methods
  ['producer', 'creates a producer client'],
  ['consumer', 'creates a consumer client'],
  // lifecycles: starting a server, an agent, a worker or a test session happens once; the work
  // arrives later through handlers and listeners (found as hooks, or per event, of their own)
  ['start', 'starts a server, worker or session'],
  // module loading: Node compiles and resolves each module once (then it is cached), at start-up
  ['_compile', 'compiles a module, once per module'],
  ['requireModule', 'loads a module, once per module'],
  ['resolveModule', 'resolves a module, once per module'],
  // test runners: these run once per test session (the CLI, its configuration, its reporters and the
  // run of all tests); what runs per test goes through the listeners they register, which stay per call
  ['runCLI', 'runs a whole test session (jest)'],
  ['readConfigs', 'reads the test configuration (jest)'],
  ['defineConfig', 'defines the test configuration (cypress, vitest)'],
  ['runAllTests', 'runs a whole test session (playwright)'],
  ['createReporters', 'creates the reporters of a test session (playwright)'],
  ['onRunComplete', 'ends a test session (jest reporters)'],
  // event registration: `emitter.on('event', fn)` runs once per listener added; the listener itself
  // runs per event and stays per call
  ['on', 'registers an event listener'],
  ['once', 'registers an event listener'],
  ['addListener', 'registers an event listener'],
  ['prependListener', 'registers an event listener'],
]);

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

/** How often a hook runs: set-up when it wraps a method named in the built-in table or in `extra`. */
export function hookFrequencyOf(kind: string, method: string | undefined, extra: readonly string[] = []): HookFrequencyDecision {
  if (method !== undefined) {
    const why = SET_UP_METHODS.get(method);
    if (why !== undefined) return { hookFrequency: 'set-up', hookFrequencyReason: `wraps ${method}, which ${why} (built-in set-up methods)` };
    if (extra.includes(method)) return { hookFrequency: 'set-up', hookFrequencyReason: `wraps ${method}, named in the policy file's setUpMethods` };
  }
  return { hookFrequency: 'per-call', hookFrequencyReason: perCallReason(kind, method) };
}
