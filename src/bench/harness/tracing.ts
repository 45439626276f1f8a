// The SDK side of a bench child: real BasicTracerProviders (AlwaysOn and AlwaysOff samplers) sharing a
// span-counting processor, and a switchable global provider so that code which asks the global API
// for a tracer sees the same sampler as the instrumentation.
import { trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { AlwaysOffSampler, AlwaysOnSampler, BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Counts spans as the SDK hands them to processors; does nothing else, so it costs next to nothing. */
export class SpanCounter implements SpanProcessor {
  started = 0;
  ended = 0;
  onStart(): void {
    this.started++;
  }
  onEnd(): void {
    this.ended++;
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface Tracing {
  counter: SpanCounter;
  sampled: BasicTracerProvider;
  unsampled: BasicTracerProvider;
  /** the reference: `tracer.startSpan('s').end()` on the sampled provider */
  bareSpan: () => void;
  /** makes the global provider answer with `p` from now on */
  useGlobal(p: TracerProvider): void;
}

export function createTracing(extraProcessors: SpanProcessor[] = []): Tracing {
  const counter = new SpanCounter();
  const sampled = new BasicTracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [counter, ...extraProcessors] });
  const unsampled = new BasicTracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [counter, ...extraProcessors] });
  let current: TracerProvider = sampled;
  // The global provider can be set once per process: register a delegate and switch what it delegates to.
  const delegate: TracerProvider = { getTracer: (name: string, version?: string, options?: { schemaUrl?: string }): Tracer => current.getTracer(name, version, options) };
  trace.setGlobalTracerProvider(delegate);
  const tracer = sampled.getTracer('otel-audit-bench');
  return {
    counter,
    sampled,
    unsampled,
    bareSpan: () => tracer.startSpan('s').end(),
    useGlobal(p) {
      current = p;
    },
  };
}
