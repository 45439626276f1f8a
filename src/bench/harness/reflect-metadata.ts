// The decorator-metadata API (`Reflect.getMetadata`, `defineMetadata`, …) that frameworks built on
// decorators read at run time. An application loads a polyfill for it (reflect-metadata) before such a
// framework, so an instrumentation's wrapper may call it freely (copying a handler's metadata onto the
// wrapper it makes); in a bench child nobody has, and the hook throws `Reflect.getMetadataKeys is not a
// function` before it gets anywhere. The package's own copy of the polyfill is loaded when it can be
// resolved from its folder; else a small one in its place (same signatures: metadata per target and
// property key, read up the prototype chain). Installed only where the API is missing.
type Key = unknown;
type Prop = string | symbol | undefined;

const store = new WeakMap<object, Map<Prop, Map<Key, unknown>>>();

const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';

function ownMap(target: unknown, prop: Prop, create: boolean): Map<Key, unknown> | undefined {
  if (!isObject(target)) return undefined;
  let byProp = store.get(target);
  if (byProp === undefined) {
    if (!create) return undefined;
    byProp = new Map();
    store.set(target, byProp);
  }
  let map = byProp.get(prop);
  if (map === undefined && create) {
    map = new Map();
    byProp.set(prop, map);
  }
  return map;
}

/** The target and its prototypes, nearest first. */
function* chain(target: unknown): Generator<object> {
  for (let t: unknown = target; isObject(t); t = Object.getPrototypeOf(t)) yield t;
}

const API = {
  defineMetadata(key: Key, value: unknown, target: unknown, prop?: Prop): void {
    ownMap(target, prop, true)?.set(key, value);
  },
  hasOwnMetadata: (key: Key, target: unknown, prop?: Prop): boolean => ownMap(target, prop, false)?.has(key) ?? false,
  getOwnMetadata: (key: Key, target: unknown, prop?: Prop): unknown => ownMap(target, prop, false)?.get(key),
  getOwnMetadataKeys: (target: unknown, prop?: Prop): Key[] => [...(ownMap(target, prop, false)?.keys() ?? [])],
  deleteMetadata: (key: Key, target: unknown, prop?: Prop): boolean => ownMap(target, prop, false)?.delete(key) ?? false,
  hasMetadata(key: Key, target: unknown, prop?: Prop): boolean {
    for (const t of chain(target)) if (ownMap(t, prop, false)?.has(key)) return true;
    return false;
  },
  getMetadata(key: Key, target: unknown, prop?: Prop): unknown {
    for (const t of chain(target)) {
      const map = ownMap(t, prop, false);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  },
  getMetadataKeys(target: unknown, prop?: Prop): Key[] {
    const keys = new Set<Key>();
    for (const t of chain(target)) for (const k of ownMap(t, prop, false)?.keys() ?? []) keys.add(k);
    return [...keys];
  },
  metadata:
    (key: Key, value: unknown) =>
    (target: unknown, prop?: Prop): void =>
      API.defineMetadata(key, value, target, prop),
};

const missing = (): boolean => typeof (Reflect as unknown as Record<string, unknown>).getMetadata !== 'function';

/** Makes the decorator-metadata API available, as the application's polyfill would: the package's own, else ours. */
export function provideReflectMetadata(req: (id: string) => unknown): void {
  if (!missing()) return;
  try {
    req('reflect-metadata');
  } catch {
    // not installed beside the package: ours below
  }
  if (!missing()) return;
  for (const [name, value] of Object.entries(API)) {
    if (typeof (Reflect as unknown as Record<string, unknown>)[name] !== 'function') Object.defineProperty(Reflect, name, { value, writable: true, configurable: true, enumerable: false });
  }
}
