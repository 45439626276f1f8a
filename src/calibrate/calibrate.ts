// `otel-audit calibrate`: re-takes the DESIGN.md cost table on this machine with benny, one suite per
// operation, and maps the figures to audit ids. The built-in figures come from another machine; a
// finding's "~15 µs per call" is only worth acting on when it was measured where the code runs.
// The operations are the rules' own (each audits/<id>.meta.ts declares what its figure is taken
// from), so a new rule brings its calibration with it; this file times them.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { add, suite } from 'benny';
import { audits } from '../../audits/index.js';
import { isNotPossible, type CalibrationFixture, type CalibrationOperation } from '../analysis/audit-meta.js';
import { costTableFile, type CalibratedTable, type OperationCost } from './cost-table.js';
import { TOOL_VERSION } from '../util/version.js';

export const DEFAULT_TIME_MS = 500;

// The result of each timed call goes here, so that V8 cannot drop the measured work as dead code.
export let sink: unknown;

interface SdkTraceBase {
  BasicTracerProvider: new () => { getTracer(name: string): { startSpan(name: string): { end(): void } } };
}

/** Not a rule's: the reference every figure is read against (a bare span's cost). */
const BARE_SPAN: CalibrationOperation = {
  id: 'bare-span',
  label: "tracer.startSpan('s').end() (BasicTracerProvider)",
  prepare(fx) {
    const sdk = fx.load('@opentelemetry/sdk-trace-base');
    if (typeof sdk === 'string') return sdk;
    const tracer = new (sdk as SdkTraceBase).BasicTracerProvider().getTracer('otel-audit-calibrate');
    return () => tracer.startSpan('s').end();
  },
};

/** What calibrate times, from the registry: the bare span, then each rule's operation and the other forms it lists. */
export function calibrationOperations(): CalibrationOperation[] {
  const ops = [BARE_SPAN];
  for (const a of audits) if (!isNotPossible(a.calibration)) ops.push(a.calibration.operation, ...(a.calibration.also ?? []));
  return ops;
}

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
    const ops = calibrationOperations();
    for (const [i, op] of ops.entries()) {
      options.onProgress?.(i, ops.length, op.label);
      const fn = op.prepare(fx);
      const result = typeof fn === 'string' ? fn : await measure(op.id, () => void (sink = fn()), timeMs, op.slow === true);
      if (typeof result === 'string') skipped.push({ id: op.id, label: op.label, reason: result });
      else operations.push({ id: op.id, label: op.label, ...result });
    }
    options.onProgress?.(ops.length, ops.length, 'done');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const byId = new Map(operations.map((o) => [o.id, o]));
  const audited: CalibratedTable['audits'] = {};
  for (const a of audits) {
    const op = isNotPossible(a.calibration) ? undefined : byId.get(a.calibration.operation.id);
    if (op) audited[a.id] = { ns: op.ns, operation: op.label };
  }
  return {
    schemaVersion: 1,
    tool: { name: 'otel-audit', version: TOOL_VERSION },
    date: (options.now?.() ?? new Date()).toISOString(),
    machine: machineFacts(),
    timeMs,
    reference: { bareSpanNs: byId.get('bare-span')?.ns ?? null },
    audits: audited,
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

function makeFixture(dir: string): CalibrationFixture {
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
