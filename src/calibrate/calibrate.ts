// `otel-audit calibrate`: re-takes the DESIGN.md cost table on this machine with benny, one suite per
// operation, and maps the figures to audit ids. The built-in figures come from another machine; a
// finding's "~15 µs per call" is only worth acting on when it was measured where the code runs.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { add, suite } from 'benny';
import { costTableFile, type CalibratedTable, type OperationCost } from './cost-table.js';
import { TOOL_VERSION } from '../util/version.js';

/** The operation each audit's figure is taken from: the form the built-in figure describes. */
export const AUDIT_OPERATIONS: Readonly<Record<string, string>> = {
  'version-lookup': 'read-package-json',
  // a small read, as the built-in figure; stat/exists probes are listed per operation
  'sync-fs': 'fs-read-file-sync',
  // a file's text parsed again; semver ranges (when semver is installed) are listed per operation
  'metadata-parse': 'json-parse',
  'stack-capture': 'new-error-stack',
  'env-read': 'env-read',
  'dynamic-require': 'require-dynamic-hit',
  'child-process': 'exec-sync',
  // the usual per-call form (host attributes); os.cpus() and process.cwd() are listed per operation
  'os-query': 'os-hostname',
  // the case the rule exists for: a pattern embedding per-call data is compiled every call
  'regex-compile': 'regexp-fresh',
};

export const DEFAULT_TIME_MS = 500;

/** A throwaway package tree shaped like an installed instrumentation, so module resolution walks as far as it does in an app. */
interface Fixture {
  /** a realistic package.json of about 1.5 kB */
  manifest: string;
  /** `require` of a file deep inside node_modules/@scope/instrumentation/build/src */
  require: NodeJS.Require;
  /** loads a package from otel-audit's install or the current folder; a string says why it could not */
  load(name: string): unknown;
}

interface Operation {
  id: string;
  label: string;
  /** each call takes a millisecond or more: few samples */
  slow?: boolean;
  /** the function to measure, or the reason it cannot be measured here */
  prepare(fx: Fixture): (() => void) | string;
}

// Results go here so that V8 cannot drop the measured work as dead code.
let sink: unknown;
let counter = 0;

interface SdkTraceBase {
  BasicTracerProvider: new () => { getTracer(name: string): { startSpan(name: string): { end(): void } } };
}
interface Semver {
  satisfies(version: string, range: string): boolean;
}

