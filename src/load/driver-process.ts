// Where load's requests come from. With a network namespace (Linux, unshare): a driver process
// (driver-child.ts) in a sandbox of its own, whose network namespace the apps and the demo's servers
// join — the apps then have a loopback shared with the load generator only, no route out, and no way
// to a listener of the user's on the host's 127.0.0.1. Without one (other platforms, a kernel that
// refuses, --unsafe-run): autocannon in otel-audit's own process, as the apps share the host's network.
import { fileURLToPath } from 'node:url';
import { innermostChild } from '../sandbox/process-cpu.js';
import { sandboxedSpawn, type SandboxedChild } from '../sandbox/sandboxed-spawn.js';
import { osIsolation } from '../sandbox/os-isolation.js';
import type { DriverMessage, DriverRequest } from './driver-child.js';
import { drive, type DriveOptions, type DriveResult } from './driver.js';

const DRIVER = fileURLToPath(new URL('./driver-child.js', import.meta.url));
const READY_TIMEOUT_MS = 30_000;

export interface Driver {
  drive(o: DriveOptions): Promise<DriveResult>;
  /** the process whose network namespace the apps join; undefined: the host's network */
  networkOf: number | undefined;
  stop(): void;
}

export const inProcessDriver: Driver = { drive, networkOf: undefined, stop: () => undefined };

class DriverProcess implements Driver {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: DriveResult) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly sb: SandboxedChild,
    readonly networkOf: number,
  ) {
    sb.child.on('message', (m: DriverMessage) => {
      if (m.otelAuditDriver !== 'result') return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new Error(`the load generator: ${m.error}`));
    });
    sb.child.once('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('the load generator exited'));
      this.pending.clear();
    });
  }

  drive(o: DriveOptions): Promise<DriveResult> {
    const { signal, ...options } = o;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.sb.child.connected) return reject(new Error('the load generator is not running'));
      const onAbort = (): void => {
        if (this.sb.child.connected) this.sb.child.send({ otelAuditDriver: 'stop' } satisfies DriverRequest);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done =
        <T>(f: (v: T) => void) =>
        (v: T): void => {
          signal?.removeEventListener('abort', onAbort);
          f(v);
        };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject) });
      this.sb.child.send({ otelAuditDriver: 'drive', id, options } satisfies DriverRequest);
      if (signal?.aborted) onAbort();
    });
  }

  stop(): void {
    this.sb.dispose();
  }
}

/** The driver for a run: a process in a network namespace of its own where there are namespaces, else in-process. */
export async function startDriver(unsafe: boolean): Promise<Driver> {
  if (unsafe || !osIsolation().network) return inProcessDriver;
  const sb = sandboxedSpawn({ script: DRIVER, packages: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
  let stderr = '';
  sb.child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the load generator did not start within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      sb.child.on('message', (m: DriverMessage) => {
        if (m.otelAuditDriver !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
      sb.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the load generator exited (${signal ?? `code ${code}`}) before it was ready: ${stderr.trim()}`));
      });
    });
  } catch (err) {
    sb.dispose();
    throw err;
  }
  // node inside the namespace wrapper (unshare forks it): its network namespace is the one to join
  return new DriverProcess(sb, innermostChild(sb.child.pid!));
}
