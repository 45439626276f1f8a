// Some wrappers start a span only inside a trace: an express layer's `handle` returns straight to the
// original when no span is active (there is always the HTTP server's in a real request), and so do
// hooks configured with `requireParentSpan` (ioredis' `sendCommand` by default). To measure
// what they cost where they run, their calls (plain and hooked alike) run inside an active sampled
// parent span — a remote span context, so that making it active starts and counts no span itself.
// Activating a context needs a context manager: the API's default does nothing. This one keeps the
// context in an AsyncLocalStorage, as the SDK's Node context manager does; it is registered the first
// time it is needed, in a bench child process only.
import { AsyncLocalStorage } from 'node:async_hooks';
import { context, ROOT_CONTEXT, trace, TraceFlags, type Context, type ContextManager } from '@opentelemetry/api';

class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }

  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const manager = this;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    return function (this: unknown, ...args: unknown[]) {
      return manager.with(ctx, () => fn.apply(this, args));
    } as unknown as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }
}

let parent: Context | undefined;

/** Runs `fn` with a sampled parent span active (registering the context manager on first use). */
export function inParentSpan<T>(fn: () => T): T {
  if (parent === undefined) {
    // false when another manager is registered already: that one does the same job
    context.setGlobalContextManager(new AsyncLocalContextManager());
    parent = trace.setSpan(ROOT_CONTEXT, trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED, isRemote: true }));
  }
  return context.with(parent, fn);
}
