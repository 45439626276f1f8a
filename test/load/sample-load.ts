// A load report made by hand (no run): three variants, a package attribution, counted operations and a
// scanned finding, for the renderer and join tests. The figures are invented, the shape is the model's.
import type { Profiler } from 'node:inspector';
import { emptyReport } from '../../src/model/empty-report.js';
import type { LoadRound, LoadSection, LoadVariant, Report } from '../../src/model/report.js';
import { comparisons } from '../../src/load/analyse-run.js';
import { roundStat } from '../../src/load/stats.js';

export const SLOW_PACKAGE = '@demo/instrumentation-slow';
export const SLOW_FILE = 'node_modules/@demo/instrumentation-slow/index.js';
export const SLOW_LINE = 30;

function rounds(rps: number[], cpu: number[]): LoadRound[] {
  return rps.map((r, i) => ({ round: i, requests: r, failed: 0, durationMs: 1000, requestsPerSecond: r, latencyMs: { p50: 1000 / r, p90: 2000 / r, p99: 4000 / r }, cpuUsPerRequest: cpu[i]! }));
}

function variant(id: LoadVariant['id'], rps: number[], cpu: number[], extra: Partial<LoadVariant>): LoadVariant {
  const rs = rounds(rps, cpu);
  return {
    id,
    label: id === 'without' ? 'without instrumentation' : id,
    instrumentation: id === 'without' ? { kind: 'none' } : { kind: 'sdk', packages: [id === 'with' ? '@demo/instrumentation-memo' : SLOW_PACKAGE] },
    listening: { address: '127.0.0.1', port: 40000 },
    rounds: rs,
    requestsPerSecond: roundStat(rps),
    latencyMs: { p50: roundStat(rs.map((r) => r.latencyMs.p50)), p90: roundStat(rs.map((r) => r.latencyMs.p90)), p99: roundStat(rs.map((r) => r.latencyMs.p99)) },
    cpuUsPerRequest: roundStat(cpu),
    requests: rps.reduce((a, b) => a + b, 0),
    failed: 0,
    errorRatePct: 0,
    spansPerRequest: id === 'without' ? null : 1,
    attribution: null,
    ops: null,
    packages: [],
    ...extra,
  };
}

const attribution = (packages: Array<[string, number]>): LoadVariant['attribution'] => ({
  requests: 3000,
  samples: 900,
  samplingIntervalUs: 1000,
  packages: packages.map(([name, us]) => ({ package: name, selfUsPerRequest: us, totalUsPerRequest: us, selfPct: us })),
});

export function sampleLoadSection(): LoadSection {
  const variants = [
    variant('without', [1000, 1010, 990], [300, 305, 298], {
      attribution: attribution([
        ['(app)', 250],
        ['express', 40],
      ]),
      ops: { requests: 200, sites: [{ op: 'JSON.parse', package: 'openai@5.0.0', file: 'node_modules/openai/core.js', line: 10, perRequest: 1 }] },
      packages: ['express@5.0.0', 'openai@5.0.0'],
    }),
    variant('with', [950, 960, 940], [330, 332, 329], {
      attribution: attribution([
        ['(app)', 250],
        ['express', 40],
        ['@opentelemetry/sdk-trace', 20],
        ['@demo/instrumentation-memo', 5],
      ]),
      ops: { requests: 200, sites: [{ op: 'JSON.parse', package: 'openai@5.0.0', file: 'node_modules/openai/core.js', line: 10, perRequest: 1 }] },
      packages: ['@demo/instrumentation-memo@1.0.0', 'express@5.0.0', 'openai@5.0.0'],
    }),
    variant('against', [800, 810, 790], [380, 384, 377], {
      attribution: attribution([
        ['(app)', 250],
        ['express', 40],
        [SLOW_PACKAGE, 45],
        ['@opentelemetry/sdk-trace', 20],
      ]),
      ops: {
        requests: 200,
        sites: [
          { op: 'JSON.parse', package: 'openai@5.0.0', file: 'node_modules/openai/core.js', line: 10, perRequest: 1 },
          { op: 'JSON.parse', package: `${SLOW_PACKAGE}@1.0.0`, file: SLOW_FILE, line: SLOW_LINE, perRequest: 1 },
          { op: 'fs.readFileSync', package: `${SLOW_PACKAGE}@1.0.0`, file: SLOW_FILE, line: SLOW_LINE, perRequest: 1 },
        ],
      },
      packages: [`${SLOW_PACKAGE}@1.0.0`, 'express@5.0.0', 'openai@5.0.0'],
    }),
  ];
  return {
    app: { entry: 'app.js', demo: null, path: '/chat', host: '127.0.0.1', portEnv: 'PORT' },
    settings: { connections: 10, durationS: 3, rounds: 3, warmupS: 1, maxRequestsPerRound: 200000, countRequests: 200, samplingIntervalUs: 1000, maxErrorRatePct: 1, budgetPct: null },
    variants,
    comparisons: comparisons(variants),
    failures: [],
    sandbox: { enabled: true, environment: 'allow-list', permissionModel: false, network: true, pidNamespace: true, limits: ['the inspector is disabled by the permission model'] },
    durationMs: 12000,
  };
}

export function sampleLoadReport(): Report {
  return { ...emptyReport('app.js', []), load: sampleLoadSection() };
}

/** A tiny CPU profile: the root, idle time, and a request handler calling into a package. */
export function sampleProfile(): Profiler.Profile {
  const frame = (functionName: string, url: string, lineNumber = 0): Profiler.ProfileNode['callFrame'] => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 3] },
      { id: 2, callFrame: frame('(idle)', ''), children: [] },
      { id: 3, callFrame: frame('handler', 'file:///app/app.js', 4), children: [4] },
      { id: 4, callFrame: frame('lookup', `file:///app/${SLOW_FILE}`, SLOW_LINE - 1), children: [] },
    ],
    startTime: 0,
    endTime: 4000,
    samples: [2, 3, 4, 4],
    timeDeltas: [1000, 1000, 1000, 1000],
  };
}
