// Shapes that used to be reported per call although they are not (issue 11, seen in third-party
// instrumentations): singletons, memoisation split across functions, error paths through helpers,
// closures stored at set-up, branches callers never take, hooks recognised by a name alone, wrappers of
// set-up APIs. Each test scans a minimal package and asserts rule id, file:line, frequency, path and hook.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { audit } from '../../src/api/audit.js';
import { scan } from '../../src/scan/scan.js';
import type { Report } from '../../src/model/report.js';
import { tempPackage } from '../helpers/temp-package.js';

/** `rule frequency file:line [error] [dead] [hook-id]` for every finding, in report order. */
function lines(report: Report): string[] {
  return report.findings.map((f) =>
    [f.ruleId, f.frequency, `${f.file}:${f.line}`, ...(f.path === 'error' ? ['error'] : []), ...(f.deadBranch !== undefined ? ['dead'] : []), ...(f.hook ? [f.hook.id] : [])].join(' '),
  );
}

async function scanFiles(files: Record<string, string>, options: { setUpMethods?: string[] } = {}): Promise<Report> {
  return scan([tempPackage(files)], { now: () => 0, ...options });
}

const INSTR = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
const fs = require('fs');
`;

/** An instrumentation wrapping `m.run` whose wrapper runs `body` per call (line 5 onwards is the caller's code). */
function wrapping(body: string, method = 'run'): string {
  return `${INSTR}class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, '${method}', (orig) => function () { ${body}; return orig.apply(this, arguments); }); return m; }); }
}
module.exports = { I };
`;
}

describe('singletons', () => {
  it('runs the constructor of a static or module singleton once, whoever calls getInstance', async () => {
    const code = `${wrapping('Meta.getInstance(); Store.get(); getRegistry(); holder.lazy()')}
class Meta {
  constructor() { this.version = JSON.parse(fs.readFileSync('/pkg.json', 'utf8')).version; }
  static getInstance() { if (!Meta.instance) Meta.instance = new Meta(); return Meta.instance; }
}
class Store {
  static get() { if (!this._inst) { this._inst = new Store(); } return this._inst; }
  constructor() { this.cwd = process.cwd(); }
}
let registry;
function getRegistry() { if (!registry) registry = new Registry(); return registry; }
class Registry { constructor() { this.home = fs.statSync('/home'); } }
class Holder { lazy() { return this._x ??= createX(); } }
function createX() { return fs.statSync('/x'); }
const holder = new Holder();
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), [
      'metadata-parse once index.js:9 wrap:x:run',
      'sync-fs once index.js:9 wrap:x:run',
      'os-query once index.js:14 wrap:x:run',
      'sync-fs once index.js:18 wrap:x:run',
      'sync-fs once index.js:20 wrap:x:run',
    ]);
  });

  it('keeps a cache on an instance created per call per call', async () => {
    const code = `${wrapping('new Req().body()')}
class Req { body() { if (!this._b) this._b = fs.readFileSync('/b'); return this._b; } }
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['sync-fs per-call index.js:8 wrap:x:run']);
  });
});

describe('memoisation split across functions', () => {
  it('counts a callee early return on a field the caller fills, a flag set by the callee, and a guard in a helper as once', async () => {
    const code = `${INSTR}class I extends InstrumentationBase {
  init() { const self = this; return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function () { self.client(); self.lazyInit(); getCached(); return orig.apply(this, arguments); }); return m; }); }
  client() { this._client = this._getClient(); return this._client; }
  _getClient() { if (this._client) return this._client; return new Client(); }
  lazyInit() { if (!this._ready) this._setUp(); }
  _setUp() { this._ready = true; this.env = process.env.X; }
}
class Client { constructor() { this.home = fs.statSync('/home'); } }
let cached;
function getCached() { if (cached !== undefined) return cached; cached = read(); return cached; }
function read() { return fs.readFileSync('/cfg'); }
module.exports = { I };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['env-read once index.js:8 wrap:x:run', 'sync-fs once index.js:10 wrap:x:run', 'sync-fs once index.js:13 wrap:x:run']);
  });

  it('counts x = x || op() and x = (x ?? op()) on a surviving slot as once; on a local, per call', async () => {
    const code = `${wrapping('tools(); cfg(); local()')}
let helpers;
const state = {};
function tools() { helpers = helpers || require('./tools'); return helpers; }
function cfg() { state.cfg = (state.cfg ?? fs.readFileSync('/cfg')); return state.cfg; }
function local() { let t; t = t || fs.statSync('/t'); return t; }
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code, 'tools.js': 'module.exports = {};' })), [
      'dynamic-require once index.js:10 wrap:x:run',
      'sync-fs once index.js:11 wrap:x:run',
      'sync-fs per-call index.js:12 wrap:x:run',
    ]);
  });

  it('counts a field filled through a helper handed its owner (defineProperty, a ?: on the empty slot) as once per owner that outlives the call', async () => {
    const code = `${wrapping('owners(this.file, plugin.entries); owners(this.file, [{ pattern: this.file }]); started(plugin.state); started({})')}
const plugin = { entries: [], state: {} };
function owners(file, entries) {
  for (const entry of entries) {
    const regex = entry.regex === undefined ? setRegex(entry).regex : entry.regex;
    if (regex.test(file)) return entry;
  }
}
function setRegex(entry) { Object.defineProperty(entry, 'regex', { value: new RegExp(entry.pattern), writable: true }); return entry; }
function started(state) { if (state.done) return; markDone(state); fs.statSync('/session'); }
function markDone(s) { s.done = true; }
`;
    // a caller handing a fresh array or object makes the same code per call
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['regex-compile per-call index.js:15 wrap:x:run', 'sync-fs per-call index.js:16 wrap:x:run']);
    const kept = `${wrapping('owners(this.file, plugin.entries); started(plugin.state)')}${code.slice(code.indexOf('\nconst plugin'))}`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': kept })), ['regex-compile once index.js:15 wrap:x:run', 'sync-fs once index.js:16 wrap:x:run']);
  });

  it('follows a surviving value through a chain of helpers, from a get-or-create map; a fresh value anywhere keeps it per call', async () => {
    const code = `${wrapping('const state = stateFor(this); register(state); const fresh = { started: false }; register(fresh)')}
const states = new WeakMap();
function stateFor(runner) { let s = states.get(runner); if (s) return s; s = { started: false }; states.set(runner, s); return s; }
function register(state) { onMessage(state); }
function onMessage(state) { initialise(state); }
function initialise(state) { start(state); }
function start(state) { if (state.started) return; state.started = true; fs.statSync('/session'); }
`;
    // a caller handing a fresh object makes the session start per call
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['sync-fs per-call index.js:13 wrap:x:run']);
    const kept = code.replace('; const fresh = { started: false }; register(fresh)', '');
    assert.deepEqual(lines(await scanFiles({ 'index.js': kept })), ['sync-fs once index.js:13 wrap:x:run']);
  });

  it('keeps per call a callee early return on a field nothing fills', async () => {
    const code =
      wrapping('getClient(holder)') +
      `
const holder = {};
function getClient(h) { if (h.client) return h.client; return fs.statSync('/new-client'); }
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['sync-fs per-call index.js:9 wrap:x:run']);
  });
});

