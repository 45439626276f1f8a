// Registrations made inside the package's own helpers — in another module, through a class that keeps
// the handler in a field, several helper levels deep — are hooks at the helpers' call sites, with the
// names and handlers those callers pass.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../src/scan/scan.js';
import { tempPackage } from '../helpers/temp-package.js';

async function scanned(files: Record<string, string>): Promise<{ hooks: string[]; findings: string[] }> {
  const dir = tempPackage(files);
  const report = await scan([dir], { now: () => 0 });
  return {
    hooks: report.packages.flatMap((p) => p.hooks.map((h) => `${h.kind} ${h.target} ${h.file}:${h.line}`)),
    findings: report.findings.map((f) => `${f.ruleId} ${f.frequency} ${f.file}:${f.line}${f.hook ? ` ${f.hook.kind} ${f.hook.target}` : ''}`),
  };
}

describe('registration helpers', () => {
  it('lift a diagnostics_channel subscription made by a helper module, through a class holding the handler in a field', async () => {
    const files = {
      'plugins/plugin.js': `'use strict'
const dc = require('dc-polyfill')
class Subscription {
  constructor (event, handler) {
    this._channel = dc.channel(event)
    this._handler = (message, name) => { if (!message.noop) handler(message, name) }
  }
  enable () { this._channel.subscribe(this._handler) }
}
module.exports = class Plugin {
  constructor () { this._subscriptions = [] }
  addSub (channelName, handler) {
    const wrapped = (message, name) => {
      try { return handler.call(this, message, name) } catch (e) { return undefined }
    }
    this._subscriptions.push(new Subscription(channelName, wrapped))
  }
  addBind (channelName, transform) { dc.channel(channelName).bindStore(this._store, transform) }
}
`,
      'index.js': `const Plugin = require('./plugins/plugin'); const os = require('os')
class AwsPlugin extends Plugin {
  constructor (...args) {
    super(...args)
    this.addSub('apm:aws:request:start', (ctx) => { ctx.region = process.env.AWS_REGION })
    this.addBind('apm:aws:request:finish', (ctx) => ({ host: os.hostname() }))
  }
}
module.exports = AwsPlugin
`,
    };
    const { hooks, findings } = await scanned(files);
    assert.deepEqual(hooks, ['diagnostics-channel apm:aws:request:start index.js:5', 'diagnostics-channel apm:aws:request:finish index.js:6']);
    assert.deepEqual(findings, ['env-read per-call index.js:5 diagnostics-channel apm:aws:request:start', 'os-query per-call index.js:6 diagnostics-channel apm:aws:request:finish']);
  });

  it('one hook per call of a helper that subscribes one way or the other (new and old diagnostics_channel APIs)', async () => {
    const code = `const dc = require('node:diagnostics_channel'); const os = require('os')
class I {
  enable() {
    this.subscribeToChannel('undici:request:create', this.onCreate.bind(this))
    this.subscribeToChannel('undici:request:error', this.onError.bind(this))
  }
  subscribeToChannel(name, onMessage) {
    if (Number(process.versions.node.split('.')[0]) > 18) dc.subscribe?.(name, onMessage)
    else dc.channel(name).subscribe(onMessage)
  }
  onCreate() { return os.hostname() }
  onError() { return 0 }
}
module.exports = { I }
`;
    const { hooks } = await scanned({ 'index.js': code });
    assert.deepEqual(hooks, ['diagnostics-channel undici:request:create index.js:4', 'diagnostics-channel undici:request:error index.js:5']);
  });

  it('take no hook from a channel published at set-up or per session', async () => {
    const code = `const dc = require('node:diagnostics_channel'); const os = require('os')
dc.subscribe('runner:session:start', () => { os.hostname() })
dc.channel('apm:db:query:start').subscribe(() => { os.userInfo() })
`;
    const { hooks, findings } = await scanned({ 'index.js': code });
    assert.deepEqual(hooks, ['diagnostics-channel apm:db:query:start index.js:3']);
    assert.deepEqual(findings, ['os-query init index.js:2', 'os-query per-call index.js:3 diagnostics-channel apm:db:query:start']);
  });

  it('lift a _wrap made by a helper that takes the wrapper factory, but not one that only takes the target', async () => {
    const code = `const { InstrumentationBase, InstrumentationNodeModuleDefinition, isWrapped } = require('@opentelemetry/instrumentation');
class I extends InstrumentationBase {
  init() {
    return new InstrumentationNodeModuleDefinition('memcached', ['*'], (m) => {
      this.ensureWrapped(m.prototype, 'command', this.wrapCommand.bind(this));
      this._patchGet(m.prototype);
      return m;
    });
  }
  wrapCommand(original) { return function (q) { const v = require('memcached/package.json').version; return original.apply(this, arguments); }; }
  ensureWrapped(obj, methodName, wrapper) {
    if (isWrapped(obj[methodName])) this._unwrap(obj, methodName);
    this._wrap(obj, methodName, wrapper);
  }
  _patchGet(proto) { this._wrap(proto, 'get', (original) => function () { return original.apply(this, arguments); }); }
}
module.exports = { I };
`;
    const { hooks, findings } = await scanned({ 'index.js': code });
    assert.deepEqual(hooks, ['wrap memcached:prototype.command index.js:5', 'wrap memcached:get index.js:15']);
    assert.deepEqual(findings, ['version-lookup per-call index.js:10 wrap memcached:prototype.command']);
  });
});
