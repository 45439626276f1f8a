// The run: the demo's helper servers, then one app process per variant (each on a free loopback port,
// all running side by side, idle but for their turn), a warm-up of each, and the measured rounds —
// in every round each variant gets the same load in turn, the order rotating, so a slow spell of the
// machine hits them all — with the CPU profile running in every app through the rounds. A turn is a
// number of requests, each completed: as many as the variant served in the turn's time during its
// warm-up (at least two per connection), so no request is cut off when a turn ends — a cut request
// is CPU time without a completed request, and a slow app's short turn could complete none. Then a
// counting pass per variant (the op counters are slow: never during the rounds). The caller stops the
// processes (ProcessGroup), whatever happens here.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { SandboxReport } from '../sandbox/sandbox-report.js';
import { startChild, type AppChild, type ChildSandbox } from './app-child.js';
import { childEnv } from './child-env.js';
import type { DriveResult } from './driver.js';
import type { Driver } from './driver-process.js';
import { freePort, LOOPBACK } from './free-port.js';
import { LoadInterrupted } from './load-errors.js';
import type { LoadProgress } from './load-options.js';
import type { ProcessGroup } from './process-group.js';
import type { CountReply, CpuReply } from './probe-protocol.js';
import type { LoadTarget, VariantPlan } from './resolve-target.js';
import { roundOrder } from './stats.js';

export interface RunSettings {
  connections: number;
  durationS: number;
  rounds: number;
  warmupS: number;
  maxRequestsPerRound: number;
  countRequests: number;
  samplingIntervalUs: number | null;
  portEnv: string;
  startTimeoutMs: number;
}

export interface RawRound {
  round: number;
  result: DriveResult;
  /** the app's user + system CPU time over the round, µs */
  cpuUs: number | null;
}

export interface RawVariant {
  plan: VariantPlan;
  listening: { address: string; port: number };
  rounds: RawRound[];
  /** the profile of the rounds, when taken */
  profileFile: string | null;
  /** what the app's sandbox applied */
  sandbox: SandboxReport;
  count: { requests: number; reply: CountReply } | null;
}

export interface RunContext {
  group: ProcessGroup;
  /** where the requests come from; the apps join its network namespace, if it has one */
  driver: Driver;
  /** --unsafe-run: the apps run with the user's environment, files and network */
  unsafe: boolean;
  /** where the children write their profiles */
  tmpDir: string;
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
}

interface Running {
  plan: VariantPlan;
  app: AppChild;
  url: string;
  /** requests per turn, from the warm-up's rate; undefined without a warm-up (turns are then timed) */
  turn?: number;
}

/** requests per connection a turn has at least: fewer, and the ramp up and down would be most of it */
const MIN_PER_CONNECTION = 2;

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LoadInterrupted(typeof signal.reason === 'string' ? signal.reason : 'abort');
}

async function cpuUs(app: AppChild): Promise<number> {
  const c = await app.call<CpuReply>({ otelAuditLoad: 'cpu' });
  return c.userUs + c.systemUs;
}

async function startAll(target: LoadTarget, s: RunSettings, ctx: RunContext): Promise<Running[]> {
  const env = { ...target.env };
  const sandbox = (inspector: boolean): ChildSandbox => ({ unsafe: ctx.unsafe, inspector, networkOf: ctx.driver.networkOf });
  const total = target.companions.length + target.variants.length;
  let done = 0;
  for (const c of target.companions) {
    ctx.onProgress?.({ phase: 'start', done: done++, total, current: c.name });
    const port = await freePort();
    await startChild(
      {
        name: c.name,
        entry: c.file,
        cwd: path.dirname(c.file),
        execArgv: [],
        env: childEnv({ PORT: String(port), HOST: LOOPBACK }),
        port,
        portEnv: 'PORT',
        role: 'companion',
        startTimeoutMs: s.startTimeoutMs,
        packages: [path.dirname(c.file)],
        sandbox: sandbox(false),
      },
      ctx.group,
    );
    env[c.urlEnv] = `http://${LOOPBACK}:${port}${c.urlPath}`;
    checkAbort(ctx.signal);
  }
  const running: Running[] = [];
  // one after the other: two apps starting side by side would slow each other's start, and no more
  for (const plan of target.variants) {
    ctx.onProgress?.({ phase: 'start', done: done++, total, current: `app ${plan.id}` });
    const port = await freePort();
    const app = await startChild(
      {
        name: `the app (${plan.id})`,
        entry: target.entry,
        cwd: target.appDir,
        execArgv: plan.execArgv,
        env: childEnv({ ...env, ...plan.env, [s.portEnv]: String(port), HOST: LOOPBACK }),
        port,
        portEnv: s.portEnv,
        role: 'app',
        startTimeoutMs: s.startTimeoutMs,
        packages: [target.appDir, ...plan.readDirs],
        // the CPU profile runs in the app (node:inspector)
        sandbox: sandbox(s.samplingIntervalUs !== null),
      },
      ctx.group,
    );
    running.push({ plan, app, url: `http://${LOOPBACK}:${port}${target.path}` });
    checkAbort(ctx.signal);
  }
  return running;
}

