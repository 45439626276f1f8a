// The parts of an instrumentation the harness uses, typed by shape (each package brings its own copy
// of @opentelemetry/instrumentation, so nothing here may depend on one), and how to construct one.
import type { TracerProvider } from '@opentelemetry/api';
import type { AnyClass } from './find-classes.js';

export interface ModuleFileLike {
  name: string;
  supportedVersions: string[];
  patch?: (exports: unknown, version?: string) => unknown;
  moduleExports?: unknown;
}

export interface ModuleDefinitionLike extends ModuleFileLike {
  files?: ModuleFileLike[];
  moduleVersion?: string;
}

export interface InstrumentationLike {
  getModuleDefinitions?: () => unknown;
  setTracerProvider(provider: TracerProvider): void;
  enable(): void;
  disable(): void;
}

/**
 * Default configuration, except that it does not enable itself: `enabled: true` (the default) would
 * hook `require` and patch real modules in this process, which is the harness's job, done on mocks.
 */
export function construct(cls: AnyClass): InstrumentationLike {
  try {
    return new cls({ enabled: false }) as InstrumentationLike;
  } catch (first) {
    // a constructor that insists on its own defaults: take them, then switch it off again
    try {
      const inst = new cls() as InstrumentationLike;
      inst.disable();
      return inst;
    } catch {
      throw first;
    }
  }
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function isDefinition(v: unknown): v is ModuleDefinitionLike {
  return typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string';
}

export function definitionsOf(inst: InstrumentationLike): ModuleDefinitionLike[] {
  const defs = asArray(typeof inst.getModuleDefinitions === 'function' ? inst.getModuleDefinitions() : (inst as { _modules?: unknown })._modules);
  return defs.filter(isDefinition);
}

export function filesOf(def: ModuleDefinitionLike): ModuleFileLike[] {
  return asArray(def.files).filter(isDefinition);
}

/** `supportedVersions` as a list of range strings, whatever shape a definition gave. */
export function rangesOf(def: ModuleFileLike): string[] {
  return asArray(def.supportedVersions).map(String);
}
