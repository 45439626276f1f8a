import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { metadataParse } from '../metadata-parse.js';
import { detect, operations } from '../../test/helpers/detect.js';

describe('metadata-parse', () => {
  const flagged: Array<[string, string, string[], string?]> = [
    // JSON.parse of a file's contents
    ['JSON.parse(readFileSync)', `const fs = require('fs'); function f(p) { return JSON.parse(fs.readFileSync(p, 'utf8')); }`, ['JSON.parse']],
    ['with toString()', `const fs = require('fs'); function f(p) { return JSON.parse(fs.readFileSync(p).toString()); }`, ['JSON.parse']],
    ['with String()', `const fs = require('fs'); function f(p) { return JSON.parse(String(fs.readFileSync(p))); }`, ['JSON.parse']],
    ['through a const', `const fs = require('fs'); function f(p) { const raw = fs.readFileSync(p, 'utf8'); return JSON.parse(raw); }`, ['JSON.parse']],
    ['through a const with trim()', `const fs = require('fs'); function f(p) { const raw = fs.readFileSync(p, 'utf8').trim(); return JSON.parse(raw); }`, ['JSON.parse']],
    ['await fs.promises.readFile', `const fs = require('fs'); async function f(p) { const raw = await fs.promises.readFile(p, 'utf8'); return JSON.parse(raw); }`, ['JSON.parse']],
    ['fs/promises, ESM named', `import { readFile } from 'node:fs/promises'; export async function f(p) { return JSON.parse(await readFile(p, 'utf8')); }`, ['JSON.parse']],
    ['readFile callback data', `const fs = require('fs'); function f(p, cb) { fs.readFile(p, 'utf8', (err, data) => cb(JSON.parse(data))); }`, ['JSON.parse']],
    ['tsc interop read', `const fs_1 = require("fs"); function f(p) { return JSON.parse((0, fs_1.readFileSync)(p, 'utf8')); }`, ['JSON.parse']],
    ['tslib default read', `const fs_1 = tslib_1.__importDefault(require("fs")); function f(p) { return JSON.parse(fs_1.default.readFileSync(p, 'utf8')); }`, ['JSON.parse']],
    ['destructured read', `const { readFileSync } = require('fs'); function f(p) { return JSON.parse(readFileSync(p, 'utf8')); }`, ['JSON.parse']],
    ['ESM default fs', `import fs from 'fs'; export const f = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));`, ['JSON.parse']],
    [
      'TypeScript source',
      `import * as fs from 'fs';\nexport function load(p: string): unknown { const text = fs.readFileSync(p, 'utf8') as string; return JSON.parse(text!); }`,
      ['JSON.parse'],
      'x.ts',
    ],
    // YAML / INI / TOML
    ['js-yaml load', `const yaml = require('js-yaml'); function f(t) { return yaml.load(t); }`, ['js-yaml.load']],
    ['js-yaml safeLoad, tsc interop', `const js_yaml_1 = require("js-yaml"); function f(t) { return (0, js_yaml_1.safeLoad)(t); }`, ['js-yaml.safeLoad']],
    ['js-yaml, tslib importStar', `const yaml = tslib_1.__importStar(require("js-yaml")); function f(t) { return yaml.load(t); }`, ['js-yaml.load']],
    ['yaml parse, ESM default', `import YAML from 'yaml'; export const f = (t) => YAML.parse(t);`, ['yaml.parse']],
    ['yaml parse, ESM named', `import { parse } from 'yaml'; export const f = (t) => parse(t);`, ['yaml.parse']],
    ['ini parse', `const ini = require('ini'); function f(t) { return ini.parse(t); }`, ['ini.parse']],
    ['ini decode, destructured', `const { decode } = require('ini'); function f(t) { return decode(t); }`, ['ini.decode']],
    ['@iarna/toml parse', `const TOML = require('@iarna/toml'); function f(t) { return TOML.parse(t); }`, ['@iarna/toml.parse']],
    ['toml parse, tsc default', `const toml_1 = __importDefault(require("toml")); function f(t) { return toml_1.default.parse(t); }`, ['toml.parse']],
    // semver range parsing
    ['semver.satisfies', `const semver = require('semver'); function f(v) { return semver.satisfies(v, '>=1.0.0 <3'); }`, ['semver.satisfies']],
    ['semver.satisfies, tsc interop', `const semver_1 = require("semver"); function f(v) { return (0, semver_1.satisfies)(v, '^1', { includePrerelease: true }); }`, ['semver.satisfies']],
    ['semver.validRange, tslib importStar', `const semver = tslib_1.__importStar(require("semver")); function f(r) { return semver.validRange(r); }`, ['semver.validRange']],
    ['semver intersects, ESM named', `import { intersects } from 'semver'; export const f = (a, b) => intersects(a, b);`, ['semver.intersects']],
    ['semver minVersion, ESM namespace', `import * as semver from 'semver'; export const f = (r) => semver.minVersion(r);`, ['semver.minVersion']],
    ['semver maxSatisfying, ESM default', `import semver from 'semver'; export const f = (vs, r) => semver.maxSatisfying(vs, r);`, ['semver.maxSatisfying']],
    ['new semver.Range', `const semver = require('semver'); function f(r) { return new semver.Range(r); }`, ['new semver.Range']],
    ['new Range, destructured', `const { Range } = require('semver'); function f(r) { return new Range(r); }`, ['new semver.Range']],
    ['semver/functions/satisfies', `const satisfies = require('semver/functions/satisfies'); function f(v) { return satisfies(v, '^2'); }`, ['semver.satisfies']],
    [
      'semver/functions/satisfies, tsc default',
      `const satisfies_1 = __importDefault(require("semver/functions/satisfies")); function f(v) { return (0, satisfies_1.default)(v, '^2'); }`,
      ['semver.satisfies'],
    ],
    ['semver/ranges/valid.js, ESM default', `import validRange from 'semver/ranges/valid.js'; export const f = (r) => validRange(r);`, ['semver.validRange']],
    ['semver/classes/range', `const Range = require('semver/classes/range'); function f(r) { return new Range(r); }`, ['new semver.Range']],
    ['semver in TypeScript', `import { satisfies } from 'semver';\nexport function ok(v: string): boolean { return satisfies(v, '>=4 <6'); }`, ['semver.satisfies'], 'x.ts'],
  ];
  for (const [name, code, ops, fileName] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(metadataParse, code, fileName), ops));
  }

  const quiet: Array<[string, string]> = [
    ['JSON.parse of a request body', `function f(req) { return JSON.parse(req.body); }`],
    ['JSON.parse of a header', `function f(headers) { const raw = headers['x-meta']; return JSON.parse(raw); }`],
    ['JSON.parse of a string literal', `JSON.parse('{"a":1}');`],
    ['JSON.parse of a package.json read (version-lookup owns it)', `const fs = require('fs'); function v(d) { return JSON.parse(fs.readFileSync(d + '/package.json', 'utf8')).version; }`],
    [
      'JSON.parse of a package.json read via a variable',
      `const fs = require('fs'); const path = require('path'); function v(d) { const p = path.join(d, 'package.json'); const raw = fs.readFileSync(p, 'utf8'); return JSON.parse(raw); }`,
    ],
    ['shadowed JSON', `function f(JSON, p) { return JSON.parse(require('fs').readFileSync(p)); }`],
    ['parse on another object', `const fs = require('fs'); function f(parser, p) { return parser.parse(fs.readFileSync(p)); }`],
    ['reassigned variable', `const fs = require('fs'); function f(p, body) { let raw = fs.readFileSync(p); raw = body; return JSON.parse(raw); }`],
    ['callback of a non-fs function', `function f(db, cb) { db.readFile('k', (err, data) => cb(JSON.parse(data))); }`],
    ['semver version parsing (not a range)', `const semver = require('semver'); function f(v) { return semver.parse(v); }`],
    ['semver compare', `const semver = require('semver'); function f(a, b) { return semver.gt(a, b); }`],
    ['satisfies from another module', `const { satisfies } = require('./utils'); satisfies('1.0.0', '^1');`],
    ['new Range of another module', `const { Range } = require('./range'); new Range(1, 2);`],
    ['yaml stringify', `const yaml = require('js-yaml'); yaml.dump({});`],
    ['parse from url', `const url = require('url'); function f(u) { return url.parse(u); }`],
    ['querystring parse', `const qs = require('querystring'); function f(u) { return qs.parse(u); }`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(metadataParse, code), []));
  }

  it('points at the parse call', () => {
    const code = `const fs = require('fs');\nfunction f(p) {\n  const raw = fs.readFileSync(p, 'utf8');\n  return JSON.parse(raw);\n}`;
    assert.deepEqual(detect(metadataParse, code), [{ operation: 'JSON.parse', line: 4, column: 10 }]);
  });
});
