// Starts one bench child (dist/src/bench/child/child.js) in the sandbox (src/sandbox), sends it a
// request, and waits for its answer — or for it to die, or for the timeout, after which it is killed.
// A measuring child's figures are then cross-checked against its CPU time as the kernel counts it
// (cross-check.ts). Whatever happens comes back as data: the caller turns it into a `failed` case (or
// an `untrusted figures` one) and the run goes on. The child's whole process group is killed at the
// end, so nothing it started outlives its case.
import { fileURLToPath } from 'node:url';
import { sandboxedSpawn, type SandboxedChild } from '../../sandbox/sandboxed-spawn.js';
import type { SandboxReport } from '../../sandbox/sandbox-report.js';
import type { ChildRequest, ChildResponse, Measurement, VerifyVariant } from '../protocol/child-protocol.js';
import { BATCHES, callsFor, judgeFigures, type Observed } from './cross-check.js';

const CHILD = fileURLToPath(new URL('../child/child.js', import.meta.url));
/** the end of the child's stderr, kept for the reason of a crash */
const STDERR_TAIL = 2000;
/** how often a verification batch's CPU is looked at, ms */
const POLL_MS = 25;

/** A message the child sends before its answer (a covered case), handed over as it arrives. */
export type PartialAnswer = Extract<ChildResponse, { mode: 'cover-case' }>;

export interface ChildSandbox {
  /** `--unsafe-run` */
  unsafe: boolean;
  /** the child uses node:inspector (--profile, block coverage) */
  inspector?: boolean;
  /** folders it may write besides its temp folder (--profile DIR) */
  write?: string[];
}

export interface ChildRun {
  response: ChildResponse;
  /** what the sandbox applied */
  sandbox: SandboxReport;
  /** set when the figures did not hold up against the child's CPU time */
  untrusted?: string;
  /** set when they could not be checked (no per-process CPU clock here) */
  unchecked?: string;
}

const isMeasurement = (r: ChildResponse): r is { ok: true; mode: 'measure'; result: Measurement } => r.ok && r.mode === 'measure';

/** Waits for the next message of the child, or null when it exits or `until()` says to stop waiting. */
function nextMessage(sb: SandboxedChild, until: () => boolean): Promise<ChildResponse | null> {
  return new Promise((resolve) => {
    const done = (m: ChildResponse | null): void => {
      clearInterval(poll);
      sb.child.off('message', onMessage);
      sb.child.off('exit', onExit);
      resolve(m);
    };
    const onMessage = (m: ChildResponse): void => done(m);
    const onExit = (): void => done(null);
    const poll = setInterval(() => {
      if (until()) done(null);
    }, POLL_MS);
    sb.child.on('message', onMessage);
    sb.child.on('exit', onExit);
  });
}

type Batch = { perCallNs: number } | { overrunNs: number } | null;

/**
 * N calls of one variant, timed by the child's CPU time: per call; or, when the batch runs far past
 * what the child's own figures promise, how much it had used when stopped; null when the child did
 * not make the calls (it answered something else, or died).
 */
async function batch(sb: SandboxedChild, variant: VerifyVariant, calls: number, expectedNs: number): Promise<Batch> {
  const before = sb.cpuNs();
  if (before === null) return null;
  const limit = before + 20 * expectedNs + 200_000_000;
  sb.child.send({ mode: 'verify', variant, calls } satisfies ChildRequest);
  const m = await nextMessage(sb, () => (sb.cpuNs() ?? 0) > limit);
  const after = sb.cpuNs();
  if (after !== null && after > limit) return { overrunNs: after - before };
  if (after === null || m === null || !m.ok || m.mode !== 'verified' || m.variant !== variant) return null;
  return { perCallNs: (after - before) / calls };
}

const ms = (ns: number): string => `${(ns / 1e6).toFixed(1)} ms`;

