// Hooks that are not `_wrap`: patching by plain assignment, defineProperty and proxies (kind `assign`,
// `proxy`), framework and SDK hooks (kind `middleware`, `event`). Each shape: the hook (kind, target,
// file:line) and what runs under it (rule, frequency, line); the look-alikes that are not hooks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../src/scan/scan.js';
import { tempPackage } from '../helpers/temp-package.js';

async function scanned(code: string): Promise<{ hooks: string[]; findings: string[] }> {
  const dir = tempPackage({ 'index.js': code });
  const report = await scan([dir], { now: () => 0 });
  return {
    hooks: report.packages.flatMap((p) => p.hooks.map((h) => `${h.kind} ${h.target} ${h.line}`)),
    findings: report.findings.map((f) => `${f.ruleId} ${f.frequency} ${f.line}${f.hook ? ` ${f.hook.kind} ${f.hook.target}` : ''}`),
  };
}

describe('patching by assignment', () => {
  it('globalThis.fetch and a module function replaced in enable(); a prototype of a class defined elsewhere', async () => {
    const { hooks, findings } = await scanned(`const os = require('os');
const http = require('http');
const { Client } = require('pg');
class FetchInstrumentation {
  enable() {
    const originalFetch = globalThis.fetch;
    globalThis.fetch = async function fetchWithSpan(input, init) { const host = os.hostname(); return originalFetch(input, init); };
    http.request = function request(opts, cb) { const r = process.env.REGION; return http.get(opts, cb); };
    Client.prototype.query = function query(sql) { return os.cpus().length; };
  }
}
module.exports = { FetchInstrumentation };
`);
    assert.deepEqual(hooks, ['assign globalThis.fetch 7', 'assign http:request 8', 'assign pg:Client.prototype.query 9']);
    assert.deepEqual(findings, ['os-query per-call 7 assign globalThis.fetch', 'env-read per-call 8 assign http:request', 'os-query per-call 9 assign pg:Client.prototype.query']);
  });

  it('a method of a parameter replaced by a function that calls the old one; a patch callback member replaced through a wrapper maker', async () => {
    const { hooks, findings } = await scanned(`const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
function instrumentClient(client) {
  const original = client.query;
  client.query = function instrumented(...args) { const v = process.env.DB_TRACE; return original.apply(this, args); };
  return client;
}
function wrapQuery(orig) { return function wrappedQuery() { const s = new Error().stack; return orig.apply(this, arguments); }; }
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('mysql', ['*'], (moduleExports) => { moduleExports.query = wrapQuery(moduleExports.query); return moduleExports; }); }
}
module.exports = { instrumentClient, I };
`);
    assert.deepEqual(hooks, ['assign client.query 4', 'assign mysql:query 9']);
    assert.deepEqual(findings, ['env-read per-call 4 assign client.query', 'stack-capture per-call 7 assign mysql:query']);
  });

  it('Object.defineProperty with a value or a getter handing out a wrapper; a Proxy apply and get trap; a patch callback returning a replacement', async () => {
    const { hooks, findings } = await scanned(`const os = require('os');
const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
const https = require('https');
function install(sdk) {
  Object.defineProperty(https, 'get', { value: function wrappedGet() { return os.hostname(); } });
  const orig = sdk.create;
  Object.defineProperty(sdk, 'create', { get() { return function wrappedCreate(...a) { const e = process.env.A; return orig.apply(this, a); }; } });
  return new Proxy(sdk, {
    apply(target, thisArg, args) { const c = os.cpus(); return Reflect.apply(target, thisArg, args); },
    get(target, key) { const u = os.userInfo(); return target[key]; },
  });
}
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('memoizer', ['*'], (moduleExports) => function patched(...args) { const l = os.loadavg(); return moduleExports.apply(this, args); }); }
}
module.exports = { install, I };
`);
    assert.deepEqual(hooks, ['assign https:get 5', 'assign sdk.create 7', 'proxy sdk[apply] 8', 'proxy sdk[get] 8', 'assign memoizer 14']);
    assert.deepEqual(findings, [
      'os-query per-call 5 assign https:get',
      'env-read per-call 7 assign sdk.create',
      'os-query per-call 9 proxy sdk[apply]',
      'os-query per-call 10 proxy sdk[get]',
      'os-query per-call 14 assign memoizer',
    ]);
  });

  it("an object of the package's own class handed to the patched module: each method is a hook; a plain value is not", async () => {
    const { hooks, findings } = await scanned(`const os = require('os');
const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
class OtelInstrumenter {
  startSpan(name) { return { name, host: os.hostname() }; }
  static create() { return new OtelInstrumenter(); }
}
class I extends InstrumentationBase {
  init() {
    return new InstrumentationNodeModuleDefinition('@azure/core-tracing', ['^1'], (moduleExports) => {
      moduleExports.useInstrumenter(new OtelInstrumenter());
      moduleExports.setOptions({ enabled: true }, new Date());
      return moduleExports;
    });
  }
}
module.exports = { I };
`);
    assert.deepEqual(hooks, ['assign @azure/core-tracing:useInstrumenter→OtelInstrumenter.startSpan 10']);
    assert.deepEqual(findings, ['os-query per-call 4 assign @azure/core-tracing:useInstrumenter→OtelInstrumenter.startSpan']);
  });

  it('is not the package own prototypes, fields, exports or objects', async () => {
    const { hooks, findings } = await scanned(`const os = require('os');
function Recorder() {}
Recorder.prototype.record = function () { return os.hostname(); };
const handlers = {};
handlers.onData = function () { return os.cpus(); };
class Holder { constructor() { this.handle = function () { return os.userInfo(); }; } }
Object.defineProperty(exports, 'helper', { enumerable: true, get: function () { return function helper() { return os.loadavg(); }; } });
exports.Recorder = Recorder;
exports.handlers = handlers;
exports.Holder = Holder;
`);
    assert.deepEqual(hooks, []);
    assert.ok(
      findings.every((f) => !f.includes('per-call')),
      findings.join('\n'),
    );
  });
});

