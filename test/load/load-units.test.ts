// The parts of `otel-audit load` that need no running app: figures over rounds, the profile's split by
// package, comparisons and the checks that fail a run, the loopback guard, the children's environment,
// preload flags, instrumentation discovery, and the join of counted operations to scan findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { compareVariants, failures } from '../../src/load/analyse-run.js';
import { ASYNC_HOOKS_BUCKET, attributeProfile, NODE_BUCKET } from '../../src/load/attribute-profile.js';
import { parseEnvOptions, sandboxedChildEnv } from '../../src/load/child-env.js';
import { assertLoopback, percentile } from '../../src/load/driver.js';
import { joinLoad } from '../../src/load/join-load.js';
import { LoadInputError } from '../../src/load/load-errors.js';
import { resolvePreload } from '../../src/load/preload-module.js';
import { instrumentationDependencies } from '../../src/load/resolve-target.js';
import { beyondNoise, difference, ratioDifference, roundOrder, roundStat, walshAverages, walshIntervalRank } from '../../src/load/stats.js';
import type { Finding } from '../../src/model/report.js';
import { sampleLoadReport, sampleLoadSection, SLOW_FILE, SLOW_LINE, SLOW_PACKAGE } from './sample-load.js';

const frame = (functionName: string, url: string): Profiler.ProfileNode['callFrame'] => ({ functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '0' });

describe('figures over rounds', () => {
  it('takes the median, the range and the spread', () => {
    assert.deepEqual(roundStat([110, 90, 100]), { median: 100, min: 90, max: 110, spreadPct: 20 });
    assert.deepEqual(roundStat([]), { median: 0, min: 0, max: 0, spreadPct: 0 });
  });

  it('pairs differences round by round', () => {
    assert.deepEqual(ratioDifference([90, 99], [100, 110]), { estimate: -10, median: -10, min: -10, max: -10, low: -10, high: -10 });
  });

  it('takes a ratio on the log scale: variants that swap a factor of two are no change, not +25%', () => {
    assert.equal(ratioDifference([200, 50], [100, 100]).estimate, 0);
    assert.deepEqual([ratioDifference([200, 50], [100, 100]).min, ratioDifference([200, 50], [100, 100]).max], [-50, 100]);
    assert.deepEqual(difference([-10, -12, -8]), { estimate: -10, median: -10, min: -12, max: -8, low: -12, high: -8 });
  });

  it('estimates a difference by Hodges–Lehmann: the median of the Walsh averages', () => {
    assert.deepEqual(walshAverages([1, 3, 8]), [1, 2, 3, 4.5, 5.5, 8]);
    // the median of the rounds is 3; the averages lean towards the round that went far (8)
    assert.deepEqual([difference([1, 3, 8]).estimate, difference([1, 3, 8]).median], [3.75, 3]);
  });

  it("bounds it by the signed-rank statistic's exact 95% ranks: the range below 6 rounds, the published critical values from there", () => {
    // two-sided 5% critical values of Wilcoxon's T (n = 6, 7, 8, 10, 20, 30: 0, 2, 3, 8, 52, 137), plus one
    assert.deepEqual([5, 6, 7, 8, 10, 20, 30].map(walshIntervalRank), [1, 1, 3, 4, 9, 53, 138]);
    const d = difference([-9, -8, -7, -6, -5, -4, -3, -2, -1, 30]);
    // 55 averages, the 9th from each end
    const w = walshAverages([-9, -8, -7, -6, -5, -4, -3, -2, -1, 30]);
    assert.deepEqual([d.min, d.low, d.high, d.max], [-9, w[8], w[46], 30]);
  });

  it('calls a difference beyond noise when its interval excludes 0', () => {
    assert.equal(beyondNoise(difference([-10, -12, -8])), true);
    assert.equal(beyondNoise(difference([-10, -12, 1])), false, 'one round of three went the other way');
    assert.equal(beyondNoise(difference([-9, -8, -7, -6, -5, -4, -3, -2, -1, -7, -3, 30])), true, 'one outlier of twelve does not hide a difference');
    assert.equal(beyondNoise(difference([-3, 2, -1, 4, -2, 1, -4, 3, 0.5, -0.5])), false, 'differences either way, as likely up as down');
  });

  it('rotates the order of the variants, reversed every other round: each runs before each other as often as after', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((r) => roundOrder(3, r)),
      [
        [0, 1, 2],
        [2, 1, 0],
        [1, 2, 0],
        [0, 2, 1],
        [2, 0, 1],
        [1, 0, 2],
      ],
    );
    for (const n of [2, 3, 4]) {
      for (let a = 0; a < n; a++)
        for (let b = a + 1; b < n; b++) {
          const before = [0, 1].filter((r) => roundOrder(n, r).indexOf(a) < roundOrder(n, r).indexOf(b)).length;
          assert.equal(before, 1, `${n} variants: ${a} before ${b} in one round of each two`);
        }
    }
  });

  it('takes nearest-rank percentiles', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual([percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99)], [5, 9, 10]);
    assert.equal(percentile(new Float64Array(0), 50), 0);
  });
});

