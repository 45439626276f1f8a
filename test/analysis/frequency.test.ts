// Per-call vs once vs init, on small packages: asserts rule ids, lines and frequencies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../src/scan/scan.js';
import { tempPackage } from '../helpers/temp-package.js';

async function found(files: Record<string, string>): Promise<string[]> {
  const dir = tempPackage(files);
  const report = await scan([dir], { now: () => 0 });
  return report.findings.map((f) => `${f.ruleId} ${f.frequency} ${f.file}:${f.line}${f.path === 'error' ? ' error' : ''}`);
}

const INSTR = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
const fs = require('fs');
`;

describe('frequency', () => {
  it('flags a read in the function a _wrap factory method returns, not in the factory', async () => {
    const code = `${INSTR}class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('pg', ['*'], (m) => { this._wrap(m.Client.prototype, 'query', this._getPatchedQuery()); return m; }); }
  _getPatchedQuery() {
    fs.statSync('/setup');
    const instrumentation = this;
    return (original) => {
      fs.existsSync('/factory');
      return function patchedQuery(...args) {
        instrumentation._helper();
        return original.apply(this, args);
      };
    };
  }
  _helper() { return fs.readFileSync('/per-call'); }
}
module.exports = { I };
`;
    assert.deepEqual(await found({ 'index.js': code }), ['sync-fs init index.js:6', 'sync-fs init index.js:9', 'sync-fs per-call index.js:16']);
  });

  it('follows helpers across files (tsc CommonJS) and keeps lazy caches once', async () => {
    const files = {
      'index.js': `${INSTR}const utils_1 = require("./utils");
class I extends InstrumentationBase {
  init() { return [new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function () { (0, utils_1.version)(); (0, utils_1.cached)(); return orig.apply(this, arguments); }); return m; })]; }
}
exports.I = I;
`,
      'utils.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.cached = exports.version = void 0;
const fs_1 = require("fs");
let cache;
function version() { return JSON.parse((0, fs_1.readFileSync)(require.resolve('x/package.json'), 'utf8')).version; }
exports.version = version;
function cached() { if (cache === undefined) { cache = (0, fs_1.readdirSync)('/'); } return cache; }
exports.cached = cached;
`,
    };
    const got = await found(files);
    assert.ok(got.includes('version-lookup per-call utils.js:6'), got.join('\n'));
    assert.ok(got.includes('sync-fs once utils.js:8'), got.join('\n'));
    assert.ok(!got.some((g) => g.startsWith('sync-fs per-call utils.js:8')));
  });

  it('treats a logged bail-out branch and a catch block as the error path', async () => {
    const code = `${INSTR}class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function () {
    if (!orig) { logger('no original'); logger(new Error().stack); return; }
    try { return orig.apply(this, arguments); } catch (e) { throw new Error('wrapped: ' + e.message); }
  }); return m; }); }
}
function logger() {}
module.exports = { I };
`;
    assert.deepEqual(await found({ 'index.js': code }), ['stack-capture per-call index.js:5 error', 'stack-capture per-call index.js:6 error']);
  });

  it('finds diagnostics_channel subscribers behind a helper method and reads process.env per event', async () => {
    const code = `const dc = require('diagnostics_channel');
class I {
  enable() { this.subscribeToChannel('undici:request:create', this.onRequestCreated.bind(this)); }
  subscribeToChannel(name, fn) { dc.subscribe(name, fn); }
  onRequestCreated(msg) { return [process.env.A, process.env.B]; }
}
module.exports = { I };
`;
    const dir = tempPackage({ 'index.js': code });
    const report = await scan([dir], { now: () => 0 });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => h.id),
      ['diagnostics-channel:undici:request:create'],
    );
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.frequency} ${f.line}`),
      ['env-read per-call 5', 'env-read per-call 5'],
    );
  });

  it('treats a span processor onEnd replaced by a factory closure as a hook', async () => {
    const code = `function makeOnEnd(prev) { return function onEnd(span) { const v = require(span.name + '/package.json').version; return prev(span, v); }; }
function install(processor) { processor.onEnd = makeOnEnd(processor.onEnd); }
module.exports = { install };
`;
    const dir = tempPackage({ 'index.js': code });
    const report = await scan([dir], { now: () => 0 });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => h.kind),
      ['span-processor'],
    );
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.frequency} ${f.line}`),
      ['version-lookup per-call 1'],
    );
  });
});

describe('calls followed', () => {
  it('follows a class getter read per call', async () => {
    const code = `${INSTR}class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', this._patch()); return m; }); }
  get version() { return require('x/package.json').version; }
  _patch() { const self = this; return (orig) => function () { const v = self.version; return orig.apply(this, arguments); }; }
}
module.exports = { I };
`;
    assert.deepEqual(await found({ 'index.js': code }), ['version-lookup per-call index.js:5']);
  });
});

describe('per-call costs of the newer rules', () => {
  it('reports memory queries, a glob compiled through minimatch and bare errors per call, failures on the error path', async () => {
    const code = `${INSTR}const { minimatch } = require('minimatch');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function (route, cb) {
    const heap = process.memoryUsage().heapUsed;
    if (minimatch(route, this.ignore)) return orig.apply(this, arguments);
    const probe = new Error('where');
    if (typeof cb !== 'function') return cb(new TypeError('no callback'));
    return orig.apply(this, arguments).then((r) => r, (e) => { this.lastError = new Error(String(e)); });
  }); return m; }); }
}
module.exports = { I };
`;
    assert.deepEqual(await found({ 'index.js': code }), [
      'os-query per-call index.js:6',
      'regex-compile per-call index.js:7',
      'stack-capture per-call index.js:8',
      'stack-capture per-call index.js:9 error',
      'stack-capture per-call index.js:10 error',
    ]);
  });
});