describe('framework and SDK hooks', () => {
  it('fastify addHook per-request hooks, route options, express and hono middleware; not onRoute or plugins', async () => {
    const { hooks, findings } = await scanned(`const os = require('os');
const { createMiddleware } = require('hono/factory');
function wrapFastify(fastify) {
  return function fastifyWithTrace(...args) {
    const app = fastify.apply(this, args);
    app.addHook('onRoute', (routeOptions) => { routeOptions.config = os.cpus(); });
    app.addHook('onRequest', function onRequest(request, reply, done) { request.host = os.hostname(); done(); });
    app.route({ method: 'GET', url: '/x', preHandler: (req, reply, done) => { req.env = process.env.MODE; done(); }, handler: () => 'ok' });
    return app;
  };
}
function otelMiddleware(options) { return (req, res, next) => { req.user = os.userInfo(); next(); }; }
const honoOtel = () => createMiddleware(async (c, next) => { c.set('load', os.loadavg()); await next(); });
function plugin(fastify, opts, done) { fastify.decorate('x', os.networkInterfaces()); done(); }
module.exports = { wrapFastify, otelMiddleware, honoOtel, plugin };
`);
    assert.deepEqual(hooks, ['middleware app.onRequest 7', 'middleware fastifyWithTrace().preHandler 8', 'middleware otelMiddleware() 12', 'middleware honoOtel() 13']);
    assert.deepEqual(
      findings.filter((f) => f.includes('per-call')),
      [
        'os-query per-call 7 middleware app.onRequest',
        'env-read per-call 8 middleware fastifyWithTrace().preHandler',
        'os-query per-call 12 middleware otelMiddleware()',
        'os-query per-call 13 middleware honoOtel()',
      ],
    );
  });

  it('per-operation event listeners of an SDK client, event processors, integration methods and instrumentation config hooks', async () => {
    const { hooks, findings } = await scanned(`const os = require('os');
const http = require('http');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
function vendorIntegration() {
  return {
    name: 'Vendor',
    setupOnce() {},
    setup(client) {
      client.on('spanEnd', (span) => { span.host = os.hostname(); });
      client.on('close', () => { os.cpus(); });
      client.addEventProcessor((event) => { event.env = process.env.STAGE; return event; });
    },
    processEvent(event) { event.user = os.userInfo(); return event; },
  };
}
const http1 = new HttpInstrumentation({ requestHook: (span, req) => { span.setAttribute('load', os.loadavg()[0]); } });
function fetchOnce(url) { const req = http.get(url); req.on('response', (res) => { res.host = os.networkInterfaces(); }); }
process.on('message', () => os.totalmem());
module.exports = { vendorIntegration, http1, fetchOnce };
`);
    assert.deepEqual(hooks, ['event client.spanEnd 9', 'event client.addEventProcessor 11', 'event vendorIntegration().processEvent 13', 'event <object>.requestHook 16']);
    assert.deepEqual(
      findings.filter((f) => f.includes('per-call')),
      [
        'os-query per-call 9 event client.spanEnd',
        'env-read per-call 11 event client.addEventProcessor',
        'os-query per-call 13 event vendorIntegration().processEvent',
        'os-query per-call 16 event <object>.requestHook',
      ],
    );
  });
  it('a before/after hook interface (a feature-flag SDK hook): both halves are per-event hooks; a lone before is not', async () => {
    const { hooks, findings } = await scanned(`const os = require('os');
class TracingHook {
  getMetadata() { return { name: 'tracing' }; }
  beforeEvaluation(ctx, data) { return { ...data, host: os.hostname() }; }
  afterEvaluation(ctx, data, detail) { return data; }
}
const other = { beforeSend(e) { return os.cpus(); } };
module.exports = { TracingHook, other };
`);
    assert.deepEqual(hooks, ['event TracingHook.beforeEvaluation 4', 'event TracingHook.afterEvaluation 5']);
    assert.deepEqual(findings, ['os-query per-call 4 event TracingHook.beforeEvaluation', 'os-query unknown 7']);
  });
});