/** Drives one variant; the app must still be running afterwards (a crash under load is a failure to report). */
async function loadVariant(r: Running, s: RunSettings, ctx: RunContext, bounds: { durationS: number } | { amount: number }, during: string): Promise<DriveResult> {
  const result = await ctx.driver.drive({
    url: r.url,
    connections: s.connections,
    ...('amount' in bounds ? { amount: bounds.amount } : { durationS: bounds.durationS, maxRequests: s.maxRequestsPerRound }),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  checkAbort(ctx.signal);
  r.app.assertRunning(during);
  return result;
}

export async function runVariants(target: LoadTarget, s: RunSettings, ctx: RunContext): Promise<RawVariant[]> {
  const running = await startAll(target, s, ctx);
  const n = running.length;
  const roundS = s.durationS / s.rounds;
  const leftMs = (stepsLeft: number): number => stepsLeft * roundS * 1000;

  for (const [i, r] of running.entries()) {
    if (s.warmupS <= 0) break;
    ctx.onProgress?.({ phase: 'warm-up', done: i, total: n, current: r.plan.id, remainingMs: (n - i) * s.warmupS * 1000 + leftMs(n * s.rounds) });
    const warm = await loadVariant(r, s, ctx, { durationS: s.warmupS }, 'during the warm-up');
    const rate = warm.durationMs > 0 ? (warm.requests / warm.durationMs) * 1000 : 0;
    r.turn = Math.min(s.maxRequestsPerRound, Math.max(MIN_PER_CONNECTION * s.connections, Math.round(rate * roundS)));
  }

  const profiling = s.samplingIntervalUs !== null;
  if (profiling) for (const r of running) await r.app.call({ otelAuditLoad: 'profile-start', intervalUs: s.samplingIntervalUs! });
  const rounds: RawRound[][] = running.map(() => []);
  for (let round = 0; round < s.rounds; round++) {
    for (const [k, i] of roundOrder(n, round).entries()) {
      const r = running[i]!;
      const step = round * n + k;
      ctx.onProgress?.({ phase: 'rounds', done: step, total: n * s.rounds, current: `round ${round + 1}/${s.rounds} · ${r.plan.id}`, remainingMs: leftMs(n * s.rounds - step) });
      const before = await cpuUs(r.app);
      const result = await loadVariant(r, s, ctx, r.turn !== undefined ? { amount: r.turn } : { durationS: roundS }, `during round ${round + 1}`);
      const after = await cpuUs(r.app);
      rounds[i]!.push({ round, result, cpuUs: after - before });
    }
  }
  const profileFiles: Array<string | null> = [];
  for (const r of running) {
    if (!profiling) {
      profileFiles.push(null);
      continue;
    }
    ctx.onProgress?.({ phase: 'profile', done: profileFiles.length, total: n, current: r.plan.id });
    // written where the app may write (its own temp folder), kept where it may not (another app could rewrite it)
    const written = path.join(r.app.tempDir, 'profile.cpuprofile');
    await r.app.call({ otelAuditLoad: 'profile-stop', file: written });
    const file = path.join(ctx.tmpDir, `${r.plan.id}.cpuprofile`);
    copyFileSync(written, file);
    profileFiles.push(file);
  }

  const counts: RawVariant['count'][] = [];
  for (const [i, r] of running.entries()) {
    if (s.countRequests <= 0) {
      counts.push(null);
      continue;
    }
    ctx.onProgress?.({ phase: 'count', done: i, total: n, current: r.plan.id });
    await r.app.call({ otelAuditLoad: 'count-start' });
    const result = await loadVariant(r, s, ctx, { amount: Math.max(s.countRequests, s.connections) }, 'while its operations were counted');
    counts.push({ requests: result.requests, reply: await r.app.call<CountReply>({ otelAuditLoad: 'count-stop' }) });
  }

  return running.map((r, i) => ({
    plan: r.plan,
    listening: r.app.listens.find((l) => l.port === Number(new URL(r.url).port)) ?? { address: LOOPBACK, port: Number(new URL(r.url).port) },
    rounds: rounds[i]!,
    profileFile: profileFiles[i] ?? null,
    sandbox: r.app.sandbox,
    count: counts[i] ?? null,
  }));
}