describe('error paths through helpers', () => {
  it('keeps path error for code reached only from a catch block or an error callback, at any depth', async () => {
    const code = `${wrapping('try { work(); } catch (e) { report(e); } work().catch(onFail); emitter.on("error", (e) => report(e))')}
function work() { return Promise.resolve(); }
function report(e) { return describe(e); }
function describe(e) { return e.message + new Error().stack; }
function onFail(e) { return fs.readFileSync('/err'); }
const emitter = { on() {} };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['stack-capture per-call index.js:10 error wrap:x:run', 'sync-fs per-call index.js:11 error wrap:x:run']);
  });

  it("takes what a logger's error or fatal level runs for the error path; its other levels stay per call", async () => {
    const code = `${wrapping('if (!found()) log.error("no span"); log.info("called")')}
function found() { return false; }
const log = {
  error(msg) { return new Error(msg).stack; },
  info(msg) { return fs.statSync('/log/' + msg); },
};
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['stack-capture per-call index.js:10 error wrap:x:run', 'sync-fs per-call index.js:11 wrap:x:run']);
  });

  it('takes what a hook on a failure report runs (console.error replaced, a wrap of error, an error channel) for the error path', async () => {
    const code = `${INSTR}const dc = require('diagnostics_channel');
const original = console.error;
console.error = function (message) { if (message === 'x') provenance(); return original.apply(this, arguments); };
function provenance() { return new Error('provenance').stack; }
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m.Logger.prototype, 'error', (orig) => function () { fs.statSync('/a'); return orig.apply(this, arguments); }); this._wrap(m.Logger.prototype, 'info', (orig) => function () { fs.statSync('/b'); return orig.apply(this, arguments); }); return m; }); }
}
dc.subscribe('apm:x:query:error', () => fs.statSync('/c'));
module.exports = { I };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), [
      'stack-capture per-call index.js:6 error assign:console.error',
      'sync-fs per-call index.js:8 error wrap:x:Logger.prototype.error',
      'sync-fs per-call index.js:8 wrap:x:Logger.prototype.info',
      'sync-fs per-call index.js:10 error diagnostics-channel:apm:x:query:error',
    ]);
  });

  it('takes an Error kept in a local and then handed on as the failure for the error path; one kept for its stack stays normal', async () => {
    const code = `${wrapping('a(ctx, cb); b(); c(ctx); d(); e(); f()')}
function a(ctx, cb) { const err = ctx.signal.reason || new Error('Aborted'); return cb(err, ctx); }
function b() { let failure; failure = new Error('timed out'); throw failure; }
function c(ctx) { const hookError = new Error('hook failed'); hookError.stack = ctx.stack; ctx.error = hookError; }
function d() { const where = new Error('here'); return where.stack; }
function e() { const origin = new Error('registration'); keep('name', origin); }
function f() { const made = new Error('x'); publish({ error: made }); }
function keep() {}
function publish() {}
const ctx = {}, cb = () => {};
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), [
      'stack-capture per-call index.js:8 error wrap:x:run',
      'stack-capture per-call index.js:9 error wrap:x:run',
      'stack-capture per-call index.js:10 error wrap:x:run',
      'stack-capture per-call index.js:11 wrap:x:run',
      'stack-capture per-call index.js:12 wrap:x:run',
      'stack-capture per-call index.js:13 error wrap:x:run',
    ]);
  });

  it('takes the failure branch of an error-first callback or a span status check for the error path, and only that branch', async () => {
    const code = `${wrapping('a(cb); b(span); c(res); d(err2)')}
function a(done) { fetchIt((err, res) => { if (err) { fs.readFileSync('/e1'); } else { fs.readFileSync('/ok1'); } }); }
function b(span) { if (span.status.code === SpanStatusCode.ERROR) record(span); if (span.status.code !== SpanStatusCode.ERROR) return; fs.statSync('/e3'); }
function c(res) { const lastError = res.error; if (!lastError) { fs.readFileSync('/ok2'); return; } fs.readFileSync('/e4'); const m = typeof lastError === 'string' ? new Error(lastError) : lastError; return m; }
function d(e) { if (logger.error) logger.error(e); if (this.error) fs.readFileSync('/ok3'); }
function record(span) { return new Error('span failed').stack; }
function fetchIt(cb) {}
const SpanStatusCode = { ERROR: 2 }, logger = { error() {} }, cb = () => {}, span = {}, res = {}, err2 = null;
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), [
      'sync-fs per-call index.js:8 error wrap:x:run',
      'sync-fs per-call index.js:8 wrap:x:run',
      'sync-fs per-call index.js:9 error wrap:x:run',
      'sync-fs per-call index.js:10 wrap:x:run',
      'sync-fs per-call index.js:10 error wrap:x:run',
      'stack-capture per-call index.js:10 error wrap:x:run',
      'sync-fs per-call index.js:11 wrap:x:run',
      'stack-capture per-call index.js:12 error wrap:x:run',
    ]);
  });

  it('is per call normal when a helper is reached outside the catch too', async () => {
    const code = `${wrapping('try { x(); } catch (e) { report(e); } report(null)')}
function x() {}
function report(e) { return new Error().stack; }
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['stack-capture per-call index.js:9 wrap:x:run']);
  });
});

