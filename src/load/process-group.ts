// Every process `otel-audit load` starts, so that all of them stop — at the end, on an error, on
// Ctrl-C — whatever happened in between. Each child leads a process group of its own (detached), so a
// stop reaches what the app itself started; SIGTERM first, SIGKILL for what is left after a grace period.
// Should otel-audit itself be killed outright, the probe in each child sees its IPC channel close and
// exits (probe.ts).
import type { ChildProcess } from 'node:child_process';

const GRACE_MS = 2000;

const alive = (c: ChildProcess): boolean => c.exitCode === null && c.signalCode === null;

function signalGroup(c: ChildProcess, signal: NodeJS.Signals): void {
  if (c.pid === undefined) return;
  try {
    // the group (negative pid): the app and whatever it spawned
    process.kill(-c.pid, signal);
  } catch {
    try {
      c.kill(signal);
    } catch {
      // gone already
    }
  }
}

export class ProcessGroup {
  private readonly children = new Set<ChildProcess>();
  /** what to do once a child is gone (its sandbox's temp folder) */
  private readonly cleanups = new Map<ChildProcess, () => void>();

  /** kept after it exits: its group may outlive it (a grandchild), and stopAll signals the group */
  add(child: ChildProcess, cleanup?: () => void): void {
    this.children.add(child);
    if (cleanup) this.cleanups.set(child, cleanup);
  }

  /** pids of the children still running */
  pids(): number[] {
    return [...this.children].filter(alive).flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
  }

  /** SIGTERM to every group, SIGKILL after the grace period to those still there; resolves when all are gone. */
  async stopAll(): Promise<void> {
    const all = [...this.children];
    await Promise.all(
      all.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.connected) c.disconnect();
            if (!alive(c)) {
              // the leader is gone; anything it left in its group goes too
              signalGroup(c, 'SIGKILL');
              return resolve();
            }
            const timer = setTimeout(() => signalGroup(c, 'SIGKILL'), GRACE_MS);
            c.once('exit', () => {
              clearTimeout(timer);
              signalGroup(c, 'SIGKILL');
              resolve();
            });
            signalGroup(c, 'SIGTERM');
          }),
      ),
    );
    for (const cleanup of this.cleanups.values()) cleanup();
    this.cleanups.clear();
    this.children.clear();
  }

  /** At once, without waiting (a second Ctrl-C, the process exiting). */
  killAll(): void {
    for (const c of this.children) signalGroup(c, 'SIGKILL');
  }
}
