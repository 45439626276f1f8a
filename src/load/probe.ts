// Preloaded (`--import`, first of all preloads) into every process `otel-audit load` starts. It
// - tells the parent where the app listens (every net server's 'listening'), so a start is seen at once;
// - exits when the parent goes away (the IPC channel closes), so no app outlives a killed otel-audit;
// - in the app (not in a demo's helper server): answers the parent's requests for the process's CPU time,
//   runs the CPU profile (node:inspector, in this process: no --inspect port) and the op counters'
//   counting windows. The counters' module wrappers go in now, before any other preload or the app
//   loads, so code that keeps `readFileSync` from load time still goes through them; they stay idle
//   (a pass-through call) outside a counting window, in every variant alike.
// Nothing runs per request here: the app's own work and the parent's occasional requests only.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCounters, type CounterSwitch } from '../bench/counters/op-counters.js';
import { PROBE_ENV, SPAN_COUNTER, type CountReply, type CpuReply, type ProbeMessage, type ProbeRequest, type ProbeSettings } from './probe-protocol.js';

const send = (m: ProbeMessage): void => {
  // the channel may be closing while the app still runs: nothing to tell anyone then
  if (process.connected) process.send?.(m);
};

function watchListening(): void {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    this.once('listening', () => {
      const a = this.address();
      if (typeof a === 'object' && a !== null) send({ otelAuditLoad: 'listening', address: a.address, port: a.port });
    });
    return (listen as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof listen;
}

function spansEnded(): number | null {
  const counter = (globalThis as Record<symbol, unknown>)[SPAN_COUNTER] as { ended: number } | undefined;
  return typeof counter?.ended === 'number' ? counter.ended : null;
}

function appHandlers(counters: CounterSwitch): (r: ProbeRequest) => Promise<unknown> {
  let session: Session | undefined;
  let spansAtStart: number | null = null;
  return async (r) => {
    switch (r.otelAuditLoad) {
      case 'cpu': {
        const u = process.cpuUsage();
        return { userUs: u.user, systemUs: u.system } satisfies CpuReply;
      }
      case 'profile-start':
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: r.intervalUs });
        await session.post('Profiler.start');
        return null;
      case 'profile-stop': {
        if (session === undefined) throw new Error('no profile was started');
        const { profile } = await session.post('Profiler.stop');
        await session.post('Profiler.disable');
        session.disconnect();
        session = undefined;
        // a file, not the IPC channel: a profile of a busy app is megabytes
        writeFileSync(r.file, JSON.stringify(profile));
        return null;
      }
      case 'count-start':
        spansAtStart = spansEnded();
        counters.start();
        return null;
      case 'count-stop': {
        const sites = counters.stop();
        const now = spansEnded();
        const modules = Object.keys(createRequire(import.meta.url).cache);
        return { sites, spansEnded: now !== null && spansAtStart !== null ? now - spansAtStart : null, modules } satisfies CountReply;
      }
    }
  };
}

function start(): void {
  if (typeof process.send !== 'function') return; // not started by otel-audit load
  let settings: ProbeSettings;
  try {
    settings = JSON.parse(process.env[PROBE_ENV] ?? '') as ProbeSettings;
  } catch {
    return;
  }
  process.on('disconnect', () => process.exit(0));
  // preloads given with --import load asynchronously: the parent may be gone before this line ran
  if (!process.connected) process.exit(0);
  watchListening();
  if (settings.role !== 'app') {
    // the channel must not keep an app alive that would otherwise exit (that is a failure to report);
    // after the listeners, which ref it
    process.channel?.unref();
    return;
  }
  // frames of otel-audit's load code (this probe, the SDK preload) are never an operation's call site
  const counters = installCounters([path.dirname(fileURLToPath(import.meta.url))]);
  const handle = appHandlers(counters);
  process.on('message', (m: unknown) => {
    if (typeof m !== 'object' || m === null || typeof (m as { otelAuditLoad?: unknown }).otelAuditLoad !== 'string') return;
    const r = m as ProbeRequest;
    handle(r).then(
      (value) => send({ otelAuditLoad: 'reply', id: r.id, ok: true, value }),
      (err: unknown) => send({ otelAuditLoad: 'reply', id: r.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  process.channel?.unref();
}

start();
