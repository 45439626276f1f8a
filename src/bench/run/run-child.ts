// Starts one bench child (dist/src/bench/child/child.js) with an IPC channel, sends it a request, and waits
// for its single answer — or for it to die, or for the timeout, after which it is killed. Whatever
// happens comes back as data: the caller turns it into a `failed` case and the run goes on.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildRequest, ChildResponse } from '../protocol/child-protocol.js';

const CHILD = fileURLToPath(new URL('../child/child.js', import.meta.url));
/** the end of the child's stderr, kept for the reason of a crash */
const STDERR_TAIL = 2000;

/** A message the child sends before its answer (a covered case), handed over as it arrives. */
export type PartialAnswer = Extract<ChildResponse, { mode: 'cover-case' }>;

/**
 * `timeoutMs` is the time to the answer, or with `onPartial` to the first partial one; each partial
 * answer then gives the child `idleMs` more (a long batch of quick cases is not one slow case).
 */
export function runChild(request: ChildRequest, timeoutMs: number, onPartial?: (m: PartialAnswer) => void, idleMs = timeoutMs): Promise<ChildResponse> {
  return new Promise((resolve) => {
    // not the parent's execArgv: its loaders and inspector flags are not the child's business; --expose-gc
    // lets the timing collect the young generation between variants (run-benny.ts)
    const child = fork(CHILD, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--expose-gc'], serialization: 'json' });
    let stderr = '';
    let answer: ChildResponse | undefined;
    let timedOut = false;
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-STDERR_TAIL);
    });
    const kill = (): void => {
      timedOut = true;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(kill, timeoutMs);
    child.on('message', (m: ChildResponse) => {
      if (m.ok && m.mode === 'cover-case') {
        onPartial?.(m);
        clearTimeout(timer);
        timer = setTimeout(kill, idleMs);
      } else answer = m;
    });
    child.on('error', (err) => {
      answer ??= { ok: false, error: `could not start a child process: ${err.message}` };
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (answer !== undefined) return resolve(answer);
      if (timedOut) return resolve({ ok: false, error: `timed out after ${(timeoutMs / 1000).toFixed(1)} s (the hook never returned, or loading the package hangs); the process was killed` });
      const lastLine = stderr.trim().split('\n').filter((l) => l.trim() !== '').slice(-3).join(' | ');
      const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code} without an answer`;
      resolve({ ok: false, error: `the child process ${how}${lastLine ? `: ${lastLine}` : ' (a hook left nothing pending, e.g. a promise that never settles)'}` });
    });
    child.send(request);
  });
}
