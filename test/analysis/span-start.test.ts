// What stands between a hook and its span start, by the static call graph: the conditions on the way
// and what each reads in terms the bench can give (an argument, a parent span, a configuration flag),
// and null for a hook whose code starts no span itself (it installs what does).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan } from '../../src/scan/scan.js';
import type { HookInfo } from '../../src/model/report.js';
import { tempPackage } from '../helpers/temp-package.js';

const DRIVE = path.join(fileURLToPath(new URL('../../../', import.meta.url)), 'test/fixtures/runtime/drive-to-span');

async function hooksOf(dir: string): Promise<HookInfo[]> {
  const r = await scan([dir], { now: () => 0 });
  return r.packages.flatMap((p) => p.hooks);
}

const byMember = (hooks: HookInfo[], member: string): HookInfo => hooks.find((h) => h.target.endsWith(`.${member}`))!;

describe('span start', () => {
  it('early exits before the span start, with what they read', async () => {
    const hooks = await hooksOf(DRIVE);
    const command = byMember(hooks, 'command').spanStart!;
    assert.equal(command.line, 22);
    assert.deepEqual(
      command.conditions.map((c) => [c.expression, c.mustBe, c.line]),
      [["typeof cmd !== 'object' || cmd.ismaster || cmd.hello", 'falsy', 21]],
    );
    assert.deepEqual(command.conditions[0]!.needs, [
      { of: 'arg', index: 1, path: [], is: 'type', value: 'object' },
      { of: 'arg', index: 1, path: ['ismaster'], is: 'falsy' },
      { of: 'arg', index: 1, path: ['hello'], is: 'falsy' },
    ]);
    assert.deepEqual(byMember(hooks, 'emit').spanStart!.conditions[0]!.needs, [{ of: 'arg', index: 0, path: [], is: 'equal', value: 'request' }]);
    // emit(event, ...args) reads args[1], the response: three arguments by position
    assert.equal(byMember(hooks, 'emit').spanStart!.argumentsRead, 3);
    assert.equal(byMember(hooks, 'command').spanStart!.argumentsRead, undefined);
    assert.deepEqual(byMember(hooks, 'get').spanStart!.conditions[0]!.needs, [{ of: 'parent-span', path: [], is: 'truthy' }]);
    // a condition no harness can meet is still named, with nothing it could give
    const send = byMember(hooks, 'send').spanStart!;
    assert.deepEqual(
      send.conditions.map((c) => [c.expression, c.needs.length]),
      [['!(request instanceof PrivateRequest)', 0]],
    );
    // where the way on goes past each condition: past an early exit, the statement after it
    assert.deepEqual(
      byMember(hooks, 'batch').spanStart!.conditions.map((c) => [c.line, c.onward]),
      [
        [72, { line: 73, column: 11 }],
        [73, { line: 74, column: 11 }],
      ],
    );
  });

  it('follows helpers and maps their parameters back to the hooked call; a config flag is a need of the configuration', async () => {
    const code = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('db', ['*'], (m) => { this._wrap(m.Client.prototype, 'query', (original) => { const inst = this; return function query(sql, opts) { return inst._traced(this, sql, opts, original); }; }); return m; }); }
  _traced(client, text, options, original) {
    if (this.getConfig().ignoreQueries) return original.call(client, text, options);
    if (options.kind !== 'read') return original.call(client, text, options);
    const span = this.tracer.startSpan('query');
    span.end();
    return original.call(client, text, options);
  }
}
module.exports = { I };
`;
    const [h] = await hooksOf(tempPackage({ 'index.js': code }));
    assert.deepEqual(
      h!.spanStart!.conditions.map((c) => c.needs),
      [[{ of: 'config', path: ['ignoreQueries'], is: 'falsy' }], [{ of: 'arg', index: 1, path: ['kind'], is: 'equal', value: 'read' }]],
    );
  });

  it("arguments read by position: rest elements after named parameters, `arguments[i]`, destructuring; not a nested function's own", async () => {
    const code = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('db', ['*'], (m) => {
    const inst = this;
    this._wrap(m.A.prototype, 'rest', (original) => function rest(a, b, ...more) { const s = inst.tracer.startSpan('a'); s.end(); return original.call(this, a, b, more[1]); });
    this._wrap(m.A.prototype, 'args', (original) => function args() { const s = inst.tracer.startSpan('b'); s.end(); return original.call(this, arguments[3]); });
    this._wrap(m.A.prototype, 'pattern', (original) => function pattern(...all) { const [x, , y] = all; const s = inst.tracer.startSpan(x); s.end(); return original.call(this, y); });
    this._wrap(m.A.prototype, 'inner', (original) => function inner(q) { const s = inst.tracer.startSpan(q); s.end(); return original.call(this, function () { return arguments[5]; }); });
    return m;
  }); }
}
module.exports = { I };
`;
    const hooks = await hooksOf(tempPackage({ 'index.js': code }));
    assert.deepEqual(
      ['rest', 'args', 'pattern', 'inner'].map((m) => byMember(hooks, m).spanStart?.argumentsRead),
      [4, 4, 3, undefined],
    );
  });

  it('an early exit by if/else returning on both sides; a callback picked by a conditional is the argument it may be', async () => {
    const code = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('db', ['*'], (m) => { const inst = this; this._wrap(m, 'insert', (original) => function insert(server, ns, ops, options, callback) {
    const handler = typeof options === 'function' ? options : callback;
    if (typeof handler !== 'function' || typeof ops !== 'object') {
      if (typeof options === 'function') return original.call(this, server, ns, ops, options);
      else return original.call(this, server, ns, ops, options, callback);
    }
    const s = inst.tracer.startSpan('insert');
    s.end();
    return original.call(this, server, ns, ops, options, handler);
  }); return m; }); }
}
module.exports = { I };
`;
    const [h] = await hooksOf(tempPackage({ 'index.js': code }));
    assert.deepEqual(
      h!.spanStart!.conditions.map((c) => [c.mustBe, c.needs]),
      [
        [
          'falsy',
          [
            { of: 'arg', index: 3, path: [], is: 'type', value: 'function' },
            { of: 'arg', index: 2, path: [], is: 'type', value: 'object' },
          ],
        ],
      ],
    );
  });

  it('a wrapper only decorated where it is made (Object.defineProperty on it) does not run there: a set-up hook installing it starts no span', async () => {
    const code = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('srv', ['*'], (m) => { const inst = this; this._wrap(m.Router.prototype, 'use', (original) => function use(fn) {
    const route = original.apply(this, arguments);
    const layer = this.stack[this.stack.length - 1];
    inst._wrap(layer, 'handle', (handle) => {
      const patched = function (req, res) { const s = inst.tracer.startSpan('mw'); s.end(); return handle.apply(this, arguments); };
      for (const key in handle) Object.defineProperty(patched, key, { get() { return handle[key]; } });
      return patched;
    });
    return route;
  }); return m; }); }
}
module.exports = { I };
`;
    const hooks = await hooksOf(tempPackage({ 'index.js': code }));
    assert.equal(byMember(hooks, 'use').spanStart, null);
  });

  it('a set-up API that stores a wrapper of what it registers starts no span itself: null', async () => {
    const code = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('srv', ['*'], (m) => { this._wrap(m.Router.prototype, 'use', (original) => { const inst = this; return function use(handler) { this.stack.push({ handle: function (req) { const s = inst.tracer.startSpan('mw'); s.end(); return handler(req); } }); return original.call(this, handler); }; }); return m; }); }
}
module.exports = { I };
`;
    const [h] = await hooksOf(tempPackage({ 'index.js': code }));
    assert.equal(h!.spanStart, null);
  });
  it('a set-up API that hands on a closure a helper makes (into a field, an argument slot, a call) starts no span itself; a helper it calls does', async () => {
    // route.handler = wrap(route.handler); args[i] = wrap(fn); original.call(this, wrap(h)): the span starts
    // in the closure, when what it was handed to calls it (per request), never in the registering call
    const code = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('srv', ['*'], (m) => {
    const inst = this;
    this._wrap(m.Server.prototype, 'route', (original) => function route(r) { r.handler = inst._wrapHandler(r.handler); return original.call(this, r); });
    this._wrap(m.Server.prototype, 'use', (original) => function use(...args) { args[args.length - 1] = inst._wrapHandler(args[args.length - 1]); return original.apply(this, args); });
    this._wrap(m.Server.prototype, 'pre', (original) => function pre(h) { return original.call(this, inst._wrapHandler(h)); });
    this._wrap(m.Client.prototype, 'query', (original) => function query(sql) { const s = inst._startQuery(sql); try { return original.call(this, sql); } finally { s.end(); } });
    return m;
  }); }
  _wrapHandler(handler) { const inst = this; return function handle(req) { const s = inst.tracer.startSpan('handler'); try { return handler(req); } finally { s.end(); } }; }
  _startQuery(sql) { return this.tracer.startSpan(sql); }
}
module.exports = { I };
`;
    const hooks = await hooksOf(tempPackage({ 'index.js': code }));
    assert.deepEqual(
      ['route', 'use', 'pre', 'query'].map((m) => [m, byMember(hooks, m).spanStart === null]),
      [
        ['route', true],
        ['use', true],
        ['pre', true],
        ['query', false],
      ],
    );
    assert.equal(byMember(hooks, 'query').spanStart!.line, 12);
  });

  it("`arguments.length !== 1` before the span start: the hooked call's own argument count is a need; a nested function's `arguments` is not", async () => {
    const code = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('db', ['*'], (m) => {
    const inst = this;
    this._wrap(m.Client.prototype, 'send', (original) => function send(cmd) {
      if (arguments.length !== 1 || typeof cmd !== 'object') return original.apply(this, arguments);
      const s = inst.tracer.startSpan('send'); s.end(); return original.apply(this, arguments);
    });
    this._wrap(m.Client.prototype, 'later', (original) => function later(cmd) {
      return [1].map(function () { if (arguments.length !== 1) return 0; const s = inst.tracer.startSpan('later'); s.end(); return 1; });
    });
    return m;
  }); }
}
module.exports = { I };
`;
    const hooks = await hooksOf(tempPackage({ 'index.js': code }));
    assert.deepEqual(byMember(hooks, 'send').spanStart!.conditions[0]!.needs, [
      { of: 'arguments', path: ['length'], is: 'equal', value: 1 },
      { of: 'arg', index: 0, path: [], is: 'type', value: 'object' },
    ]);
    assert.deepEqual(byMember(hooks, 'later').spanStart!.conditions[0]!.needs, []);
  });
});