describe('profile attribution', () => {
  // root → (idle); root → (program); root → (garbage collector); root → node:internal → app handler →
  // instrumentation → native → node:fs; root → node:internal → async hooks emitter
  const profile: Profiler.Profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 3, 4, 5] },
      { id: 2, callFrame: frame('(idle)', ''), children: [] },
      { id: 3, callFrame: frame('(program)', ''), children: [] },
      { id: 4, callFrame: frame('(garbage collector)', ''), children: [] },
      { id: 5, callFrame: frame('processTicksAndRejections', 'node:internal/process/task_queues'), children: [6, 10, 11] },
      { id: 6, callFrame: frame('handler', 'file:///srv/app/index.js'), children: [7] },
      { id: 7, callFrame: frame('lookup', 'file:///srv/app/node_modules/@acme/instrumentation-x/index.js'), children: [8] },
      { id: 8, callFrame: frame('parse', ''), children: [9] },
      { id: 9, callFrame: frame('readFileSync', 'node:fs'), children: [] },
      { id: 10, callFrame: frame('emitInitScript', 'node:internal/async_hooks'), children: [] },
      { id: 11, callFrame: frame('fetch', 'node:internal/deps/undici/undici'), children: [] },
    ],
    startTime: 0,
    endTime: 11_000,
    // 10 samples of 1 ms: 2 idle, 1 program, 1 gc, 1 node, 1 app, 1 instrumentation, 1 native under it, 1 fs under it, 1 async hooks, 1 bundled undici
    samples: [2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  };
  const packageOf = (url: string): string | null => (url.includes('node_modules/@acme/instrumentation-x') ? '@acme/instrumentation-x' : url.startsWith('file:///srv/app/') ? '(app)' : null);
  const a = attributeProfile(profile, 2, packageOf);
  const byName = new Map(a.packages.map((p) => [p.package, p]));

  it('leaves idle samples out and weighs the rest by the sampling interval, per request', () => {
    assert.equal(a.samples, 9);
    // 1 ms a sample, 2 requests: 500 µs per sample per request
    assert.equal(byName.get('(gc)')?.selfUsPerRequest, 500);
    assert.equal(byName.get('(program)')?.selfUsPerRequest, 500);
  });

  it('charges natives and Node internals to the package that called them', () => {
    assert.equal(byName.get('@acme/instrumentation-x')?.selfUsPerRequest, 1500);
    assert.equal(byName.get('(app)')?.selfUsPerRequest, 500);
    assert.equal(byName.get('(app)')?.totalUsPerRequest, 2000, 'the app is on the stack of its own sample and the three below it');
  });

  it("keeps Node's own work, the async-hooks machinery and the packages Node bundles apart", () => {
    assert.equal(byName.get(NODE_BUCKET)?.selfUsPerRequest, 500);
    assert.equal(byName.get(ASYNC_HOOKS_BUCKET)?.selfUsPerRequest, 500);
    assert.equal(byName.get('node:undici')?.selfUsPerRequest, 500);
  });

  it('lists packages costliest first', () => {
    assert.equal(a.packages[0]!.package, '@acme/instrumentation-x');
  });
});

describe('comparisons and checks', () => {
  const section = sampleLoadSection();
  const [without, w, against] = section.variants;

  it('compares every variant with without, and against with with', () => {
    assert.deepEqual(
      section.comparisons.map((c) => `${c.variant}/${c.reference}`),
      ['with/without', 'against/without', 'against/with'],
    );
  });

  it('puts the package that costs the difference first, and the operations beyond the reference', () => {
    const c = compareVariants(against!, w!);
    assert.equal(c.packages[0]!.package, SLOW_PACKAGE);
    assert.deepEqual(
      c.packages.filter((p) => p.added).map((p) => p.package),
      [SLOW_PACKAGE],
      'the package the variant brought in, first',
    );
    assert.deepEqual(c.ops.map((o) => `${o.op} ${o.file}:${o.line} ${o.perRequest}`).sort(), [`JSON.parse ${SLOW_FILE}:${SLOW_LINE} 1`, `fs.readFileSync ${SLOW_FILE}:${SLOW_LINE} 1`].sort());
    assert.equal(c.beyondNoise, true);
    assert.equal(c.cpuBeyondNoise, true);
    assert.ok(c.requestsPerSecondPct.max < 0);
  });

  it('fails a variant over the error rate, and one over the budget beyond noise', () => {
    const broken = { ...without!, failed: 50, errorRatePct: 1.6 };
    assert.deepEqual(
      failures([broken, w!], [], section.settings).map((f) => `${f.kind}:${f.variant}`),
      ['error-rate:without'],
    );
    const compared = [compareVariants(against!, without!)];
    assert.deepEqual(
      failures([without!, against!], compared, { ...section.settings, budgetPct: 10 }).map((f) => `${f.kind}:${f.variant}`),
      ['budget:against'],
    );
    assert.deepEqual(failures([without!, against!], compared, { ...section.settings, budgetPct: 30 }), []);
  });
});

