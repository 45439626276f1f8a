// diagnostics_channel instrumentations (undici) patch nothing: they subscribe in `enable()`. To find
// their hooks, note every channel named through the module while `enable()` runs, then keep the ones
// that have subscribers afterwards. The handlers are measured by publishing to those channels.
import dc from 'node:diagnostics_channel';
import { syncBuiltinESMExports } from 'node:module';

const TRACING_EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

type Mutable = Record<string, unknown>;

/** Runs `fn` with dc.channel / dc.subscribe / dc.tracingChannel recording names; returns the subscribed ones, sorted. */
export function recordChannels(fn: () => void): string[] {
  const names = new Set<string>();
  const mod = dc as unknown as Mutable;
  const saved = { channel: mod.channel, subscribe: mod.subscribe, tracingChannel: mod.tracingChannel };
  const note = (name: unknown): void => {
    if (typeof name === 'string') names.add(name);
  };
  mod.channel = (name: string) => (note(name), (saved.channel as typeof dc.channel).call(dc, name));
  if (typeof saved.subscribe === 'function') {
    mod.subscribe = (name: string, onMessage: (message: unknown, name: string | symbol) => void) => (note(name), (saved.subscribe as typeof dc.subscribe).call(dc, name, onMessage));
  }
  if (typeof saved.tracingChannel === 'function') {
    mod.tracingChannel = (name: unknown) => {
      if (typeof name === 'string') for (const e of TRACING_EVENTS) note(`tracing:${name}:${e}`);
      return (saved.tracingChannel as (n: unknown) => unknown).call(dc, name);
    };
  }
  // `import { subscribe } from 'node:diagnostics_channel'` reads the ESM facade: keep it in step
  syncBuiltinESMExports();
  try {
    fn();
  } finally {
    Object.assign(mod, saved);
    syncBuiltinESMExports();
  }
  return [...names].filter((n) => dc.hasSubscribers(n)).sort();
}