describe('closures stored, not called', () => {
  it('does not run a closure assigned to a field in a constructor there; a hook calling it runs it per call', async () => {
    const code = `${INSTR}class P {
  constructor() {
    this._onEnd = (span) => { span.v = process.env.A; };
    const unused = function () { return fs.statSync('/unused'); };
    this.store(unused);
    this._cb = () => fs.readdirSync('/never-called');
  }
  store(fn) { this.kept = fn; }
  onStart() {}
  onEnd(span) { this._onEnd(span); }
  forceFlush() {}
  shutdown() {}
}
module.exports = { P };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), [
      'env-read per-call index.js:5 span-processor:P.onEnd',
      'sync-fs init index.js:6', // handed to a call: taken for a callback that runs there
      'sync-fs unknown index.js:8',
    ]);
  });

  it('runs the closure a call hands on, a Proxy trap returns, or a made function called later', async () => {
    const code = `${wrapping('emitter.on("x", makeHandler()); args[0] = wrapCb(); const proxied = new Proxy({}, { get() { return function () { return fs.statSync("/trap"); }; } }); make()()')}
function makeHandler() { return function () { return process.env.HANDLER; }; }
function wrapCb() { return () => fs.readdirSync('/cb'); }
function make() { return () => fs.existsSync('/made'); }
const emitter = { on() {} };
const args = [];
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), [
      'sync-fs per-call index.js:4 wrap:x:run',
      'env-read per-call index.js:8 wrap:x:run',
      'sync-fs per-call index.js:9 wrap:x:run',
      'sync-fs per-call index.js:10 wrap:x:run',
    ]);
  });

  it('still runs callbacks a per-call function hands to a call', async () => {
    const code = `${wrapping('Promise.resolve().then(() => fs.statSync("/then")); [1].forEach(function () { process.env.B; })')}`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['sync-fs per-call index.js:4 wrap:x:run', 'env-read per-call index.js:4 wrap:x:run']);
  });
});