describe('loopback only', () => {
  it('refuses to send load anywhere but http://127.0.0.1', () => {
    assert.doesNotThrow(() => assertLoopback('http://127.0.0.1:4000/x'));
    for (const url of ['http://localhost:4000/', 'http://10.0.0.1:80/', 'https://127.0.0.1/', 'http://example.com/']) assert.throws(() => assertLoopback(url), /refusing/, url);
  });
});

describe("the children's environment", () => {
  it('passes the platform basics, never the rest of the environment; HOME and TMPDIR in its own temp folder', () => {
    const env = sandboxedChildEnv({ PATH: '/bin', HOME: '/home/u', GITHUB_TOKEN: 'ghp_x', NPM_TOKEN: 'n', AWS_SECRET_ACCESS_KEY: 'k', NODE_OPTIONS: '--require evil' }, '/tmp/t', { PORT: '1234' });
    assert.deepEqual(Object.keys(env).sort(), ['HOME', 'NODE_ENV', 'PATH', 'PORT', 'TEMP', 'TMP', 'TMPDIR']);
    assert.equal(env.NODE_ENV, 'production');
    assert.equal(env.HOME, '/tmp/t');
  });

  it('takes --env NAME from the environment and NAME=VALUE as given', () => {
    assert.deepEqual(parseEnvOptions(['DB_URL', 'MODE=fast', 'UNSET'], { DB_URL: 'postgres://x' }), { DB_URL: 'postgres://x', MODE: 'fast' });
    assert.throws(() => parseEnvOptions(['1BAD=x'], {}), /--env/);
  });
});

describe('preloads and instrumentation packages', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-load-unit-'));
  writeFileSync(path.join(dir, 'preload.js'), '');
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'svc',
      dependencies: { '@opentelemetry/instrumentation-http': '1', '@opentelemetry/instrumentation': '1', express: '5', 'acme-instrumentation': '1' },
      devDependencies: { '@opentelemetry/instrumentation-pg': '1' },
    }),
  );

  it('loads a preload with --import unless --require is asked for', () => {
    assert.equal(resolvePreload('./preload.js', dir, dir).flag, '--import');
    assert.equal(resolvePreload('--require ./preload.js', dir, dir).flag, '--require');
    assert.equal(resolvePreload('./preload.js', dir, dir).file, path.join(dir, 'preload.js'));
    assert.throws(() => resolvePreload('./missing.js', dir, dir), LoadInputError);
  });

  it("finds the instrumentations among the app's dependencies", () => {
    assert.deepEqual(instrumentationDependencies(dir), ['@opentelemetry/instrumentation-http', 'acme-instrumentation']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('joining counted operations to the scan', () => {
  const finding = (operation: string, line: number, frequency: Finding['frequency'] = 'per-call'): Finding => ({
    ruleId: 'sync-fs',
    severity: 'high',
    frequency,
    package: `${SLOW_PACKAGE}@1.0.0`,
    root: 0,
    file: 'index.js',
    line,
    column: 10,
    original: null,
    hook: { id: 'wrap:openai:create', kind: 'wrap', target: 'openai:create' },
    callPath: [],
    operation,
    message: 'm',
    estimatedCostNs: 15000,
  });
  const report = {
    ...sampleLoadReport(),
    roots: [path.dirname(SLOW_FILE)],
    findings: [finding('fs.readFileSync', SLOW_LINE), finding('child_process.execSync', SLOW_LINE + 5), finding('fs.readFileSync', SLOW_LINE, 'init')],
  };
  const joined = joinLoad(report, report.load!.variants, '/repo').findings;

  it('confirms a per-call finding whose operation was counted at its line, with the count per request', () => {
    assert.equal(joined[0]!.confirmed, true);
    assert.equal(joined[0]!.perRequestUnderLoad, 1);
  });

  it('says so when the package ran under load but the operation never did, and leaves other frequencies alone', () => {
    assert.equal(joined[1]!.confirmed, false);
    assert.equal(joined[1]!.perRequestUnderLoad, 0);
    assert.equal(joined[2]!.confirmed, undefined);
  });
});
