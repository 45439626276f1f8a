// Construction and fields: class field initialisers run at every `new` (per call when the `new` is),
// and method calls through fields set in the constructor reach the classes those fields hold, also
// when the constructor's parameter carries them (`new Processor(new Exporter())`). The processors here
// have the whole SpanProcessor interface: a class with only onStart/onEnd is not taken for one. The
// element a loop or an array method hands on is what the array holds (literals, pushes); a member keyed
// by a symbol constant is a member like any other.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../src/scan/scan.js';
import { tempPackage } from '../helpers/temp-package.js';

async function scanned(files: Record<string, string>, manifest: Record<string, unknown> = {}): Promise<{ hooks: string[]; findings: string[] }> {
  const dir = tempPackage(files, manifest);
  const report = await scan([dir], { now: () => 0 });
  return {
    hooks: report.packages.flatMap((p) => p.hooks.map((h) => `${h.kind} ${h.target} ${h.file}:${h.line}`)),
    findings: report.findings.map((f) => `${f.ruleId} ${f.frequency} ${f.file}:${f.line}${f.hook ? ` ${f.hook.kind} ${f.hook.target}` : ''}`),
  };
}

const INSTR = `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
const os = require('os');
`;

describe('class field initialisers', () => {
  it('run per call when the new is on a per-call path, through subclasses without a constructor; static and arrow fields do not', async () => {
    const code = `${INSTR}class Attrs {
  host = os.hostname();
  static shared = os.cpus();
  handler = () => os.userInfo();
}
class RequestAttrs extends Attrs { service = process.env.SERVICE_NAME; }
class Startup { interfaces = os.networkInterfaces(); }
const startup = new Startup();
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function () { const a = new RequestAttrs(); return orig.apply(this, arguments); }); return m; }); }
}
module.exports = { I, startup };
`;
    const { findings } = await scanned({ 'index.js': code });
    assert.deepEqual(findings, [
      'os-query per-call index.js:4 wrap x:run',
      'os-query init index.js:5',
      'os-query unknown index.js:6',
      'env-read per-call index.js:8 wrap x:run',
      'os-query init index.js:9',
    ]);
  });

  it('run with the constructor a subclass calls through super()', async () => {
    const code = `const os = require('os');
class Base { pid = os.hostname(); constructor(name) { this.name = name; } }
class Processor extends Base {
  constructor() { super('p'); }
  onStart(span) { const child = new Processor(); span.setAttribute('x', child.name); }
  onEnd() {}
  forceFlush() {}
  shutdown() {}
}
module.exports = { Processor };
`;
    const { findings } = await scanned({ 'index.js': code });
    assert.deepEqual(findings, ['os-query per-call index.js:2 span-processor Processor.onStart']);
  });
});

describe('fields set in the constructor', () => {
  it('resolve this.field.method() to the class assigned, and constructor parameters to the arguments of the package own new sites', async () => {
    const code = `const os = require('os');
class Handler { record(span) { return require(span.lib + '/package.json').version; } }
class Sender { send(spans) { return os.hostname(); } }
class OtherSender { send(spans) { return process.env.ENDPOINT; } }
class Base {
  constructor(sender, config) { this._sender = sender; this._handler = new Handler(); this._config = config; }
  onStart() {}
  onEnd(span) { this._handler.record(span); this._sender.send([span]); }
  forceFlush() {}
  shutdown() {}
}
class Processor extends Base {}
class Wrapped extends Base { constructor(s) { super(s, {}); } }
module.exports = { make: () => new Processor(new Sender()), other: () => new Wrapped(new OtherSender()) };
`;
    const { findings } = await scanned({ 'index.js': code });
    assert.deepEqual(findings, [
      'version-lookup per-call index.js:2 span-processor Base.onEnd',
      'os-query per-call index.js:3 span-processor Base.onEnd',
      'env-read per-call index.js:4 span-processor Base.onEnd',
    ]);
  });

  it('follow fields across files and TypeScript parameter properties', async () => {
    const files = {
      'src/index.ts': `import { Recorder } from './recorder';
export class Processor {
  constructor(private readonly recorder: Recorder, private readonly exporter: { export(s: unknown[]): void }) {}
  onStart(): void {}
  onEnd(span: { name: string }): void { this.recorder.record(span.name); }
  forceFlush(): void {}
  shutdown(): void {}
}
export const processor = new Processor(new Recorder(), { export() {} });
`,
      'src/recorder.ts': `import * as os from 'os';
export class Recorder {
  record(name: string): string { return name + os.hostname(); }
}
`,
      'tsconfig.json': '{ "compilerOptions": { "strict": true } }',
    };
    const { findings } = await scanned(files, { main: undefined, types: 'src/index.ts' });
    assert.deepEqual(findings, ['os-query per-call src/recorder.ts:3 span-processor Processor.onEnd']);
  });

  it('follow a factory parameter passed on to the constructor, and a static assigned after the class (tsc output)', async () => {
    const code = `class Generator { generate(span) { return process.env.SERVICE_NAME; } }
class Processor {
  constructor(generator) { this.generator = generator; }
  static create(generator) { return new Processor(generator); }
  onStart() {}
  onEnd(span) { this.generator.generate(span); }
  forceFlush() {}
  shutdown() {}
}
class Builder {
  build() { return Processor.create(Builder.DEFAULT_GENERATOR); }
}
Builder.DEFAULT_GENERATOR = new Generator();
module.exports = { Builder };
`;
    const { findings } = await scanned({ 'index.js': code });
    assert.deepEqual(findings, ['env-read per-call index.js:1 span-processor Processor.onEnd']);
  });

  it('end when classes are built with their own parameters: a class that builds itself, two that build each other', async () => {
    // seen in a bundled vendor SDK: the parameter's values led back to the same parameter without end
    // (stack overflow, the whole package skipped)
    const code = `class Sender { send(spans) { return process.env.ENDPOINT; } }
class Node { constructor(sender, depth) { this.sender = sender; this.next = depth > 0 ? new Node(sender, depth - 1) : null; } }
class Ping { constructor(sender) { this.sender = sender; this.pong = new Pong(sender); } }
class Pong { constructor(sender) { this.sender = sender; this.ping = sender ? null : new Ping(sender); } }
class Processor {
  constructor(sender) { this.node = new Node(sender, 2); this.ping = new Ping(sender); }
  onStart() {}
  onEnd(span) { this.node.sender.send([span]); this.ping.pong.sender.send([span]); }
  forceFlush() {}
  shutdown() {}
}
module.exports = { make: () => new Processor(new Sender()) };
`;
    const { findings } = await scanned({ 'index.js': code });
    assert.deepEqual(findings, ['env-read per-call index.js:1 span-processor Processor.onEnd']);
  });
});

