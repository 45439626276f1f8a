// A hand-built Report covering what the renderers must handle: two roots, a per-call finding with a
// source-mapped location and a call path, an init finding, a suppressed per-call finding, a finding in
// a package that was not scanned (reached across packages), a per-call finding on the error path only
// (reported, not counted), a clean package and an error.
import type { Finding, Report } from '../../src/model/report.js';
import { findingCounts } from '../../src/model/summary.js';

const base = {
  estimatedCostNs: 15_000,
  original: null,
  hook: null,
  callPath: [],
} satisfies Partial<Finding>;

export const perCallSyncFs: Finding = {
  ...base,
  ruleId: 'sync-fs',
  severity: 'high',
  frequency: 'per-call',
  package: '@opentelemetry/instrumentation-a@1.0.0',
  root: 0,
  file: 'instrumentation-a/build/src/utils.js',
  line: 12,
  column: 17,
  original: { file: 'instrumentation-a/src/utils.ts', line: 10 },
  hook: { id: 'h1', kind: 'wrap', target: 'pg:Client.prototype.query' },
  callPath: [
    { function: 'patchedQuery', file: 'instrumentation-a/build/src/instrumentation.js', line: 40 },
    { function: 'getVersion', file: 'instrumentation-a/build/src/utils.js', line: 12, original: { file: 'instrumentation-a/src/utils.ts', line: 10 } },
  ],
  operation: 'fs.readFileSync',
  message: 'fs.readFileSync runs on every call',
};

export const initEnvRead: Finding = {
  ...base,
  ruleId: 'env-read',
  severity: 'low',
  frequency: 'init',
  package: '@opentelemetry/instrumentation-a@1.0.0',
  root: 0,
  file: 'instrumentation-a/build/src/instrumentation.js',
  line: 5,
  column: 3,
  operation: 'process.env',
  message: 'process.env runs at set-up',
  estimatedCostNs: 180,
};

export const suppressedPerCall: Finding = {
  ...perCallSyncFs,
  ruleId: 'os-query',
  severity: 'medium',
  line: 30,
  column: 9,
  operation: 'os.hostname',
  message: 'os.hostname runs on every call',
  suppressed: true,
};

export const tsSourceFinding: Finding = {
  ...base,
  ruleId: 'version-lookup',
  severity: 'medium',
  frequency: 'per-call',
  package: 'pkg-c@2.0.0',
  root: 1,
  file: 'c/src/index.ts',
  line: 7,
  column: 20,
  hook: { id: 'h9', kind: 'span-processor', target: 'CProcessor.onStart' },
  callPath: [{ function: 'CProcessor.onStart', file: 'c/src/index.ts', line: 7 }],
  operation: 'require(<pkg>/package.json)',
  message: 'package.json is required on every span',
  conditional: true,
};

export const crossPackage: Finding = {
  ...base,
  ruleId: 'stack-capture',
  severity: 'info',
  frequency: 'per-call',
  package: 'helper-dep@3.1.4',
  root: 0,
  file: 'helper-dep/index.js',
  line: 2,
  column: 1,
  hook: { id: 'h1', kind: 'wrap', target: 'pg:Client.prototype.query' },
  reachedFrom: '@opentelemetry/instrumentation-a@1.0.0',
  operation: 'new Error().stack',
  message: 'a stack is captured on every call',
};

/** Per call, but only when the call fails: reported, not counted as per call (isErrorPathOnly). */
export const errorPathOnly: Finding = {
  ...base,
  ruleId: 'stack-capture',
  severity: 'info',
  frequency: 'per-call',
  package: 'pkg-c@2.0.0',
  root: 1,
  file: 'c/src/index.ts',
  line: 12,
  column: 11,
  hook: { id: 'h9', kind: 'span-processor', target: 'CProcessor.onStart' },
  callPath: [{ function: 'CProcessor.onStart', file: 'c/src/index.ts', line: 12 }],
  operation: 'new Error',
  message: 'new Error runs on every call of span-processor CProcessor.onStart (error path only)',
  path: 'error',
};

export function sampleReport(): Report {
  const findings = [perCallSyncFs, suppressedPerCall, initEnvRead, tsSourceFinding, errorPathOnly, crossPackage];
  return {
    schemaVersion: 1,
    tool: { name: 'otel-audit', version: '0.0.0-test' },
    root: 'node_modules/@opentelemetry',
    roots: ['node_modules/@opentelemetry', 'packages'],
    costTable: 'built-in',
    packages: [
      {
        name: '@opentelemetry/instrumentation-a',
        version: '1.0.0',
        root: 0,
        dir: 'instrumentation-a',
        files: ['instrumentation-a/build/src/instrumentation.js', 'instrumentation-a/build/src/utils.js'],
        entry: 'entry-points',
        hooks: [
          {
            id: 'h1',
            kind: 'wrap',
            target: 'pg:Client.prototype.query',
            file: 'instrumentation-a/build/src/instrumentation.js',
            line: 38,
            resolved: true,
            hookFrequency: 'per-call',
            hookFrequencyReason: 'wraps query, not a set-up method',
          },
        ],
      },
      {
        name: '@opentelemetry/instrumentation-b',
        version: '1.2.0',
        root: 0,
        dir: 'instrumentation-b',
        files: ['instrumentation-b/index.js'],
        entry: 'all-files',
        copies: ['instrumentation-a/node_modules/@opentelemetry/instrumentation-b'],
        hooks: [],
      },
      {
        name: 'pkg-c',
        version: '2.0.0',
        root: 1,
        dir: 'c',
        files: ['c/src/index.ts'],
        entry: 'ts-sources',
        hooks: [
          {
            id: 'h9',
            kind: 'span-processor',
            target: 'CProcessor.onStart',
            file: 'c/src/index.ts',
            line: 3,
            resolved: true,
            hookFrequency: 'per-call',
            hookFrequencyReason: 'the SDK calls it per span or record',
          },
        ],
      },
    ],
    dependencyFiles: ['helper-dep/index.js'],
    findings,
    errors: [{ package: 'broken@?', file: 'broken/package.json', message: 'Unexpected token } in JSON', kind: 'package-json' }],
    summary: {
      packages: 3,
      files: 4,
      parsedFiles: 5,
      bytes: 1234,
      hooks: 2,
      ...findingCounts(findings),
      errors: 1,
      durationMs: 1530,
    },
  };
}