describe('branches callers never take', () => {
  it('keeps defensive checks on parameters and exhaustive-switch defaults out of the per-call count', async () => {
    const code = `${wrapping('wrapHelper(m, "a", () => 1); kindOf(1); invariant(true, "x")')}
function wrapHelper(obj, name, wrapper) {
  if (!wrapper) { logger('no wrapper'); logger(new Error().stack); return; }
  if (typeof obj[name] !== 'function') throw new TypeError('not a function');
  return wrapper;
}
function kindOf(k) {
  switch (k) {
    case 1: return 'a';
    default: return assertUnreachable(k);
  }
}
function assertUnreachable(x) { throw new Error('unexpected ' + x); }
function invariant(cond, msg) { if (!cond) throw new Error(msg); }
function logger() {}
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(lines(report), [
      'stack-capture per-call index.js:9 error dead wrap:x:run',
      'stack-capture per-call index.js:10 error dead wrap:x:run',
      'stack-capture per-call index.js:19 error dead wrap:x:run',
      'stack-capture per-call index.js:20 error dead wrap:x:run',
    ]);
    assert.ok(report.findings.every((f) => typeof f.deadBranch === 'string' && f.deadBranch.length > 0));
    assert.equal(report.summary.perCall, 0);
  });

  it('takes size limits, destructured parameters and membership predicates for defensive checks', async () => {
    const code = `${wrapping('assertPattern("a*"); new Parent({ traceId: "t" }); annotate(this)')}
function assertPattern(pattern) { if (pattern.length > MAX) throw new TypeError('pattern is too long'); }
class Parent { constructor({ traceId }) { if (this.isValidId(traceId) === false) throw Error('bad id'); } isValidId() { return true; } }
function annotate(span) { if (!registry.has(span)) { err = 'invalid_span'; throw new Error('not ours'); } }
const MAX = 1024;
const registry = new Set();
let err;
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(lines(report), [
      'stack-capture per-call index.js:8 error dead wrap:x:run',
      'stack-capture per-call index.js:9 error dead wrap:x:run',
      'stack-capture per-call index.js:10 error dead wrap:x:run',
    ]);
    assert.equal(report.summary.perCall, 0);
    assert.equal(report.summary.deadBranch, 3);
  });

  it('keeps a throw on a value that is not a parameter check on the error path, counted', async () => {
    const code = `${wrapping('check(this)')}
function check(res) { if (res.statusCode >= 500) throw new Error('server error'); }
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['stack-capture per-call index.js:8 error wrap:x:run']);
  });
});

describe('hooks by shape and provenance', () => {
  it('does not take an object with an assigned extract, or a module export named export, for an SDK component', async () => {
    const code = `const fs = require('fs');
const helpers = {};
helpers.extract = function (s) { return fs.readFileSync(s); };
exports.export = function (data) { return fs.writeFileSync('/out', data); };
class Archive { export(data) { fs.writeFileSync('/a', data); } shutdown() {} }
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => h.id),
      [],
    );
    assert.deepEqual(lines(report), ['sync-fs unknown index.js:3', 'sync-fs unknown index.js:4', 'sync-fs unknown index.js:5']);
  });

  it('takes a processor exported as module.exports = class and handed to a provider for a span processor', async () => {
    const files = {
      'index.js': `const { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');
const Processor = require('./processor.js');
module.exports = () => new BasicTracerProvider({ spanProcessors: [new Processor()] });
`,
      'processor.js': `const os = require('os');
module.exports = class Processor {
  onStart(span) {}
  onEnd(span) { span.host = os.hostname(); }
};
`,
    };
    const report = await scanFiles(files);
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => h.id),
      ['span-processor:Processor.onStart', 'span-processor:Processor.onEnd'],
    );
    assert.deepEqual(lines(report), ['os-query per-call processor.js:4 span-processor:Processor.onEnd']);
  });

  it('takes an object used as a propagator, and an exporter handed to a span processor, for SDK components', async () => {
    const code = `const fs = require('fs');
const { propagation } = require('@opentelemetry/api');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const prop = {};
prop.inject = function (ctx, carrier) { carrier.v = process.env.V; };
prop.extract = function (ctx, carrier) { return ctx; };
propagation.setGlobalPropagator(prop);
class Archive { export(items, done) { fs.writeFileSync('/a', items); } shutdown() {} }
module.exports = { processor: new BatchSpanProcessor(new Archive()) };
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => h.id),
      ['propagator:prop.inject', 'propagator:prop.extract', 'exporter:Archive.export'],
    );
    assert.deepEqual(lines(report), ['env-read per-call index.js:5 propagator:prop.inject', 'sync-fs per-call index.js:8 exporter:Archive.export']);
  });

  it('reads element-access assignments as members of an assigned component (they used to end the package with a TypeError)', async () => {
    const code = `const carrierKeys = {};
carrierKeys['x-b3'] = 1;
const prop = {};
prop.inject = function (ctx, carrier) { carrier.v = process.env.V; };
prop['extract'] = function (ctx, carrier) { return ctx; };
prop['fields'] = function () { return []; };
module.exports = { prop, carrierKeys };
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => h.id),
      ['propagator:prop.inject', 'propagator:prop.extract'],
    );
  });
});

