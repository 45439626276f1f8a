// SDK components a package exports (span processors, samplers, propagators) run per span too. Each
// per-span method is measured against a no-op of the same interface, called with the same arguments:
// the difference is what the component adds to every span.
import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, trace, type Context, type Span } from '@opentelemetry/api';
import { createObjectMock } from './auto-mock.js';
import type { SdkKind } from '../protocol/child-protocol.js';
import type { AnyClass } from './find-classes.js';
import type { Tracing } from './tracing.js';

type Method = (...args: unknown[]) => unknown;

/**
 * An exporter that accepts everything at once: a processor's cost without any export cost. It is also
 * an options object naming itself as `exporter`, so it fits both constructors processors have had:
 * `new SimpleSpanProcessor(exporter)` and `new SimpleSpanProcessor({ exporter })`.
 */
const noopExporter: Record<string, unknown> = {
  export(_items: unknown, done: (result: { code: number }) => void): void {
    done({ code: 0 });
  },
  shutdown: (): Promise<void> => Promise.resolve(),
  forceFlush: (): Promise<void> => Promise.resolve(),
};
noopExporter.exporter = noopExporter;

/**
 * Constructor arguments to try, in order. Processors take their exporter first: without one, a
 * SimpleSpanProcessor constructs fine and then fails every export (measuring its error path). Then
 * none, then anything (an auto-mock standing for an options object).
 */
function argumentSets(kind: SdkKind): Array<() => unknown[]> {
  const none = (): unknown[] => [];
  const mock = (): unknown[] => [createObjectMock('options')];
  return kind === 'span-processor' || kind === 'log-processor' ? [() => [noopExporter], none, mock] : [none, mock];
}

export function constructComponent(cls: AnyClass, kind: SdkKind): object {
  let first: unknown;
  for (const args of argumentSets(kind)) {
    try {
      return new cls(...args());
    } catch (err) {
      first ??= err;
    }
  }
  throw first;
}

/** The class that declares `method` (BatchSpanProcessorBase for BatchSpanProcessor.onEnd), as static hooks name it. */
export function declaringClass(cls: AnyClass, method: string): AnyClass {
  for (let p: unknown = cls.prototype; typeof p === 'object' && p !== null; p = Object.getPrototypeOf(p)) {
    if (Object.hasOwn(p, method)) {
      const ctor = (p as { constructor?: unknown }).constructor;
      return typeof ctor === 'function' ? (ctor as AnyClass) : cls;
    }
  }
  return cls;
}

const NOOP: Record<SdkKind, Record<string, Method>> = {
  'span-processor': { onStart: () => undefined, onEnd: () => undefined },
  sampler: { shouldSample: () => ({ decision: 1 }) },
  propagator: { inject: () => undefined, extract: (ctx: unknown) => ctx },
  'log-processor': { onEmit: () => undefined },
};

export interface MethodCall {
  component: () => unknown;
  noop: () => unknown;
}

/**
 * The calls to time for one method: the component's and the no-op's, with the same arguments — a
 * live span for onStart, an ended one for onEnd, a context holding a sampled span for inject, and
 * for extract the headers the component's own inject wrote.
 */
export function methodCall(kind: SdkKind, instance: object, method: string, tracing: Tracing): MethodCall {
  const fn = (instance as Record<string, unknown>)[method];
  if (typeof fn !== 'function') throw new Error(`${method} is not a function on the instance`);
  const own =
    (...args: unknown[]): (() => unknown) =>
    () =>
      (fn as Method).apply(instance, args);
  const noop =
    (...args: unknown[]): (() => unknown) =>
    () =>
      NOOP[kind][method]!(...args);
  const tracer = tracing.sampled.getTracer('otel-audit-bench');
  const span: Span = tracer.startSpan('s');
  const active: Context = trace.setSpan(ROOT_CONTEXT, span);
  if (kind === 'span-processor') {
    if (method === 'onEnd') {
      const ended = tracer.startSpan('ended');
      ended.end();
      return { component: own(ended), noop: noop(ended) };
    }
    return { component: own(span, context.active()), noop: noop(span, context.active()) };
  }
  if (kind === 'log-processor') {
    // a log record as the SDK builds it is internal to sdk-logs: a mock answers whatever is asked of it
    const record = createObjectMock('logRecord');
    return { component: own(record, active), noop: noop(record, active) };
  }
  if (kind === 'sampler') {
    const args = [active, span.spanContext().traceId, 'operation', SpanKind.SERVER, {}, []];
    return { component: own(...args), noop: noop(...args) };
  }
  const carrier: Record<string, string> = {};
  const inject = (instance as { inject?: Method }).inject;
  if (method === 'extract' && typeof inject === 'function') inject.call(instance, active, carrier, defaultTextMapSetter);
  const args = method === 'inject' ? [active, carrier, defaultTextMapSetter] : [ROOT_CONTEXT, carrier, defaultTextMapGetter];
  return { component: own(...args), noop: noop(...args) };
}
