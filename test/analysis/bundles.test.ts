// Bundler output: esbuild/tsup CommonJS (`__export` getters, `__toCommonJS`, `__toESM`, `__reExport`)
// and minified one-line bundles with renamed helpers; findings there keep their line and column.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../src/scan/scan.js';
import { tempPackage } from '../helpers/temp-package.js';

const ESBUILD_RUNTIME = `var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __reExport = (target, mod, secondTarget) => (__copyProps(target, mod, "default"), secondTarget && __copyProps(secondTarget, mod, "default"));
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target, mod));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);
`;

describe('bundler output', () => {
  it('follows esbuild CommonJS exports (__export getters behind __toCommonJS, __reExport) into a bundle', async () => {
    const bundle = `${ESBUILD_RUNTIME}
// src/index.ts
var src_exports = {};
__export(src_exports, {
  packageVersion: () => packageVersion,
  hostAttributes: () => import_host.hostAttributes
});
module.exports = __toCommonJS(src_exports);
var import_fs = __toESM(require("fs"));
var import_host = require("./host");
__reExport(src_exports, require("./more"), module.exports);
function packageVersion(name) {
  return JSON.parse(import_fs.default.readFileSync(require.resolve(name + "/package.json"), "utf8")).version;
}
`;
    const dir = tempPackage({
      'index.js': `const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
const lib = require('./dist/bundle.js');
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function () { lib.packageVersion('x'); lib.hostAttributes(); lib.more(); return orig.apply(this, arguments); }); return m; }); }
}
module.exports = { I };
`,
      'dist/bundle.js': bundle,
      'dist/host.js': `const os = require('os');\nexports.hostAttributes = () => ({ host: os.hostname() });\n`,
      'dist/more.js': `exports.more = function more() { return process.env.MORE; };\n`,
    });
    const report = await scan([dir], { now: () => 0 });
    const perCall = report.findings.filter((f) => f.frequency === 'per-call').map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.hook?.target}`);
    // the bundle's manifest read (require.resolve and the read itself), the re-exported helpers of other files
    assert.deepEqual(perCall, ['version-lookup dist/bundle.js:34 x:run', 'version-lookup dist/bundle.js:34 x:run', 'os-query dist/host.js:2 x:run', 'env-read dist/more.js:1 x:run']);
  });

  it('follows calls into modules of a webpack bundle (module table, __webpack_require__, .d getters) and esbuild __commonJS wrappers', async () => {
    const webpack = `(() => {
var __webpack_modules__ = ({
"./src/version.js": ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {
__webpack_require__.r(__webpack_exports__);
__webpack_require__.d(__webpack_exports__, { readVersion: () => readVersion });
const fs = __webpack_require__("fs");
function readVersion() { return fs.statSync('/app').mtime; }
}),
"./src/host.js": ((module) => {
module.exports = { hostName: () => require('os').hostname() };
}),
"fs": ((module) => { module.exports = require("fs"); })
});
var __webpack_module_cache__ = {};
function __webpack_require__(moduleId) {
  var cached = __webpack_module_cache__[moduleId];
  if (cached !== undefined) return cached.exports;
  var module = __webpack_module_cache__[moduleId] = { exports: {} };
  __webpack_modules__[moduleId](module, module.exports, __webpack_require__);
  return module.exports;
}
var __webpack_exports__ = {};
const { InstrumentationBase, InstrumentationNodeModuleDefinition } = require('@opentelemetry/instrumentation');
const version = __webpack_require__("./src/version.js");
const host = __webpack_require__("./src/host.js");
const require_env = __commonJS({ "src/env.js"(exports, module) { exports.region = function region() { return process.env.AWS_REGION; }; } });
class I extends InstrumentationBase {
  init() { return new InstrumentationNodeModuleDefinition('x', ['*'], (m) => { this._wrap(m, 'run', (orig) => function () { version.readVersion(); host.hostName(); require_env().region(); return orig.apply(this, arguments); }); return m; }); }
}
module.exports = { I };
})();
`;
    const dir = tempPackage({ 'index.js': webpack });
    const report = await scan([dir], { now: () => 0 });
    const perCall = report.findings.filter((f) => f.frequency === 'per-call').map((f) => `${f.ruleId} ${f.line}`);
    assert.deepEqual(perCall, ['sync-fs 7', 'dynamic-require 10', 'os-query 10', 'env-read 26']);
  });

  it('reads a minified one-line bundle: renamed interop helpers, hooks and findings at line 1 with their columns', async () => {
    const min = `"use strict";var e=Object.create,t=Object.defineProperty,r=Object.getOwnPropertyNames,i=Object.getPrototypeOf,a=Object.prototype.hasOwnProperty,o=(e,i,o)=>{if(i&&typeof i=="object"||typeof i=="function")for(let n of r(i))!a.call(e,n)&&n!==o&&t(e,n,{get:()=>i[n],enumerable:!0});return e},s=(n,r)=>(r=n!=null?e(i(n)):{},o(t(r,"default",{value:n,enumerable:!0}),n));const c=require("@opentelemetry/instrumentation"),l=s(require("fs"),1);class u extends c.InstrumentationBase{init(){return new c.InstrumentationNodeModuleDefinition("pg",["*"],n=>(this._wrap(n.Client.prototype,"query",r=>function(...i){const m=l.default.existsSync("/etc/x");return r.apply(this,i)}),n))}}module.exports={PgInstrumentation:u};`;
    const dir = tempPackage({ 'index.js': min });
    const report = await scan([dir], { now: () => 0 });
    assert.deepEqual(
      report.packages[0]!.hooks.map((h) => `${h.kind} ${h.target} ${h.line}`),
      ['wrap pg:Client.prototype.query 1'],
    );
    const f = report.findings.find((x) => x.ruleId === 'sync-fs');
    assert.deepEqual(f && [f.frequency, f.line, f.column], ['per-call', 1, min.indexOf('l.default.existsSync') + 1]);
  });
});
