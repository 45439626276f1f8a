import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { syncFs } from '../sync-fs.js';
import { detect, operations } from '../../test/helpers/detect.js';

describe('sync-fs', () => {
  const flagged: Array<[string, string, string[]]> = [
    ['CommonJS member', `const fs = require('fs'); function f(p) { return fs.readFileSync(p); }`, ['fs.readFileSync']],
    ['node: prefix', `const fs = require('node:fs'); fs.existsSync('x');`, ['fs.existsSync']],
    ['tsc interop call', `const fs_1 = require("fs"); function f() { (0, fs_1.statSync)('x'); }`, ['fs.statSync']],
    ['tslib default interop', `const fs_1 = tslib_1.__importDefault(require("fs")); fs_1.default.lstatSync('x');`, ['fs.lstatSync']],
    ['destructured', `const { readdirSync: rd } = require('fs'); rd('.');`, ['fs.readdirSync']],
    ['ESM named', `import { accessSync } from 'node:fs'; accessSync('x');`, ['fs.accessSync']],
    ['ESM namespace', `import * as fs from 'fs'; fs.realpathSync('x');`, ['fs.realpathSync']],
    ['ESM default', `import fs from 'fs'; fs.openSync('x');`, ['fs.openSync']],
    ['alias of member', `const fs = require('fs'); const w = fs.writeFileSync; w('x', 'y');`, ['fs.writeFileSync']],
    ['graceful-fs', `const gfs = require('graceful-fs'); gfs.appendFileSync('x', 'y');`, ['fs.appendFileSync']],
    // only reads of a manifest belong to version-lookup: probing one is still a sync fs call
    ['existsSync of a package.json', `const fs = require('fs'); fs.existsSync('package.json');`, ['fs.existsSync']],
  ];
  for (const [name, code, ops] of flagged) {
    it(`flags ${name}`, () => assert.deepEqual(operations(syncFs, code), ops));
  }

  const quiet: Array<[string, string]> = [
    ['async fs', `const fs = require('fs'); fs.readFile('x', () => {});`],
    ['fs.promises', `const fs = require('fs'); fs.promises.readFile('x');`],
    ['unrelated object', `const db = require('./db'); db.readFileSync('x');`],
    ['shadowed fs', `const fs = require('fs'); function f(fs) { fs.readFileSync('x'); }`],
    ['local function of the same name', `function readFileSync() {} readFileSync('x');`],
    // a package.json read is a version lookup: version-lookup reports it, once
    ['read of a package.json', `const fs = require('fs'); function v(d) { return fs.readFileSync(d + '/package.json', 'utf8'); }`],
    ['read of a package.json via path.join', `const fs_1 = require("fs"); const path = require('path'); function v(d) { const p = path.join(d, 'package.json'); return (0, fs_1.readFileSync)(p); }`],
    ['fs-extra readJsonSync of a package.json', `const fse = require('fs-extra'); fse.readJsonSync('package.json');`],
  ];
  for (const [name, code] of quiet) {
    it(`does not flag ${name}`, () => assert.deepEqual(operations(syncFs, code), []));
  }

  it('points at the call expression', () => {
    const [hit] = detect(syncFs, `const fs = require('fs');\nfunction f() {\n  return  fs.readFileSync('x');\n}`);
    assert.deepEqual(hit, { operation: 'fs.readFileSync', line: 3, column: 11 });
  });
});
