import { readFileSync } from 'node:fs';
import { defineAuditMeta } from '../src/analysis/audit-meta.js';

// A version lookup is module resolution or a manifest read. At run time the resolver is counted where
// every require and require.resolve goes (Module._resolveFilename), and a manifest read as its read and
// its parse.

export const versionLookupMeta = defineAuditMeta({
  id: 'version-lookup',
  title: 'Package version or manifest lookup',
  defaultSeverity: 'high',
  rationale:
    'Resolving a module or reading a package.json walks node_modules with file-system calls and parses JSON; when the package is missing, require() throws after a full walk, every time (Node caches only successes). Done per request this is the classic instrumentation slowdown.',
  fix: 'Look the version up once — at module top level, in the constructor or in init()/patch (the patch callback receives moduleVersion) — and keep the result; cache misses too.',
  estimatedCostNs: 15_000,
  counters: {
    count: [
      { kind: 'resolve' },
      { kind: 'require' },
      { kind: 'exports', module: 'module', names: ['createRequire'] },
      { kind: 'exports', module: 'fs', names: ['readFileSync'] },
      { kind: 'global-function', global: 'JSON', name: 'parse' },
    ],
    confirm: {
      'require(package.json)': ['require'],
      'import(package.json)': { none: 'import() goes through no function the process can wrap (it would take a module loader hook)' },
      'require.resolve': ['require.resolve', 'Module._resolveFilename'],
      createRequire: ['module.createRequire'],
      // called directly the resolver counts under its own name; reached from a require, as that require
      'Module._resolveFilename': ['Module._resolveFilename', 'require.resolve', 'require'],
      'Module._findPath': ['Module._resolveFilename', 'require.resolve', 'require'],
      // async reads are not counted: the sync read, or the parse every form ends in, confirms it
      'read package.json': ['fs.readFileSync', 'JSON.parse'],
    },
  },
  calibration: {
    operation: { id: 'read-package-json', label: 'JSON.parse(fs.readFileSync(<package.json>))', prepare: (fx) => (): unknown => JSON.parse(readFileSync(fx.manifest, 'utf8')) },
    also: [
      {
        id: 'require-missing-manifest',
        label: "require('<missing>/package.json') in try/catch",
        prepare: (fx) => (): unknown => {
          try {
            return fx.require('otel-audit-calibrate-missing/package.json');
          } catch (err) {
            return err;
          }
        },
      },
      { id: 'require-present-manifest', label: "require('<present>/package.json') (module cache hit)", prepare: (fx) => (): unknown => fx.require('otel-audit-calibrate-present/package.json') },
      { id: 'require-resolve', label: "require.resolve('<present>')", prepare: (fx) => () => fx.require.resolve('otel-audit-calibrate-present') },
    ],
  },
});
