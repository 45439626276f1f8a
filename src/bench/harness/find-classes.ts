// Which exported classes the harness can measure: instrumentations (subclasses of InstrumentationBase,
// by prototype chain or by shape, since every package has its own copy of @opentelemetry/instrumentation)
// and SDK components (span processors, samplers, propagators), recognised by the methods of their
// interface. Classes a dependency defines and this package re-exports are left to that dependency.
import type { SdkKind } from '../protocol/child-protocol.js';
import { isReexported, type LoadedPackage } from './load-package.js';

export type AnyClass = (new (...args: unknown[]) => object) & { readonly prototype: object };

export interface ExportedClass {
  exportName: string;
  cls: AnyClass;
}

/** The abstract bases themselves are exported by @opentelemetry/instrumentation: not instrumentations. */
const BASE_NAMES = new Set(['InstrumentationBase', 'InstrumentationAbstract']);

/** The per-span methods of each SDK interface, and what else the interface must have. */
export const SDK_METHODS: Record<SdkKind, { methods: string[]; alsoHas: string[] }> = {
  'span-processor': { methods: ['onStart', 'onEnd'], alsoHas: ['forceFlush', 'shutdown'] },
  sampler: { methods: ['shouldSample'], alsoHas: [] },
  propagator: { methods: ['inject', 'extract'], alsoHas: ['fields'] },
  'log-processor': { methods: ['onEmit'], alsoHas: ['forceFlush', 'shutdown'] },
};

function isClass(v: unknown): v is AnyClass {
  return typeof v === 'function' && typeof (v as { prototype?: unknown }).prototype === 'object' && (v as { prototype?: unknown }).prototype !== null;
}

function hasMethods(proto: object, names: string[]): boolean {
  return names.every((n) => typeof (proto as Record<string, unknown>)[n] === 'function');
}

export function isInstrumentationClass(cls: AnyClass): boolean {
  if (BASE_NAMES.has(cls.name)) return false;
  for (let p = Object.getPrototypeOf(cls) as unknown; typeof p === 'function'; p = Object.getPrototypeOf(p)) {
    if ((p as { name?: string }).name === 'InstrumentationBase') return true;
  }
  return hasMethods(cls.prototype, ['getModuleDefinitions', 'enable', 'disable', 'setTracerProvider']);
}

export function sdkKindOf(cls: AnyClass): SdkKind | undefined {
  for (const [kind, shape] of Object.entries(SDK_METHODS) as Array<[SdkKind, (typeof SDK_METHODS)[SdkKind]]>) {
    if (hasMethods(cls.prototype, [...shape.methods, ...shape.alsoHas])) return kind;
  }
  return undefined;
}

/** Exported classes in name order (deterministic), each once (a class exported twice keeps its first name). */
export function exportedClasses(pkg: LoadedPackage): ExportedClass[] {
  const seen = new Set<unknown>();
  const out: ExportedClass[] = [];
  const names = Object.keys(pkg.exports).sort();
  for (const exportName of names) {
    let value: unknown;
    try {
      value = pkg.exports[exportName];
    } catch {
      continue;
    }
    if (!isClass(value) || seen.has(value)) continue;
    seen.add(value);
    if (isReexported(pkg, value)) continue;
    out.push({ exportName, cls: value });
  }
  return out;
}