describe('set-up APIs', () => {
  it('classifies a wrapper of a set-up API as a set-up hook and its findings as init', async () => {
    const code = `${INSTR}class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('winston', ['*'], (m) => {
    this._wrap(m.prototype, 'configure', (orig) => function () { require('@opentelemetry/winston-transport'); load(); return orig.apply(this, arguments); });
    this._wrap(m.prototype, 'log', (orig) => function () { load(); return orig.apply(this, arguments); });
    return m; }); }
}
function load() { return process.env.LEVEL; }
module.exports = { I };
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => `${h.id} ${h.hookFrequency}`),
      ['wrap:winston:prototype.configure set-up', 'wrap:winston:prototype.log per-call'],
    );
    assert.deepEqual(lines(report), ['dynamic-require init index.js:5 wrap:winston:prototype.configure', 'env-read per-call index.js:9 wrap:winston:prototype.log']);
    assert.equal(report.findings[0]!.hook!.hookFrequency, 'set-up');
  });

  it('classifies a set-up API replaced by assignment, and a member whose name says it sets up, as set-up hooks', async () => {
    const code = `${INSTR}class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('lib', ['*'], (m) => {
    const origCreate = m.createPool;
    m.createPool = function () { fs.readFileSync('/etc/pool.json'); return origCreate.apply(this, arguments); };
    this._wrap(m, 'setupNodeEvents', (orig) => function () { fs.readFileSync('/etc/cfg'); return orig.apply(this, arguments); });
    this._wrap(m, 'setUser', (orig) => function () { fs.readFileSync('/etc/user'); return orig.apply(this, arguments); });
    return m; }); }
}
module.exports = { I };
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => `${h.id} ${h.hookFrequency}`),
      ['assign:lib:createPool set-up', 'wrap:lib:setupNodeEvents set-up', 'wrap:lib:setUser per-call'],
    );
    assert.deepEqual(lines(report), ['sync-fs init index.js:6 assign:lib:createPool', 'sync-fs init index.js:7 wrap:lib:setupNodeEvents', 'sync-fs per-call index.js:8 wrap:lib:setUser']);
  });

  it('keeps per call a listener a set-up hook registers; once and process listeners stay set-up', async () => {
    const code = `${INSTR}class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('srv', ['*'], (m) => { this._wrap(m, 'createServer', (orig) => function () {
    const server = orig.apply(this, arguments);
    server.on('request', () => process.env.PER_REQUEST);
    server.once('listening', () => fs.statSync('/listening'));
    process.on('exit', () => fs.statSync('/exit'));
    return server;
  }); return m; }); }
}
module.exports = { I };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), [
      'env-read per-call index.js:6 wrap:srv:createServer',
      'sync-fs init index.js:7 wrap:srv:createServer',
      'sync-fs init index.js:8 wrap:srv:createServer',
    ]);
  });

  it("takes more set-up method names from the options (the policy file's setUpMethods)", async () => {
    const code = wrapping('fs.statSync("/s")', 'acquire');
    const before = await scanFiles({ 'index.js': code });
    assert.deepEqual(lines(before), ['sync-fs per-call index.js:4 wrap:x:acquire']);
    const after = await scanFiles({ 'index.js': code }, { setUpMethods: ['acquire'] });
    assert.deepEqual(lines(after), ['sync-fs init index.js:4 wrap:x:acquire']);
    assert.match(after.packages[0]!.hooks[0]!.hookFrequencyReason ?? '', /acquire/);
    // audit(), the pipeline of the CLI and the Action, hands the policy file's names to the analysis
    const audited = await audit([tempPackage({ 'index.js': code })], { policy: { config: { setUpMethods: ['acquire'] }, source: 'otel-audit.config.json' }, scan: { now: () => 0 } });
    assert.deepEqual(lines(audited.report!), ['sync-fs init index.js:4 wrap:x:acquire']);
  });
});

describe('set-up APIs known by their module', () => {
  // a loader-hook registry in the vendor style: `addHook({ name, versions, file }, patch)`
  const REGISTRY = `const shimmer = require('shimmer');
const fs = require('fs');
function addHook(spec, patch) { hooks.push({ spec, patch }); }
const hooks = [];
`;

  it('classifies `run` as set-up in the module file where it runs a whole session, and per call in the file where it runs one test', async () => {
    const code = `${REGISTRY}addHook({ name: 'mocha', versions: ['>=5'], file: 'lib/runner.js' }, (Runner) => {
  shimmer.wrap(Runner.prototype, 'run', (run) => function () { fs.statSync('/session'); return run.apply(this, arguments); });
  return Runner;
});
addHook({ name: 'mocha', versions: ['>=5'], file: 'lib/runnable.js' }, (Runnable) => {
  shimmer.wrap(Runnable.prototype, 'run', (run) => function () { fs.statSync('/test'); return run.apply(this, arguments); });
  return Runnable;
});
addHook({ name: 'knex', versions: ['>=2'] }, (Runner) => {
  shimmer.wrap(Runner.prototype, 'run', (run) => function () { fs.statSync('/query'); return run.apply(this, arguments); });
  return Runner;
});
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => `${h.id} ${h.hookFrequency}`),
      ['wrap:mocha/lib/runner.js:prototype.run set-up', 'wrap:mocha/lib/runnable.js:prototype.run per-call', 'wrap:knex:prototype.run per-call'],
    );
    assert.deepEqual(lines(report), [
      'sync-fs init index.js:6 wrap:mocha/lib/runner.js:prototype.run',
      'sync-fs per-call index.js:10 wrap:mocha/lib/runnable.js:prototype.run',
      'sync-fs per-call index.js:14 wrap:knex:prototype.run',
    ]);
    assert.match(report.packages[0]!.hooks[0]!.hookFrequencyReason ?? '', /of mocha/);
  });

  it('keeps per call a generic set-up name whose owner is made per operation (a request execution, a span); addCommand queues one command', async () => {
    const code = `${REGISTRY}addHook({ name: 'cassandra-driver', versions: ['>=4'], file: 'lib/request-execution.js' }, (RequestExecution) => {
  shimmer.wrap(RequestExecution.prototype, 'start', (start) => function () { fs.statSync('/request'); return start.apply(this, arguments); });
  return RequestExecution;
});
addHook({ name: 'hapi', versions: ['>=17'] }, (hapi) => {
  shimmer.wrap(hapi.Server.prototype, 'start', (start) => function () { fs.statSync('/server'); return start.apply(this, arguments); });
  shimmer.wrap(hapi.Span.prototype, 'on', (on) => function () { fs.statSync('/span'); return on.apply(this, arguments); });
  shimmer.wrap(hapi.MessagePort.prototype, 'on', (on) => function () { fs.statSync('/port'); return on.apply(this, arguments); });
  return hapi;
});
addHook({ name: 'mysql2', versions: ['>=1'], file: 'lib/base/connection.js' }, (Connection) => {
  shimmer.wrap(Connection.prototype, 'addCommand', (add) => function () { fs.statSync('/query'); return add.apply(this, arguments); });
  return Connection;
});
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => `${h.id} ${h.hookFrequency} (${h.hookFrequencyReason})`),
      [
        'wrap:cassandra-driver/lib/request-execution.js:prototype.start per-call (wraps start of a per-operation execution, not a set-up method)',
        'wrap:hapi:Server.prototype.start set-up (wraps start, which starts a server, worker or session (built-in set-up methods))',
        'wrap:hapi:Span.prototype.on per-call (wraps on of a per-operation span, not a set-up method)',
        'wrap:hapi:MessagePort.prototype.on set-up (wraps on, which registers an event listener (built-in set-up methods))',
        'wrap:mysql2/lib/base/connection.js:prototype.addCommand per-call (wraps addCommand, not a set-up method)',
      ],
    );
  });

  it('matches a definition that names its files by a pattern (String.raw), and follows a patch handed through a helper', async () => {
    const code = `${REGISTRY}function addRunHooks(versions, wrapRun) {
  addHook({ name: 'mocha', versions, filePattern: String.raw\`lib/runner\\.(?:c?js)$\` }, (exports) => wrapRun(exports));
}
function wrapRunner(Runner) {
  shimmer.wrap(Runner.prototype, 'run', (run) => function () { fs.statSync('/session'); return run.apply(this, arguments); });
  return Runner;
}
addRunHooks(['>=8'], wrapRunner);
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => `${h.id} ${h.hookFrequency}`),
      ['wrap:mocha:prototype.run set-up'],
    );
    assert.deepEqual(lines(report), ['sync-fs init index.js:9 wrap:mocha:prototype.run']);
  });

  it('keeps per call the per-test listeners a session hook registers', async () => {
    const code = `${REGISTRY}addHook({ name: 'mocha', versions: ['>=5'], file: 'lib/runner.js' }, (Runner) => {
  shimmer.wrap(Runner.prototype, 'run', (run) => function () {
    this.on('test end', () => process.cwd());
    this.once('end', () => fs.statSync('/end'));
    return run.apply(this, arguments);
  });
  return Runner;
});
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), [
      'os-query per-call index.js:7 wrap:mocha/lib/runner.js:prototype.run',
      'sync-fs init index.js:8 wrap:mocha/lib/runner.js:prototype.run',
    ]);
  });

  it("takes module-qualified names from the policy file's setUpMethods (`module:method`)", async () => {
    const code = wrapping('fs.statSync("/s")', 'acquire');
    const other = await scanFiles({ 'index.js': code }, { setUpMethods: ['y:acquire'] });
    assert.deepEqual(lines(other), ['sync-fs per-call index.js:4 wrap:x:acquire']);
    const same = await scanFiles({ 'index.js': code }, { setUpMethods: ['x:acquire'] });
    assert.deepEqual(lines(same), ['sync-fs init index.js:4 wrap:x:acquire']);
  });

  it("does not hand one definition's module to the wrappers of another through a shared wrap helper", async () => {
    const code = `const fs = require('fs');
const shimmer = require('./shimmer');
function addHook(spec, patch) { hooks.push({ spec, patch }); }
const hooks = [];
addHook({ name: 'amqp10', versions: ['>=3'], file: 'lib/sender_link.js' }, (SenderLink) => {
  shimmer.wrap(SenderLink.prototype, 'send', (send) => function () { return send.apply(this, arguments); });
  return SenderLink;
});
function instrumentPool(pool) {
  shimmer.wrap(pool, 'getConnection', (get) => function () { const conn = get.apply(this, arguments); shimmer.wrap(conn, 'query', (q) => function () { return q.apply(this, arguments); }); return conn; });
}
module.exports = { instrumentPool };
`;
    const shimmer = 'exports.wrap = function wrap(target, name, wrapper) { const original = target[name]; target[name] = wrapper(original); return target; };';
    const report = await scanFiles({ 'index.js': code, 'shimmer.js': shimmer });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => h.id),
      ['wrap:amqp10/lib/sender_link.js:prototype.send', 'wrap:getConnection', 'wrap:conn.query'],
    );
  });

  it('classifies a subscriber as set-up when every publication of its channel is in set-up code, once per call of it', async () => {
    const body = (extra: string): string => `const dc = require('diagnostics_channel');
const shimmer = require('shimmer');
const fs = require('fs');
function addHook(spec, patch) { hooks.push({ spec, patch }); }
const hooks = [];
const filesCh = dc.channel('ci:x:modified-files');
function askFiles() { return new Promise((resolve) => filesCh.publish({ onDone: resolve })); }
addHook({ name: 'jest-cli', versions: ['>=24'] }, (cli) => {
  shimmer.wrap(cli, 'runCLI', (run) => async function () { await askFiles(); return run.apply(this, arguments); });
  return cli;
});
${extra}
class Plugin { constructor() { dc.subscribe('ci:x:modified-files', ({ onDone }) => onDone(fs.readFileSync('/diff'))); } }
module.exports = { Plugin };
`;
    // published only from the session wrapper: the subscriber runs once per session
    assert.deepEqual(lines(await scanFiles({ 'index.js': body('') })), ['sync-fs init index.js:13 diagnostics-channel:ci:x:modified-files']);
    // also published per query, or once per test file from the session wrapper, or from a function some call the graph cannot follow mentions: per call
    for (const extra of [
      "addHook({ name: 'pg', versions: ['>=8'] }, (pg) => { shimmer.wrap(pg.Client.prototype, 'query', (q) => function () { filesCh.publish({}); return q.apply(this, arguments); }); return pg; });",
      "addHook({ name: 'jest-cli', versions: ['>=24'] }, (cli) => { shimmer.wrap(cli, 'runAllTests', (run) => function (files) { for (const f of files) filesCh.publish({ f }); return run.apply(this, arguments); }); return cli; });",
      'exports.ask = askFiles;',
    ]) {
      const found = lines(await scanFiles({ 'index.js': body(extra) }));
      assert.ok(
        found.some((l) => /^sync-fs per-call .*diagnostics-channel:ci:x:modified-files$/.test(l)),
        `${extra}\n${found.join('\n')}`,
      );
    }
  });

  it('follows a state carried on a per-call context into a once-guarded coordinator, and a callback in an options object, to a set-up channel', async () => {
    const body = (guard: string): string => `const dc = require('diagnostics_channel');
const fs = require('fs');
const filesCh = dc.channel('ci:x:modified-files');
const configCh = dc.channel('ci:x:configuration');
const states = new WeakMap();
function stateFor(runner) { let s = states.get(runner); if (s) return s; s = { workers: [] }; states.set(runner, s); return s; }
dc.channel('runner:start').subscribe((context) => { context.coordinatorState = stateFor(context.self); });
dc.channel('runner:worker').subscribe((context) => { const state = context.coordinatorState; context.worker.on('message', (m) => initialize(state, m)); });
function initialize(state, m) {
  ${guard}
  configCh.runStores({ onDone: (response) => configure(state, response) }, () => {});
}
function configure(state, response) { filesCh.publish({ state }); }
dc.subscribe('ci:x:modified-files', () => fs.readFileSync('/diff'));
`;
    // once per coordinator: the first message initialises it, the modified files are asked once
    const once = lines(await scanFiles({ 'index.js': body('if (state.initializing) return; state.initializing = true;') }));
    assert.ok(!once.some((l) => /^sync-fs per-call/.test(l)), once.join('\n'));
    // without the first-call flag every message asks again: per call
    const every = lines(await scanFiles({ 'index.js': body('') }));
    assert.ok(
      every.some((l) => /^sync-fs per-call .*diagnostics-channel:ci:x:modified-files$/.test(l)),
      every.join('\n'),
    );
  });

  it('does not take an options object with a name for a module definition', async () => {
    const code = `const shimmer = require('shimmer');
const fs = require('fs');
function configure(opts, cb) { return cb(opts); }
configure({ name: 'mocha', retries: 2 }, (m) => { shimmer.wrap(m.prototype, 'run', (run) => function () { fs.statSync('/x'); return run.apply(this, arguments); }); });
`;
    const report = await scanFiles({ 'index.js': code });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => `${h.id} ${h.hookFrequency}`),
      ['wrap:prototype.run per-call'],
    );
  });
});

