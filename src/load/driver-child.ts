// The load generator as a process of its own (started by driver-process.ts): in a network namespace of
// its own when the platform has them, where load's apps join it — so the apps' loopback is the
// driver's and nothing else's, and the apps reach no network. It runs one `drive` at a time for the
// parent, over the IPC channel, and exits when the parent goes away.
import { drive, type DriveOptions, type DriveResult } from './driver.js';

export type DriverRequest = { otelAuditDriver: 'drive'; id: number; options: Omit<DriveOptions, 'signal'> } | { otelAuditDriver: 'stop' };
export type DriverMessage =
  { otelAuditDriver: 'ready' } | { otelAuditDriver: 'result'; id: number; ok: true; value: DriveResult } | { otelAuditDriver: 'result'; id: number; ok: false; error: string };

function serve(): void {
  if (typeof process.send !== 'function') return;
  const send = (m: DriverMessage): void => {
    if (process.connected) process.send?.(m);
  };
  let current: AbortController | undefined;
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: DriverRequest) => {
    if (m.otelAuditDriver === 'stop') {
      current?.abort();
      return;
    }
    const controller = new AbortController();
    current = controller;
    drive({ ...m.options, signal: controller.signal }).then(
      (value) => send({ otelAuditDriver: 'result', id: m.id, ok: true, value }),
      (err: unknown) => send({ otelAuditDriver: 'result', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  send({ otelAuditDriver: 'ready' });
}

serve();
