import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { osQuery } from '../os-query.js';
import { detect, operations } from '../../test/helpers/detect.js';

describe('os-query', () => {
  const flagged: Array<[string, string, string[], string?]> = [
    ['os.hostname, CommonJS', `const os = require('os'); function f() { return os.hostname(); }`, ['os.hostname']],
    ['os.cpus, node: prefix', `const os = require('node:os'); function f() { return os.cpus().length; }`, ['os.cpus']],
    ['networkInterfaces, tsc interop', `const os_1 = require("os"); function f() { return (0, os_1.networkInterfaces)(); }`, ['os.networkInterfaces']],
    ['userInfo, tsc default', `const os_1 = __importDefault(require("os")); function f() { return os_1.default.userInfo().username; }`, ['os.userInfo']],
    ['totalmem, tslib importStar', `const os = tslib_1.__importStar(require("os")); function f() { return os.totalmem(); }`, ['os.totalmem']],
    ['freemem, destructured', `const { freemem } = require('os'); function f() { return freemem(); }`, ['os.freemem']],
    ['loadavg, ESM named', `import { loadavg } from 'os'; export const f = () => loadavg();`, ['os.loadavg']],
    ['hostname, ESM namespace', `import * as os from 'node:os'; export const f = () => os.hostname();`, ['os.hostname']],
    ['hostname, ESM default', `import os from 'os'; export const f = () => os.hostname();`, ['os.hostname']],
    ['hostname, renamed import', `import { hostname as host } from 'os'; export const f = () => host();`, ['os.hostname']],
    ['process.cwd', `function f(p) { return p.replace(process.cwd(), ''); }`, ['process.cwd']],
    ['globalThis.process.cwd', `function f() { return globalThis.process.cwd(); }`, ['process.cwd']],
    ['cwd from the process module', `import { cwd } from 'node:process'; export const f = () => cwd();`, ['process.cwd']],
    ['require("process").cwd', `function f() { return require('process').cwd(); }`, ['process.cwd']],
    ['several queries', `const os = require('os'); function attrs() { return { host: os.hostname(), cpus: os.cpus().length }; }`, ['os.hostname', 'os.cpus']],
    ['TypeScript source', `import * as os from 'os';\nexport function host(): string { return (os as typeof import('os')).hostname(); }`, ['os.hostname'], 'x.ts'],
  ];
  for (const [name, code, ops, fileName] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(osQuery, code, fileName), ops));
  }

  const quiet: Array<[string, string]> = [
    ['cheap os constants and functions', `const os = require('os'); function f() { return os.EOL + os.platform() + os.arch(); }`],
    ['reference without a call', `const os = require('os'); const h = os.hostname;`],
    ['hostname on another object', `function f(req) { return req.hostname(); }`],
    ['shadowed os', `const os = require('os'); function f(os) { return os.hostname(); }`],
    ['os-like module', `const os = require('./os'); os.hostname();`],
    ['shadowed process', `function f(process) { return process.cwd(); }`],
    ['cwd on another object', `function f(opts) { return opts.cwd(); }`],
    ['process.uptime', `function f() { return process.uptime(); }`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(osQuery, code), []));
  }

  it('points at the call expression', () => {
    const code = `const os = require('os');\nfunction f() {\n  return { host:  os.hostname() };\n}`;
    assert.deepEqual(detect(osQuery, code), [{ operation: 'os.hostname', line: 3, column: 19 }]);
  });
});