async function crossCheck(sb: SandboxedChild, m: Measurement): Promise<Pick<ChildRun, 'untrusted' | 'unchecked'>> {
  if (sb.cpuNs() === null) return { unchecked: `no per-process CPU clock on ${process.platform}: the figures were not cross-checked` };
  const claimed = { plainNs: m.baseline.nsPerCall, hookedNs: m.instrumented.nsPerCall };
  const observed: Observed = { plain: [], hooked: [] };
  for (let i = 0; i < BATCHES; i++) {
    for (const variant of ['plain', 'hooked'] as const) {
      const claim = Math.max(variant === 'plain' ? claimed.plainNs : claimed.hookedNs, 20);
      const calls = callsFor(claim);
      const r = await batch(sb, variant, calls, calls * claim);
      if (r === null) return { untrusted: `untrusted figures: the child did not make the ${variant} calls the parent asked for to check its figures` };
      // far over already: more batches would only cost time (a 246 µs call asked 40,000 times)
      if ('overrunNs' in r)
        return { untrusted: `untrusted figures: ${calls} ${variant} calls used more than ${ms(r.overrunNs)} of CPU measured from outside the child, its figures promise ${ms(calls * claim)}` };
      observed[variant].push(r.perCallNs);
    }
  }
  const verdict = judgeFigures(claimed, observed);
  return verdict === null ? {} : { untrusted: `untrusted figures: ${verdict}` };
}

/**
 * `timeoutMs` is the time to the answer, or with `onPartial` to the first partial one; each partial
 * answer then gives the child `idleMs` more (a long batch of quick cases is not one slow case).
 */
export function runChild(request: ChildRequest, timeoutMs: number, sandbox: ChildSandbox, packages: readonly string[], onPartial?: (m: PartialAnswer) => void, idleMs = timeoutMs): Promise<ChildRun> {
  // not the parent's execArgv: its loaders and inspector flags are not the child's business; --expose-gc
  // lets the timing collect the young generation between variants (run-benny.ts)
  const sb = sandboxedSpawn({
    script: CHILD,
    nodeArgs: ['--expose-gc'],
    packages,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
    unsafe: sandbox.unsafe,
    ...(sandbox.inspector ? { inspector: true } : {}),
    ...(sandbox.write ? { write: sandbox.write } : {}),
  });
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false;
    let settled = false;
    let answered = false;
    const finish = (run: Omit<ChildRun, 'sandbox'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sb.dispose();
      resolve({ ...run, sandbox: sb.report });
    };
    sb.child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-STDERR_TAIL);
    });
    const kill = (): void => {
      timedOut = true;
      sb.dispose();
    };
    let timer = setTimeout(kill, timeoutMs);
    sb.child.on('message', (m: ChildResponse) => {
      // the cross-check's own exchanges (`verified`) come after the answer: they are its business
      if (answered) return;
      if (m.ok && m.mode === 'cover-case') {
        onPartial?.(m);
        clearTimeout(timer);
        timer = setTimeout(kill, idleMs);
        return;
      }
      answered = true;
      const answer = m;
      if (!isMeasurement(answer)) return finish({ response: answer });
      crossCheck(sb, answer.result).then(
        (check) => {
          if (sb.child.connected) sb.child.send({ mode: 'exit' } satisfies ChildRequest);
          finish({ response: answer, ...check });
        },
        (err: unknown) => finish({ response: answer, untrusted: `untrusted figures: the cross-check failed (${err instanceof Error ? err.message : String(err)})` }),
      );
    });
    sb.child.on('error', (err) => {
      finish({ response: { ok: false, error: `could not start a child process: ${err.message}` } });
    });
    sb.child.on('exit', (code, signal) => {
      // an answer being cross-checked is settled by the check, which sees the exit too
      if (settled || answered) return;
      if (timedOut)
        return finish({ response: { ok: false, error: `timed out after ${(timeoutMs / 1000).toFixed(1)} s (the hook never returned, or loading the package hangs); the process was killed` } });
      const lastLine = stderr
        .trim()
        .split('\n')
        .filter((l) => l.trim() !== '')
        .slice(-3)
        .join(' | ');
      const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code} without an answer`;
      finish({ response: { ok: false, error: `the child process ${how}${lastLine ? `: ${lastLine}` : ' (a hook left nothing pending, e.g. a promise that never settles)'}` } });
    });
    sb.child.send(request);
  });
}