describe('per call wins', () => {
  it('labels a helper reached from set-up and from a hook per call, whatever is found first', async () => {
    const code = `${INSTR}class I extends InstrumentationBase {
  constructor() { super('x', '1', {}); this._onCall = () => helper(); helper(); }
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { helper(); this._wrap(m, 'run', (orig) => { const self = this; return function () { self._onCall(); return orig.apply(this, arguments); }; }); return m; }); }
}
function helper() { return fs.readFileSync('/h'); }
module.exports = { I };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['sync-fs per-call index.js:7 wrap:x:run']);
  });
});

describe('listeners that remove themselves', () => {
  it('runs the branch that unsubscribes its own listener once, and what it calls; the rest of the listener stays per call', async () => {
    const code = `const dc = require('node:diagnostics_channel');
const fs = require('fs');
function storeMetadata() { return fs.readFileSync('/tmp/meta'); }
const ch = dc.channel('apm:http:request:start');
const onRequest = ({ request }) => {
  fs.existsSync(request.url);
  if (request.url === '/run') {
    ch.unsubscribe(onRequest);
    storeMetadata();
  }
};
ch.subscribe(onRequest);
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), [
      'sync-fs once index.js:3 diagnostics-channel:apm:http:request:start',
      'sync-fs per-call index.js:6 diagnostics-channel:apm:http:request:start',
    ]);
  });
});