const OPERATIONS: readonly Operation[] = [
  {
    id: 'bare-span',
    label: "tracer.startSpan('s').end() (BasicTracerProvider)",
    prepare(fx) {
      const sdk = fx.load('@opentelemetry/sdk-trace-base');
      if (typeof sdk === 'string') return sdk;
      const tracer = new (sdk as SdkTraceBase).BasicTracerProvider().getTracer('otel-audit-calibrate');
      return () => tracer.startSpan('s').end();
    },
  },
  { id: 'read-package-json', label: 'JSON.parse(fs.readFileSync(<package.json>))', prepare: (fx) => () => void (sink = JSON.parse(readFileSync(fx.manifest, 'utf8'))) },
  {
    id: 'json-parse',
    label: 'JSON.parse(<package.json text>)',
    prepare(fx) {
      const text = readFileSync(fx.manifest, 'utf8');
      return () => void (sink = JSON.parse(text));
    },
  },
  { id: 'fs-read-file-sync', label: 'fs.readFileSync(<small file>)', prepare: (fx) => () => void (sink = readFileSync(fx.manifest, 'utf8')) },
  { id: 'fs-stat-sync', label: 'fs.statSync(<file>)', prepare: (fx) => () => void (sink = statSync(fx.manifest)) },
  { id: 'fs-exists-sync', label: 'fs.existsSync(<file>)', prepare: (fx) => () => void (sink = existsSync(fx.manifest)) },
  { id: 'new-error-stack', label: 'new Error().stack', prepare: () => () => void (sink = new Error('calibrate').stack) },
  {
    id: 'require-missing-manifest',
    label: "require('<missing>/package.json') in try/catch",
    prepare: (fx) => () => {
      try {
        sink = fx.require('otel-audit-calibrate-missing/package.json');
      } catch (err) {
        sink = err;
      }
    },
  },
  { id: 'require-present-manifest', label: "require('<present>/package.json') (module cache hit)", prepare: (fx) => () => void (sink = fx.require('otel-audit-calibrate-present/package.json')) },
  { id: 'require-resolve', label: "require.resolve('<present>')", prepare: (fx) => () => void (sink = fx.require.resolve('otel-audit-calibrate-present')) },
  {
    id: 'require-dynamic-hit',
    label: 'require(<variable>) (module cache hit)',
    prepare(fx) {
      const name = ['otel-audit-calibrate', 'present'].join('-');
      return () => void (sink = fx.require(name));
    },
  },
  { id: 'env-read', label: 'process.env.X read', prepare: () => () => void (sink = process.env.NODE_ENV) },
  { id: 'env-copy', label: 'Object.entries(process.env)', prepare: () => () => void (sink = Object.entries(process.env)) },
  {
    id: 'exec-sync',
    label: "child_process.execSync('true')",
    slow: true,
    prepare: () => {
      const command = process.platform === 'win32' ? 'exit 0' : 'true';
      return () => void (sink = execSync(command, { stdio: 'ignore' }));
    },
  },
  { id: 'os-hostname', label: 'os.hostname()', prepare: () => () => void (sink = os.hostname()) },
  { id: 'os-cpus', label: 'os.cpus()', prepare: () => () => void (sink = os.cpus()) },
  { id: 'process-cwd', label: 'process.cwd()', prepare: () => () => void (sink = process.cwd()) },
  {
    id: 'regexp-same',
    label: 'new RegExp(<runtime string, same every call>).test(s)',
    prepare() {
      const source = ['^/api/', 'v[0-9]+', '/users/([^/]+)(/.*)?$'].join('');
      return () => void (sink = new RegExp(source, 'i').test('/api/v1/users/42/orders'));
    },
  },
  {
    id: 'regexp-fresh',
    label: 'new RegExp(<runtime string with per-call data>).test(s)',
    prepare: () => () => void (sink = new RegExp(`^/api/v1/users/${counter++}(/.*)?$`, 'i').test('/api/v1/users/42/orders')),
  },
  {
    id: 'semver-range',
    label: "semver.satisfies(v, '<range>')",
    prepare(fx) {
      const semver = fx.load('semver');
      if (typeof semver === 'string') return semver;
      return () => void (sink = (semver as Semver).satisfies('1.8.3', '>=1.2.0 <2.0.0 || ^3.0.0'));
    },
  },
];

export interface CalibrateOptions {
  /** benny's time budget per operation, ms (execSync gets at most 250) */
  timeMs?: number;
  onProgress?: (done: number, total: number, label: string) => void;
  now?: () => Date;
}

export function machineFacts(): CalibratedTable['machine'] {
  const cpus = os.cpus();
  const cpu = (cpus[0]?.model ?? 'unknown cpu').replace(/\s+/g, ' ').trim();
  return { node: process.version, cpu, cpus: cpus.length, platform: process.platform, arch: process.arch };
}

