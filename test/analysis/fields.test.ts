// Construction and fields: class field initialisers run at every `new` (per call when the `new` is),
// and method calls through fields set in the constructor reach the classes those fields hold, also
// when the constructor's parameter carries them (`new Processor(new Exporter())`). The processors here
// have the whole SpanProcessor interface: a class with only onStart/onEnd is not taken for one.
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