describe('memo maps read before an early return', () => {
  it('takes `const c = cache.get(k); if (c !== undefined) return c; … cache.set(k, v)` as once, also inside a nested block', async () => {
    const code = `${INSTR}const cache = new Map();
function compile(config) {
  const source = config.pattern;
  if (typeof source === 'string') {
    const cached = cache.get(source);
    if (cached !== undefined) return cached;
    const re = new RegExp(source, 'gi');
    cache.set(source, re);
    return re;
  }
  return new RegExp(String(source));
}
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function (cfg) { compile(cfg); return orig.apply(this, arguments); }); return m; }); }
}
module.exports = { I };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['regex-compile once index.js:9 wrap:x:run', 'regex-compile per-call index.js:13 wrap:x:run']);
  });
});

describe('caches of caches', () => {
  it('takes a map read from a surviving map for a memo: an early return on it and a fill of it, or a fill of its entry, is once', async () => {
    const code = `${INSTR}const byOwner = new Map();
const agentsByUrl = new Map();
function resolvePath(owner, name) {
  let paths = byOwner.get(owner);
  if (!paths) { paths = new Map(); byOwner.set(owner, paths); }
  if (paths.has(name)) return;
  paths.set(name, require.resolve(name));
}
function agentFor(url) {
  let agent = agentsByUrl.get(url);
  if (agent === undefined) { agent = fs.readFileSync(url); agentsByUrl.set(url, agent); }
  return agent;
}
function notACache(rows, id) {
  const row = rows.get(id);
  if (row === undefined) return fs.readFileSync(id);
}
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function (a, b) { resolvePath(a, b); agentFor(a); notACache(new Map(), b); return orig.apply(this, arguments); }); return m; }); }
}
module.exports = { I };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['version-lookup once index.js:9 wrap:x:run', 'sync-fs once index.js:13 wrap:x:run', 'sync-fs per-call index.js:18 wrap:x:run']);
  });

  it('does not loop on locals read from each other (valid syntax, a TDZ error at run time): per call', async () => {
    const code = `${INSTR}function odd(k) {
  let a = a.get(k);
  if (a === undefined) { a = fs.readFileSync(k); }
  let b = c.get(k), c = b.get(k);
  if (!c.has(k)) return fs.readFileSync(k);
}
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function (k) { odd(k); return orig.apply(this, arguments); }); return m; }); }
}
module.exports = { I };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['sync-fs per-call index.js:5 wrap:x:run', 'sync-fs per-call index.js:7 wrap:x:run']);
  });
});

describe('functions that replace themselves', () => {
  it('runs a function that puts another in the binding it is called through once; a const binding or one never replaced stays per call', async () => {
    const code = `${INSTR}let impl = (a) => { setUp(); return impl(a); };
function setUp() { const { real } = require('./real'); impl = real; }
function lazy(a) { lazy = () => a; return fs.readFileSync(a); }
let plain = (a) => fs.readFileSync(a);
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function (a) { impl(a); lazy(a); plain(a); return orig.apply(this, arguments); }); return m; }); }
}
module.exports = { I };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code, 'real.js': 'exports.real = (a) => a;\n' })), [
      'dynamic-require once index.js:4 wrap:x:run',
      'sync-fs once index.js:5 wrap:x:run',
      'sync-fs per-call index.js:6 wrap:x:run',
    ]);
  });
});

describe('an early return on a slot a later call fills', () => {
  it('takes `if (this._hash) return this._hash; this._compute()` as once when _compute fills the slot', async () => {
    const code = `${INSTR}class Hasher {
  getHash() {
    if (this._hash) return this._hash;
    this._compute();
    return this._hash;
  }
  _compute() { this._hash = fs.readFileSync('/tmp/tags', 'utf8'); }
}
const hasher = new Hasher();
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function () { hasher.getHash(); return orig.apply(this, arguments); }); return m; }); }
}
module.exports = { I };
`;
    assert.deepEqual(lines(await scanFiles({ 'index.js': code })), ['sync-fs once index.js:9 wrap:x:run']);
  });
});
