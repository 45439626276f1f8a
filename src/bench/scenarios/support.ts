// What every scenario needs: loading packages from the right folder, a tracer provider pair (AlwaysOn
// and AlwaysOff) that counts spans, patching a module that is already loaded, and undoing it all.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TracerProvider } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ScenarioOptions } from './types.js';

/** The parts of an InstrumentationBase a scenario uses (structural: any copy of the package fits). */
export interface InstrumentationLike {
  setTracerProvider(provider: TracerProvider): void;
  getModuleDefinitions(): ModuleDefinitionLike[];
  disable(): void;
}

export interface ModuleDefinitionLike {
  name: string;
  moduleExports?: unknown;
  moduleVersion?: string;
  patch?: (moduleExports: unknown, moduleVersion?: string) => unknown;
  unpatch?: (moduleExports: unknown, moduleVersion?: string) => void;
}

export function loader(options: ScenarioOptions = {}): NodeJS.Require {
  return createRequire(options.resolveFrom ? path.join(path.resolve(options.resolveFrom), 'scenario.js') : import.meta.url);
}

/** require() with an error that says what is missing and from where it was looked up. */
export function load<T>(req: NodeJS.Require, name: string): T {
  try {
    return req(name) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') throw new Error(`${name} is not installed where the scenario looks (${req.resolve.paths(name)?.[0] ?? '?'})`);
    throw err;
  }
}

/** The installed version, read once when preparing (never per call). */
export function packageVersion(req: NodeJS.Require, name: string): string | undefined {
  let dir = path.dirname(req.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) return manifest.version;
    } catch {
      // no manifest at this level
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The function below shimmer wrappers: what the plain run calls. */
export function unwrapped<F>(fn: F): F {
  type Wrapped = { __wrapped?: unknown; __original?: unknown };
  let at: unknown = fn;
  const next = (f: unknown): unknown => {
    const w = f as Wrapped;
    return typeof f === 'function' && w.__wrapped === true && typeof w.__original === 'function' ? w.__original : undefined;
  };
  for (let below = next(at); below !== undefined; below = next(at)) at = below;
  return at as F;
}

/**
 * Patches a module that is already loaded, as InstrumentationBase's require hook would (a require hook
 * only sees later requires). Returns the unpatch: `disable()` cannot do it, because
 * getModuleDefinitions() builds new definitions (it calls init() again) that the instrumentation
 * does not keep.
 */
export function patchLoaded(instrumentation: InstrumentationLike, moduleName: string, moduleExports: unknown, version: string | undefined): () => void {
  const def = instrumentation.getModuleDefinitions().find((d) => d.name === moduleName);
  if (typeof def?.patch !== 'function') throw new Error(`the instrumentation has no module definition for ${moduleName}`);
  def.moduleExports = moduleExports;
  def.moduleVersion = version;
  const patched = def.patch(moduleExports, version) ?? moduleExports;
  return () => def.unpatch?.(patched, version);
}

/** Own properties of `objects` now; the returned function puts back whatever changed since and removes what was added. */
export function snapshotMembers(objects: readonly object[]): () => void {
  const saved = objects.map((o) => [o, new Map(Object.getOwnPropertyNames(o).map((k) => [k, Object.getOwnPropertyDescriptor(o, k)!]))] as const);
  return () => {
    for (const [o, props] of saved) {
      for (const k of Object.getOwnPropertyNames(o)) {
        const was = props.get(k);
        const now = Object.getOwnPropertyDescriptor(o, k)!;
        if (was && now.value === was.value && now.get === was.get && now.set === was.set) continue;
        try {
          // a wrapper put on a prototype that only inherited the method (Server.prototype.emit) goes away
          if (was) Object.defineProperty(o, k, was);
          else delete (o as Record<string, unknown>)[k];
        } catch {
          // non-configurable: the patch could not have replaced it either
        }
      }
    }
  };
}

export interface Tracing {
  /** routes the instrumentation's spans to the AlwaysOn or the AlwaysOff provider (a no-op when already there) */
  use(mode: 'sampled' | 'unsampled'): void;
  spanCount(): number;
  shutdown(): Promise<void>;
}

/** The SDK from `resolveFrom` when it is installed there, else otel-audit's own (a dependency of ours). */
function loadSdk(req: NodeJS.Require): typeof import('@opentelemetry/sdk-trace-base') {
  try {
    return req('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    return createRequire(import.meta.url)('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  }
}

/** Two BasicTracerProviders sharing a counting processor; the instrumentation starts on the sampled one. */
export function tracing(req: NodeJS.Require, instrumentation: InstrumentationLike): Tracing {
  const sdk = loadSdk(req);
  let started = 0;
  const counter: SpanProcessor = {
    onStart: () => void started++,
    onEnd: () => {},
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  const sampled = new sdk.BasicTracerProvider({ sampler: new sdk.AlwaysOnSampler(), spanProcessors: [counter] });
  const unsampled = new sdk.BasicTracerProvider({ sampler: new sdk.AlwaysOffSampler(), spanProcessors: [counter] });
  let current: 'sampled' | 'unsampled' = 'sampled';
  instrumentation.setTracerProvider(sampled);
  return {
    use(mode) {
      if (mode === current) return;
      instrumentation.setTracerProvider(mode === 'sampled' ? sampled : unsampled);
      current = mode;
    },
    spanCount: () => started,
    shutdown: async () => {
      await Promise.all([sampled.shutdown(), unsampled.shutdown()]);
    },
  };
}
