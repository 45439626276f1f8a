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
  /** InstrumentationBase lets prereleases satisfy the ranges of the definition and its files */
  includePrerelease?: boolean;
}

export interface InstrumentationLike {
  getModuleDefinitions?: () => unknown;
  setTracerProvider(provider: TracerProvider): void;
  enable(): void;
  disable(): void;
  isEnabled?: () => boolean;
  getConfig?: () => unknown;
  setConfig?: (config: unknown) => void;
}

/**
 * Makes a disabled instance behave as an enabled one where its code asks: the SDK calls `patch` when
 * the instrumentation is enabled, and many wrappers check again on every call — `isEnabled()` (mysql's
 * query, connect, pino, bunyan, dataloader, openai: straight to the original when it says false) or
 * `getConfig().enabled` (undici). Constructed with `enabled: false`, they would be measured at next to
 * nothing. `isEnabled` is answered on the instance, and the configuration says `enabled: true`; the
 * `_enabled` flag InstrumentationBase reads in `enable()`/`disable()` is left alone, so `enable()` still
 * does its whole job when the harness calls it (diagnostics channels) and is never called behind its back.
 */
function reportEnabled(inst: InstrumentationLike): void {
  if (typeof inst.isEnabled === 'function') {
    Object.defineProperty(inst, 'isEnabled', {
      value: function isEnabled(): boolean {
        return true;
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  try {
    const config = typeof inst.getConfig === 'function' ? inst.getConfig() : undefined;
    if (typeof config !== 'object' || config === null || (config as { enabled?: unknown }).enabled !== false) return;
    // InstrumentationBase hands out its own config object; a getConfig that returns a copy gets setConfig
    (config as { enabled?: unknown }).enabled = true;
    if ((inst.getConfig!() as { enabled?: unknown } | undefined)?.enabled === false && typeof inst.setConfig === 'function') inst.setConfig({ ...config, enabled: true });
  } catch {
    // a configuration that cannot be read or changed: isEnabled() alone then
  }
}

/**
 * Default configuration, except that it does not enable itself: `enabled: true` (the default) would
 * hook `require` and patch real modules in this process, which is the harness's job, done on mocks.
 * Then it reports itself enabled (reportEnabled), as it would be when the SDK patches a module.
 */
export function construct(cls: AnyClass): InstrumentationLike {
  let inst: InstrumentationLike;
  try {
    inst = new cls({ enabled: false }) as InstrumentationLike;
  } catch (first) {
    // a constructor that insists on its own defaults: take them, then switch it off again
    try {
      inst = new cls() as InstrumentationLike;
      inst.disable();
    } catch {
      throw first;
    }
  }
  reportEnabled(inst);
  return inst;
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
