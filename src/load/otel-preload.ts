// otel-audit's own instrumentation preload (`--import`, after the probe): what a service's
// `instrumentation.js` does, with the instrumentation packages the parent names (resolved from the app's
// folder, as the app would load them). A NodeTracerProvider (AsyncLocalStorage context, W3C propagation)
// with a BatchSpanProcessor that exports to nowhere — the cost of making and batching spans stays, the
// network does not — and a processor that counts ended spans for the report's spans per request.
// A package that exports no instrumentation fails the start: a typo must not pass as "no overhead".
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Context, TracerProvider } from '@opentelemetry/api';
import { BatchSpanProcessor, type ReadableSpan, type Span, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { isInstrumentationClass, type AnyClass } from '../bench/harness/find-classes.js';
import { SDK_ENV, SPAN_COUNTER, type SdkSettings } from './probe-protocol.js';

interface Instrumentation {
  setTracerProvider(provider: TracerProvider): void;
}

/** Spans go nowhere; success, so the processor keeps batching as it would with a working exporter. */
const discard: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};

const counter = { ended: 0 };
const counting: SpanProcessor = {
  onStart: (_span: Span, _context: Context) => undefined,
  onEnd: (_span: ReadableSpan) => {
    counter.ended++;
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

const isObject = (v: unknown): v is Record<string, unknown> => (typeof v === 'object' || typeof v === 'function') && v !== null;

/**
 * The instrumentations a package exports: its instrumentation classes, constructed with their defaults,
 * or what an exported `get…Instrumentations()` returns (auto-instrumentations-node's shape).
 */
function instrumentationsOf(name: string, exports: unknown): Instrumentation[] {
  if (!isObject(exports)) throw new Error(`${name} exports no instrumentation`);
  const out: Instrumentation[] = [];
  const seen = new Set<unknown>();
  for (const key of Object.keys(exports).sort()) {
    const value = exports[key];
    if (typeof value !== 'function' || seen.has(value)) continue;
    seen.add(value);
    if (/^get\w*Instrumentations$/.test(key)) {
      const list = (value as () => unknown)();
      if (Array.isArray(list)) out.push(...(list as Instrumentation[]));
    } else if (typeof (value as { prototype?: unknown }).prototype === 'object' && isInstrumentationClass(value as AnyClass)) {
      out.push(new (value as new () => Instrumentation)());
    }
  }
  if (out.length === 0) throw new Error(`${name} exports no instrumentation (no class extending InstrumentationBase, no get…Instrumentations())`);
  return out;
}

function register(settings: SdkSettings): void {
  (globalThis as Record<symbol, unknown>)[SPAN_COUNTER] = counter;
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(discard), counting] });
  provider.register();
  const load = createRequire(path.join(settings.appDir, 'otel-audit-preload.js'));
  for (const name of settings.packages) {
    // constructed with their defaults, enabled as an app's registerInstrumentations() leaves them
    for (const instrumentation of instrumentationsOf(name, load(name))) instrumentation.setTracerProvider(provider);
  }
}

const raw = process.env[SDK_ENV];
if (raw !== undefined) register(JSON.parse(raw) as SdkSettings);