describe('members keyed by a symbol constant', () => {
  it('resolve this[kX] to what the class assigns there, and [kX]() methods and properties declared with the key; another key stays apart', async () => {
    const code = `const os = require('os');
const kHandler = Symbol('handler');
const kRecord = Symbol.for('otel.record');
let kOther = Symbol('other');
class Handler { [kRecord](span) { return os.hostname(); } }
const hooks = { [kRecord]: () => process.env.HOOK };
class Other { record() { return os.userInfo(); } }
class Processor {
  constructor() { this[kHandler] = new Handler(); this[kOther] = new Other(); }
  onStart(span) { this[kHandler][kRecord](span); hooks[kRecord](); this[kOther].record(); }
  onEnd() {}
  forceFlush() {}
  shutdown() {}
}
module.exports = { Processor };
`;
    const { findings } = await scanned({ 'index.js': code });
    // \`kOther\` is a \`let\`: it may hold another key by the time it is read, so \`this[kOther]\` is not followed
    assert.deepEqual(findings, ['os-query per-call index.js:5 span-processor Processor.onStart', 'env-read per-call index.js:6 span-processor Processor.onStart', 'os-query unknown index.js:7']);
  });
});

describe('elements of arrays', () => {
  it('resolve the element a for-of loop or an iteration callback gets to what the array holds: literals, pushes, through fields and parameters', async () => {
    const code = `const os = require('os');
class Rule { matches(span) { return os.hostname(); } }
class EnvRule { matches(span) { return process.env.RULE; } }
class PushedRule { check(span) { return os.userInfo(); } }
class Unused { matches() { return os.cpus(); } }
class Cache {
  constructor() { this.rules = []; this.extra = []; }
  update(list) { this.rules = list; }
  add(rule) { this.extra.push(rule); }
  match(span) { return this.rules.find((r) => r.matches(span)); }
  check(span) { for (const e of this.extra) e.check(span); return [new EnvRule()].reduce((acc, x) => acc || x.matches(span), false); }
}
const cache = new Cache();
function refresh() { const list = []; list.push(new Rule()); cache.update(list); cache.add(new PushedRule()); }
class Processor {
  onStart(span) { cache.match(span); cache.check(span); }
  onEnd() {}
  forceFlush() {}
  shutdown() {}
}
module.exports = { Processor, refresh, Unused };
`;
    const { findings } = await scanned({ 'index.js': code });
    assert.deepEqual(findings, [
      'os-query per-call index.js:2 span-processor Processor.onStart',
      'env-read per-call index.js:3 span-processor Processor.onStart',
      'os-query per-call index.js:4 span-processor Processor.onStart',
      'os-query unknown index.js:5',
    ]);
  });

  it('resolve an element taken by an index (`var e = _a[_i]`: tsc’s ES5 loop for for-of; `list[0]`); a string key names a member', async () => {
    const code = `const os = require('os');
class Exporter { export(spans) { return os.hostname(); } }
class Named { export() { return process.env.NAMED; } }
class Spare { export() { return os.cpus(); } }
const spare = [new Spare()];
class Processor {
  constructor() { this.exporters = [new Exporter()]; this.named = { first: new Named() }; }
  onStart(span) {
    for (var _i = 0, _a = this.exporters; _i < _a.length; _i++) { var e = _a[_i]; e.export([span]); }
    this.named['first'].export();
    spare[0].export();
  }
  onEnd() {}
  forceFlush() {}
  shutdown() {}
}
module.exports = { Processor };
`;
    const { findings } = await scanned({ 'index.js': code });
    assert.deepEqual(findings, [
      'os-query per-call index.js:2 span-processor Processor.onStart',
      'env-read per-call index.js:3 span-processor Processor.onStart',
      'os-query per-call index.js:4 span-processor Processor.onStart',
    ]);
  });

  it('leave the parameter of a callback that is not handed an element (an event listener, an accumulator) unresolved', async () => {
    const code = `const os = require('os');
class Rule { matches(span) { return os.hostname(); } }
const rules = [new Rule()];
const emitter = new (require('events').EventEmitter)();
class Processor {
  onStart(span) {
    emitter.on('rule', (r) => r.matches(span));
    rules.reduce((acc) => acc.matches(span), null);
  }
  onEnd() {}
  forceFlush() {}
  shutdown() {}
}
module.exports = { Processor, rules };
`;
    const { findings } = await scanned({ 'index.js': code });
    assert.deepEqual(findings, ['os-query unknown index.js:2']);
  });
});