/** Measures every operation and returns the table; writes nothing (see writeCostTable). */
export async function calibrate(options: CalibrateOptions = {}): Promise<CalibratedTable> {
  const timeMs = options.timeMs ?? DEFAULT_TIME_MS;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-calibrate-'));
  const operations: OperationCost[] = [];
  const skipped: CalibratedTable['skipped'] = [];
  try {
    const fx = makeFixture(dir);
    for (const [i, op] of OPERATIONS.entries()) {
      options.onProgress?.(i, OPERATIONS.length, op.label);
      const fn = op.prepare(fx);
      const result = typeof fn === 'string' ? fn : await measure(op.id, fn, timeMs, op.slow === true);
      if (typeof result === 'string') skipped.push({ id: op.id, label: op.label, reason: result });
      else operations.push({ id: op.id, label: op.label, ...result });
    }
    options.onProgress?.(OPERATIONS.length, OPERATIONS.length, 'done');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const byId = new Map(operations.map((o) => [o.id, o]));
  const audits: CalibratedTable['audits'] = {};
  for (const [auditId, opId] of Object.entries(AUDIT_OPERATIONS)) {
    const op = byId.get(opId);
    if (op) audits[auditId] = { ns: op.ns, operation: op.label };
  }
  return {
    schemaVersion: 1,
    tool: { name: 'otel-audit', version: TOOL_VERSION },
    date: (options.now?.() ?? new Date()).toISOString(),
    machine: machineFacts(),
    timeMs,
    reference: { bareSpanNs: byId.get('bare-span')?.ns ?? null },
    audits,
    operations,
    skipped,
  };
}

/** Writes the table where `costTable()` reads it; atomically, so a scan never reads half a file. */
export function writeCostTable(table: CalibratedTable, file: string = costTableFile()): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(table, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}

async function measure(name: string, fn: () => void, timeMs: number, slow: boolean): Promise<Omit<OperationCost, 'id' | 'label'> | string> {
  // one call outside benny: a throw becomes a skip reason (benchmark.js would only report 0 ops/s),
  // and the first-call costs (module load, cache fill) stay out of the figures
  try {
    fn();
  } catch (err) {
    return `failed: ${(err as Error).message}`;
  }
  const maxTime = (slow ? Math.min(timeMs, 250) : timeMs) / 1000;
  const options = { maxTime, minSamples: slow ? 2 : 5, minTime: Math.max(maxTime / 10, 0.001), initCount: 1, delay: 0 };
  // benny announces every suite with console.log; calibrate's stdout belongs to the report (--format json)
  const log = console.log;
  console.log = () => {};
  try {
    const summary = await suite(name, add(name, fn, options));
    const r = summary.results[0];
    if (!r || !r.completed || !(r.details.mean > 0)) return 'failed: benny took no samples';
    return { ns: round(r.details.mean * 1e9), marginPct: r.margin, samples: r.samples };
  } finally {
    console.log = log;
  }
}

const round = (ns: number): number => (ns >= 100 ? Math.round(ns) : Math.round(ns * 10) / 10);

function makeFixture(dir: string): Fixture {
  const app = path.join(dir, 'app');
  const present = path.join(app, 'node_modules', 'otel-audit-calibrate-present');
  const instr = path.join(app, 'node_modules', '@otel-audit-calibrate', 'instrumentation-fixture');
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const manifest = path.join(instr, 'package.json');
  write(manifest, JSON.stringify(fixtureManifest(), null, 2));
  write(path.join(instr, 'build', 'src', 'instrumentation.js'), "'use strict';\n");
  write(path.join(present, 'package.json'), JSON.stringify({ name: 'otel-audit-calibrate-present', version: '1.2.3', main: 'index.js' }));
  write(path.join(present, 'index.js'), "'use strict';\nmodule.exports = { version: '1.2.3' };\n");
  const tool = createRequire(import.meta.url);
  const here = createRequire(path.join(process.cwd(), 'otel-audit-calibrate.js'));
  return {
    manifest,
    require: createRequire(path.join(instr, 'build', 'src', 'instrumentation.js')),
    load(name) {
      for (const req of [tool, here]) {
        try {
          return req(name) as unknown;
        } catch {
          // try the next place
        }
      }
      return `${name} is not resolvable from otel-audit or the current folder`;
    },
  };
}

function fixtureManifest(): Record<string, unknown> {
  const deps = (names: string[], v: string): Record<string, string> => Object.fromEntries(names.map((n) => [n, v]));
  return {
    name: '@otel-audit-calibrate/instrumentation-fixture',
    version: '0.52.0',
    description: 'A package.json the size of an instrumentation manifest, for calibration',
    main: 'build/src/index.js',
    types: 'build/src/index.d.ts',
    repository: 'open-telemetry/opentelemetry-js-contrib',
    scripts: { compile: 'tsc -p .', lint: 'eslint . --ext=ts,js', test: 'nyc mocha test/**/*.test.ts', prepublishOnly: 'npm run compile' },
    keywords: ['opentelemetry', 'instrumentation', 'nodejs', 'tracing', 'profiling', 'plugin'],
    author: 'OpenTelemetry Authors',
    license: 'Apache-2.0',
    engines: { node: '^18.19.0 || >=20.6.0' },
    files: ['build/src/**/*.js', 'build/src/**/*.js.map', 'build/src/**/*.d.ts'],
    publishConfig: { access: 'public' },
    peerDependencies: { '@opentelemetry/api': '^1.3.0' },
    dependencies: deps(['@opentelemetry/core', '@opentelemetry/instrumentation', '@opentelemetry/semantic-conventions'], '^0.52.0'),
    devDependencies: deps(['@opentelemetry/api', '@opentelemetry/context-async-hooks', '@opentelemetry/sdk-trace-base', '@types/mocha', '@types/node', 'mocha', 'nyc', 'typescript'], '^1.0.0'),
    homepage: 'https://github.com/open-telemetry/opentelemetry-js-contrib#readme',
  };
}