describe('assignments that store values, not functions', () => {
  it('does not take an environment variable set from a getter for a hook, nor a getter read for the function stored', async () => {
    const { hooks, findings } = await scanned(`const fs = require('fs');
class Config {
  get logFilePath() { fs.accessSync('/tmp'); return '/tmp/app.log'; }
  get handler() { return function handle(req) { return process.env.REGION; }; }
  apply() {
    const logFilePath = this.logFilePath;
    process.env['_APP_LOG_FILE'] = logFilePath;
    process.env.APP_MODE = this.logFilePath;
    globalThis.onAppRequest = this.handler;
  }
}
module.exports = { Config };
`);
    assert.deepEqual(hooks, ['assign globalThis.onAppRequest 9']);
    assert.deepEqual(findings, ['sync-fs unknown 3', 'env-read per-call 4 assign globalThis.onAppRequest']);
  });
});

describe('patchers loaded through a registry of paths', () => {
  it('takes the files a path built from __dirname into a folder can name (any depth) for loaded code, and finds their hooks', async () => {
    // an agent's shape: the patcher paths are built at start-up, kept in a registry, and required later
    // through a variable no syntax follows
    const dir = tempPackage({
      'index.js': `const path = require('path');
const registry = new Map();
for (const name of ['pg', '@scope/client/lib/index.js']) registry.set(name, path.resolve(__dirname, 'patchers', name + (name.endsWith('.js') ? '' : '.js')));
function onRequire(name, exports) {
  const file = registry.get(name);
  return file ? require(file)(exports) : exports;
}
module.exports = { onRequire };
`,
      'patchers/pg.js': `const os = require('os');
const shimmer = require('shimmer');
module.exports = function (pg) {
  shimmer.wrap(pg.Client.prototype, 'query', (orig) => function (sql) { const host = os.hostname(); return orig.apply(this, arguments); });
  return pg;
};
`,
      'patchers/@scope/client/lib/index.js': `const shimmer = require('shimmer');
module.exports = function (mod) {
  shimmer.wrap(mod.Client.prototype, 'send', (orig) => function (cmd) { const region = process.env.REGION; return orig.apply(this, arguments); });
  return mod;
};
`,
      'test/unused.js': `require('os').cpus();`,
    });
    const report = await scan([dir], { now: () => 0 });
    assert.deepEqual(
      report.packages.flatMap((p) => p.hooks.map((h) => `${h.kind} ${h.target} ${h.file}:${h.line}`)),
      ['wrap Client.prototype.send patchers/@scope/client/lib/index.js:3', 'wrap Client.prototype.query patchers/pg.js:4'],
    );
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.frequency} ${f.file}:${f.line}`),
      ['dynamic-require unknown index.js:6', 'env-read per-call patchers/@scope/client/lib/index.js:3', 'os-query per-call patchers/pg.js:4'],
    );
  });

  it('takes the paths of an array an agent requires one by one (forEach, for…of) for loaded code', async () => {
    const dir = tempPackage({
      'index.js': `let instrumentations = ['./instrumentation/pg', './instrumentation/redis'];
function init(extra) {
  instrumentations = instrumentations.concat(extra);
  const modules = {};
  instrumentations.forEach((key) => { modules[key] = require(key); });
  return modules;
}
const early = ['./early'];
for (const file of early) require(file);
module.exports = { init };
`,
      'instrumentation/pg.js': `const shimmer = require('shimmer');
exports.init = () => shimmer.wrap(require('pg').Client.prototype, 'query', (orig) => function () { return orig.apply(this, arguments); });
`,
      'instrumentation/redis.js': `const shimmer = require('shimmer');
exports.init = () => shimmer.wrap(require('redis'), 'send_command', (orig) => function () { return orig.apply(this, arguments); });
`,
      'early.js': `const shimmer = require('shimmer');
shimmer.wrap(require('http'), 'request', (orig) => function () { return orig.apply(this, arguments); });
`,
      'unused.js': `const shimmer = require('shimmer');
shimmer.wrap(require('dns'), 'lookup', (orig) => function () { return orig.apply(this, arguments); });
`,
    });
    const report = await scan([dir], { now: () => 0 });
    assert.deepEqual(
      report.packages.flatMap((p) => p.hooks.map((h) => `${h.kind} ${h.file}:${h.line}`)),
      ['wrap early.js:2', 'wrap instrumentation/pg.js:2', 'wrap instrumentation/redis.js:2'],
    );
  });

  it('follows a folder kept in a constant built from __dirname (also up a level), and a whole constant path to a code file', async () => {
    // a config of plugin paths: `const pluginDirectory = path.join(path.resolve(__dirname, '..'), 'src', 'plugins')`,
    // `{ http: path.join(pluginDirectory, 'plugin-http.js') }`, loaded later by a plugin loader through the config
    const dir = tempPackage({
      'build/src/config.js': `const path = require('path');
const pluginDirectory = path.join(path.resolve(__dirname, '..'), 'src', 'plugins');
exports.plugins = { http: path.join(pluginDirectory, 'plugin-http.js') };
exports.extra = (name) => path.join(pluginDirectory, 'extra', name);
exports.data = path.join(pluginDirectory, 'defaults.json');
`,
      'build/src/plugins/plugin-http.js': `const shimmer = require('shimmer');
module.exports = [{ versions: '*', patch: (http) => { shimmer.wrap(http, 'request', (orig) => function () { const v = process.env.V; return orig.apply(this, arguments); }); } }];
`,
      'build/src/plugins/extra/pg.js': `const shimmer = require('shimmer');
module.exports = (pg) => shimmer.wrap(pg.Client.prototype, 'query', (orig) => function () { return orig.apply(this, arguments); });
`,
      'build/src/plugins/defaults.json': `{}`,
      'package.json': JSON.stringify({ name: 'agent', version: '1.0.0', main: 'build/src/config.js' }),
    });
    const report = await scan([dir], { now: () => 0 });
    assert.deepEqual(
      report.packages.flatMap((p) => p.hooks.map((h) => `${h.kind} ${h.target} ${h.file}:${h.line}`)),
      ['wrap Client.prototype.query build/src/plugins/extra/pg.js:2', 'wrap request build/src/plugins/plugin-http.js:2'],
    );
  });
});
