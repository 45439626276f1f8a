// Set-up APIs of the libraries instrumentations patch: a wrapper of one of these runs when the
// application configures a logger, creates a pool, a server or a client, or registers a route, a
// plugin or a listener — a few times in a process's life, not per request. The one table: the
// analysis classifies scanned hooks with it (src/analysis/set-up-methods.ts, plus the policy file's
// `setUpMethods`), and the model falls back to it for hooks that do not say (bench entries of reports
// written before the analysis classified hooks). Matched against the wrapped method's own name (the
// last part of the hook target: `prototype.configure` → `configure`); kept unambiguous on purpose
// (`get` registers a route in restify and is a request in http, so it is not here).

export const SET_UP_METHODS: ReadonlyMap<string, string> = new Map([
  // loggers: `logger.configure({ transports })` (winston) replaces the configuration, once at start-up
  ['configure', 'configures the logger'],
  ['createLogger', 'creates a logger'],
  // database and connection pools, clients: created once, their connections are reused by every query
  ['createPool', 'creates a connection pool'],
  ['createPoolCluster', 'creates a cluster of connection pools'],
  ['createConnection', 'opens a connection that later queries reuse'],
  ['createClient', 'creates a client that later calls reuse'],
  ['Pool', 'constructs a pool'],
  // servers: created and started once; requests arrive through their handlers
  ['createServer', 'creates a server'],
  ['createSecureServer', 'creates a server'],
  ['Server', 'constructs a server'],
  ['server', 'creates a server (hapi `server()`)'],
  ['listen', 'starts a server listening'],
  // routers and frameworks: routes, middleware, plugins and commands are registered at start-up, then
  // run per request through the handler they register (found as hooks of their own when wrapped)
  ['use', 'registers middleware'],
  ['route', 'declares a route'],
  ['register', 'registers a plugin or a service'],
  ['ext', 'registers a request lifecycle extension (hapi)'],
  ['addHook', 'registers a framework hook'],
  // (not `addCommand`: it queues one command per call in node-redis 4+ and mysql2)
  ['attachCommands', 'attaches commands to a client'],
  // gRPC: service definitions and client classes are made once; calls go through their methods
  ['loadPackageDefinition', 'loads a service definition'],
  ['makeClientConstructor', 'makes a client class'],
  ['makeGenericClientConstructor', 'makes a client class'],
  // messaging clients: `kafka.producer()` / `kafka.consumer()` build a client once; sends and
  // messages go through its methods
  ['producer', 'creates a producer client'],
  ['consumer', 'creates a consumer client'],
  ['admin', 'creates an admin client'],
  // lifecycles: starting a server, an agent, a worker or a test session happens once; the work
  // arrives later through handlers and listeners (found as hooks, or per event, of their own)
  ['start', 'starts a server, worker or session'],
  // module loading: Node compiles and resolves each module once (then it is cached), at start-up
  ['_compile', 'compiles a module, once per module'],
  ['requireModule', 'loads a module, once per module'],
  ['resolveModule', 'resolves a module, once per module'],
  // test runners: these run once per test session (the CLI, its configuration, its reporters and the
  // run of all tests), and step and hook definitions once per definition; what runs per test goes
  // through the functions they register, which stay per call
  ['runCLI', 'runs a whole test session (jest)'],
  ['readConfigs', 'reads the test configuration (jest)'],
  ['defineConfig', 'defines the test configuration (cypress, vitest)'],
  ['runAllTests', 'runs a whole test session (playwright)'],
  ['createReporters', 'creates the reporters of a test session (playwright)'],
  ['onRunComplete', 'ends a test session (jest reporters)'],
  ['Given', 'defines a step'],
  ['When', 'defines a step'],
  ['Then', 'defines a step'],
  ['defineStep', 'defines a step'],
  ['Before', 'defines a test hook'],
  ['After', 'defines a test hook'],
  ['BeforeStep', 'defines a test hook'],
  ['AfterStep', 'defines a test hook'],
  ['BeforeAll', 'defines a test hook'],
  ['AfterAll', 'defines a test hook'],
  // event registration: `emitter.on('event', fn)` runs once per listener added; the listener itself
  // runs per event and stays per call
  ['on', 'registers an event listener'],
  ['once', 'registers an event listener'],
  ['addListener', 'registers an event listener'],
  ['prependListener', 'registers an event listener'],
]);

/**
 * A name that says it sets up: `setup`, `setUp`, `setupNodeEvents`, `setUpWorker`; `enableInstrumentations`,
 * `registerHandlers`, `installHooks` (switching something on, registering, installing: done once, and
 * what they switch on runs later through hooks of its own). As a whole word only: not `setUser`,
 * `settle`, `enabled`, `registry`, `installed`.
 */
const SET_UP_VERB = /^(?:set[uU]p|enable|register|install)(?:$|[A-Z_])/;

/** The module a patch callback is registered for: the package's name, and the file of it when the definition names one. */
export interface ModuleOrigin {
  name: string;
  /** a file inside the package (`lib/runner.js`) */
  file?: string;
  /** a regular expression's source matching files inside the package, when the definition gives a pattern */
  filePattern?: string;
}

