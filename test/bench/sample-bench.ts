// A hand-built bench report for the renderer and join tests: measured hooks (one with per-call
// operations and their sites, one without spans), a failed case and a package with nothing to measure.
import type { Benchmark, Report } from '../../src/model/report.js';
import { sampleReport } from '../report/sample-report.js';

const empty = { spansPerCall: null, baselineNsPerCall: null, instrumentedNsPerCall: null, unsampledNsPerCall: null, overheadNsPerSpan: null, marginPct: null, samples: null, opsPerCall: {} };

export const readPerCall: Benchmark = {
  package: '@opentelemetry/instrumentation-a@1.0.0',
  hook: { id: 'wrap:pg:Client.prototype.query', kind: 'wrap', target: 'pg:Client.prototype.query' },
  status: 'measured',
  reason: null,
  spansPerCall: 1,
  baselineNsPerCall: 40,
  instrumentedNsPerCall: 18_040,
  unsampledNsPerCall: 15_100,
  overheadNsPerSpan: 18_000,
  marginPct: 3.2,
  samples: 12,
  opsPerCall: { 'JSON.parse': 1, 'fs.readFileSync': 1 },
  opSites: { 'fs.readFileSync': { file: 'instrumentation-a/build/src/utils.js', line: 12 }, 'JSON.parse': { file: 'instrumentation-a/build/src/utils.js', line: 12 } },
  bareSpanNs: 1_500,
  callStyle: 'sync',
  patched: { module: 'pg@8.0.3', mock: 'auto' },
};

export const noSpan: Benchmark = {
  ...readPerCall,
  hook: { id: 'wrap:pg:Client.prototype.end', kind: 'wrap', target: 'pg:Client.prototype.end' },
  reason: 'no span started per call: overheadNsPerSpan is the overhead per call',
  spansPerCall: 0,
  instrumentedNsPerCall: 140,
  unsampledNsPerCall: 130,
  overheadNsPerSpan: 100,
  opsPerCall: {},
  opSites: {},
};

export const failedCase: Benchmark = {
  ...empty,
  package: '@opentelemetry/instrumentation-a@1.0.0',
  hook: { id: 'wrap:pg:Client.prototype.spin', kind: 'wrap', target: 'pg:Client.prototype.spin' },
  status: 'failed',
  reason: 'timed out after 20.0 s',
};

export const skippedPackage: Benchmark = {
  ...empty,
  package: 'pkg-b@1.0.0',
  hook: null,
  status: 'skipped',
  reason: 'no per-call hooks to measure: no instrumentation class or SDK component is exported',
};

export function sampleBenchReport(withScan = false): Report {
  const benchmarks = [skippedPackage, failedCase, noSpan, readPerCall].sort((a, b) => a.package.localeCompare(b.package));
  return {
    ...sampleReport(),
    ...(withScan ? {} : { findings: [], errors: [] }),
    reference: { bareSpanNs: 1_500 },
    benchmarks,
    benchSummary: { cases: 4, measured: 2, skipped: 1, failed: 1, measuredPct: 66.7, timeMs: 250, concurrency: 2, durationMs: 12_345, withScan },
  };
}
