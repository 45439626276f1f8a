import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { envRead } from '../env-read.js';
import { detect, operations } from '../../test/helpers/detect.js';

describe('env-read', () => {
  const flagged: Array<[string, string, string[], string?]> = [
    // reads
    ['property read', `function f() { return process.env.OTEL_DEBUG; }`, ['process.env']],
    ['element read', `function f() { return process.env['OTEL_DEBUG']; }`, ['process.env']],
    ['computed key read', `function f(k) { return process.env[k]; }`, ['process.env']],
    [
      'several reads (dd-trace aws-sdk shape)',
      `function onRequest() { const a = process.env.AWS_REGION; const b = process.env.AWS_LAMBDA_FUNCTION_NAME; return a + b; }`,
      ['process.env', 'process.env'],
    ],
    ['destructured read', `function f() { const { HOME, PATH } = process.env; return HOME + PATH; }`, ['process.env']],
    ['compound assignment reads', `function f() { process.env.X ||= 'default'; }`, ['process.env']],
    ['in operator', `function f() { return 'DEBUG' in process.env; }`, ['process.env']],
    ['require("process").env', `function f() { return require('process').env.X; }`, ['process.env']],
    ['globalThis.process.env', `function f() { return globalThis.process.env.X; }`, ['process.env']],
    ['tsc ESM default import of process', `const node_process_1 = __importDefault(require("node:process")); function f() { return node_process_1.default.env.X; }`, ['process.env']],
    ['ESM namespace import of process', `import * as proc from 'process'; export const f = () => proc.env.X;`, ['process.env']],
    ['ESM named import of env', `import { env } from 'node:process'; export const f = () => env.X;`, ['process.env']],
    ['destructured env from the global', `const { env } = process; function f() { return env.X + env.Y; }`, ['process.env', 'process.env']],
    ['alias of process.env', `const env = process.env; function f() { return env.OTEL_X; }`, ['process.env']],
    ['alias with another name is reported where it is taken', `function f() { const e = process.env; return e.X; }`, ['process.env']],
    ['reassigned alias is reported where it is taken, not at its uses', `let env = process.env; env = {}; function f() { return env.X; }`, ['process.env']],
    ['handed whole to a function', `function f() { return getEnv(process.env); }`, ['process.env']],
    ['default parameter', `function f(env = process.env) { return env; }`, ['process.env']],
    // copies
    ['Object.entries (langsmith shape)', `function merge(run) { for (const [k, v] of Object.entries(process.env)) run[k] = v; }`, ['process.env copy']],
    ['Object.keys', `function f() { return Object.keys(process.env).filter((k) => k.startsWith('OTEL_')); }`, ['process.env copy']],
    ['Object.values', `function f() { return Object.values(process.env); }`, ['process.env copy']],
    ['Object.assign into a new object', `function f() { return Object.assign({}, process.env); }`, ['process.env copy']],
    ['object spread', `function f() { return { ...process.env, X: '1' }; }`, ['process.env copy']],
    ['JSON.stringify', `function f() { return JSON.stringify(process.env); }`, ['process.env copy']],
    ['for-in', `function f() { const out = {}; for (const k in process.env) out[k] = 1; return out; }`, ['process.env copy']],
    ['destructuring with rest', `function f() { const { HOME, ...rest } = process.env; return rest; }`, ['process.env copy']],
    ['copy through an alias', `import { env } from 'process'; export const f = () => Object.entries(env);`, ['process.env copy']],
    ['TypeScript source', `export function f(): string | undefined { return (process.env as Record<string, string>).OTEL_X!; }`, ['process.env'], 'x.ts'],
  ];
  for (const [name, code, ops, fileName] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(envRead, code, fileName), ops));
  }

  const quiet: Array<[string, string]> = [
    ['write', `function f() { process.env.X = '1'; }`],
    ['element write', `function f() { process.env['X'] = '1'; }`],
    ['delete', `function f() { delete process.env.X; }`],
    ['Object.assign into process.env (a write)', `function f(o) { Object.assign(process.env, o); }`],
    ['shadowed process', `function f(process) { return process.env.X; }`],
    ['local process variable', `const process = { env: {} }; function f() { return process.env.X; }`],
    ['env on another object', `function f(config) { return config.env.X; }`],
    ['env from another module', `const { env } = require('./config'); function f() { return env.X; }`],
    ['unrelated identifier named env', `function f(env) { return env.X; }`],
    ['process.argv', `function f() { return process.argv[2]; }`],
    ['name of the alias declaration itself', `const env = process.env;`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(envRead, code), []));
  }

  it('points at the read and at the copying call', () => {
    const code = `function f() {\n  const a =  process.env.A;\n  return Object.entries(process.env);\n}`;
    assert.deepEqual(detect(envRead, code), [
      { operation: 'process.env', line: 2, column: 14 },
      { operation: 'process.env copy', line: 3, column: 10 },
    ]);
  });
});
