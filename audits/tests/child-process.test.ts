import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { childProcess } from '../child-process.js';
import { detect, operations } from '../../test/helpers/detect.js';

describe('child-process', () => {
  const flagged: Array<[string, string, string[], string?]> = [
    ['execSync, CommonJS member', `const cp = require('child_process'); function f() { return cp.execSync('git rev-parse HEAD'); }`, ['child_process.execSync']],
    ['spawnSync, node: prefix', `const cp = require('node:child_process'); function f() { cp.spawnSync('ls'); }`, ['child_process.spawnSync']],
    ['execFileSync, tsc interop', `const child_process_1 = require("child_process"); function f() { (0, child_process_1.execFileSync)('uname'); }`, ['child_process.execFileSync']],
    ['exec, tslib default', `const child_process_1 = tslib_1.__importDefault(require("child_process")); function f(cb) { child_process_1.default.exec('ls', cb); }`, ['child_process.exec']],
    ['execFile, tslib importStar', `const cp = tslib_1.__importStar(require("child_process")); function f(cb) { cp.execFile('ls', cb); }`, ['child_process.execFile']],
    ['spawn, destructured', `const { spawn } = require('child_process'); function f() { return spawn('node', ['-v']); }`, ['child_process.spawn']],
    ['fork, renamed destructuring', `const { fork: start } = require('child_process'); function f() { return start('./worker.js'); }`, ['child_process.fork']],
    ['ESM named', `import { execSync } from 'node:child_process'; export const f = () => execSync('id');`, ['child_process.execSync']],
    ['ESM namespace', `import * as cp from 'child_process'; export const f = () => cp.spawn('id');`, ['child_process.spawn']],
    ['ESM default', `import cp from 'child_process'; export const f = () => cp.execFileSync('id');`, ['child_process.execFileSync']],
    ['alias of a member', `const cp = require('child_process'); const run = cp.execSync; function f() { return run('id'); }`, ['child_process.execSync']],
    [
      'promisified exec',
      `const util = require('util'); const cp = require('child_process'); const execAsync = util.promisify(cp.exec); async function f() { return execAsync('id'); }`,
      ['child_process.exec'],
    ],
    [
      'promisified execFile, ESM named',
      `import { promisify } from 'node:util'; import { execFile } from 'node:child_process'; const run = promisify(execFile); export async function f() { return run('id'); }`,
      ['child_process.execFile'],
    ],
    [
      'TypeScript source',
      `import { execSync } from 'child_process';\nexport function sha(): string { return execSync('git rev-parse HEAD', { encoding: 'utf8' as const }).trim(); }`,
      ['child_process.execSync'],
      'x.ts',
    ],
  ];
  for (const [name, code, ops, fileName] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(childProcess, code, fileName), ops));
  }

  const quiet: Array<[string, string]> = [
    ['RegExp exec', `function f(re, s) { return re.exec(s); }`],
    ['db exec', `const db = require('./db'); function f() { db.execSync('select 1'); }`],
    ['shadowed module variable', `const cp = require('child_process'); function f(cp) { cp.execSync('x'); }`],
    ['local spawn function', `function spawn() {} spawn('x');`],
    ['other child_process members', `const cp = require('child_process'); cp.ChildProcess;`],
    ['promisify of something else', `const { promisify } = require('util'); const sleep = promisify(setTimeout); async function f() { await sleep(1); }`],
    ['worker_threads', `const { Worker } = require('worker_threads'); function f() { return new Worker('./w.js'); }`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(childProcess, code), []));
  }

  it('points at the call expression', () => {
    const code = `const cp = require('child_process');\nfunction f() {\n  return cp.execSync('id');\n}`;
    assert.deepEqual(detect(childProcess, code), [{ operation: 'child_process.execSync', line: 3, column: 10 }]);
  });
});