/** `mongodb/lib/cmap/connection.js` → `{ name: 'mongodb', file: 'lib/cmap/connection.js' }` (a scoped name has two parts). */
export function moduleOrigin(spec: string): ModuleOrigin {
  const parts = spec.split('/');
  const n = spec.startsWith('@') ? 2 : 1;
  const file = parts.slice(n).join('/');
  return { name: parts.slice(0, n).join('/'), ...(file ? { file } : {}) };
}

/**
 * Set-up APIs that only the module says apart: the same method name runs per call elsewhere (`run` is a
 * query in knex's Runner and a single test in mocha's Runnable, but mocha's Runner runs every test of a
 * session). Matched on the package's name, the wrapped method and, where the package has both kinds, the
 * file the definition patches (`files`: the package's own paths, matched by a definition's file or pattern).
 * Test runners are here because their per-test work goes through per-test methods and listeners, which
 * stay per call; the session around them runs once.
 */
export const MODULE_SET_UP_METHODS: ReadonlyArray<{ module: string; method: string; files?: readonly string[]; why: string }> = [
  { module: 'mocha', method: 'run', files: ['lib/runner.js', 'lib/mocha.js', 'lib/nodejs/parallel-buffered-runner.js', 'lib/cli/run-helpers.js'], why: 'runs every test of a session (mocha)' },
  { module: 'mocha', method: '_createWorkerHandler', why: 'starts a worker of a parallel test session (mocha)' },
  { module: 'workerpool', method: '_createWorkerHandler', why: 'starts a worker of the pool' },
  {
    module: '@cucumber/cucumber',
    method: 'run',
    files: ['lib/runtime/coordinator.js', 'lib/runtime/parallel/coordinator.js', 'lib/runtime/index.js', 'lib/api/run_cucumber.js'],
    why: 'runs every test case of a session (cucumber)',
  },
  { module: 'mocha', method: 'create', files: ['lib/nodejs/buffered-worker-pool.js'], why: 'creates the worker pool of a parallel test session (mocha)' },
  { module: '@jest/core', method: 'getTestPaths', why: 'finds the test files of a session, once (jest SearchSource)' },
  { module: '@jest/core', method: 'createTestScheduler', why: 'creates the test scheduler of a session, once (jest)' },
  { module: '@jest/core', method: 'scheduleTests', why: 'schedules every test file of a session, once (jest TestScheduler)' },
  { module: '@jest/test-sequencer', method: 'shard', why: 'splits the test files of a session between shards, once (jest)' },
  { module: 'nyc', method: 'getCoverageMapFromAllCoverageFiles', why: 'merges the coverage of a whole run, once per report (nyc)' },
  { module: '@jest/reporters', method: '_addUntestedFiles', why: 'adds untested files to the coverage at the end of a session (jest)' },
  { module: 'vitest', method: 'sort', why: 'orders the test files of a session, once (vitest sequencer)' },
];

/**
 * A definition's file pattern comes from the package being audited: run only one that cannot backtrack
 * for long (no `*`, `+`, `{n}` or back-reference, a few optional parts, a short source), so a crafted
 * pattern cannot hang the scan. Others do not match (the hook stays per call).
 */
function isBoundedPattern(source: string): boolean {
  if (source.length > 120 || /[*+{]|\\[1-9]/.test(source.replace(/\\[*+{]/g, ''))) return false;
  return (source.replace(/\(\?/g, '(').match(/\?/g) ?? []).length <= 6;
}

function matchesFile(origin: ModuleOrigin, files: readonly string[] | undefined): boolean {
  if (files === undefined) return true;
  if (origin.file !== undefined) return files.includes(origin.file.replace(/^\.\//, ''));
  if (origin.filePattern === undefined || !isBoundedPattern(origin.filePattern)) return false;
  let re: RegExp;
  try {
    re = new RegExp(origin.filePattern);
  } catch {
    return false;
  }
  return files.some((f) => re.test(f));
}

/**
 * A factory named for the long-lived thing it makes: `createClientPool`, `createRedisClient`,
 * `createHttpAgent`, `createWinstonLogger` — made once and reused, like `createPool`. Not `createSpan`,
 * `createHash`, `createReadStream`, `createRequest`: what those make lives for one call.
 */
const CREATES_RESOURCE = /^create(?:[A-Z]\w*)?(Pool|Client|Connection|Server|Cluster|Sentinel|Logger|Producer|Consumer|Agent|Transport)$/;

/**
 * Why `method` is a set-up API (built-in table, the module's own table, the set-up verb, then a resource
 * factory's name), or undefined. `genericTable: false` leaves the module-less table out, for a method whose
 * owner is known to be something else than a server, client or session.
 */
export function setUpReason(method: string, origin?: ModuleOrigin, genericTable = true): string | undefined {
  const why = genericTable ? SET_UP_METHODS.get(method) : undefined;
  if (why !== undefined) return `which ${why} (built-in set-up methods)`;
  const own = origin && MODULE_SET_UP_METHODS.find((e) => e.module === origin.name && e.method === method && matchesFile(origin, e.files));
  if (own) return `which ${own.why} (built-in set-up methods of ${own.module})`;
  if (SET_UP_VERB.test(method)) return 'whose name says it sets up (built-in set-up verb)';
  const made = CREATES_RESOURCE.exec(method);
  return made ? `whose name says it creates a ${made[1]!.toLowerCase()} to reuse (built-in set-up name)` : undefined;
}
