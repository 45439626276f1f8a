// After `patch` ran on a mock: which members did it wrap? Everything the mock created is a Proxy, so a
// real function on it was put there by the patch: a shimmer wrapper (`__wrapped === true`), or a plain
// replacement of a stub the patch had read. Never trust a property read on the mock itself (it answers
// for everything): the walk reads the real objects behind the proxies.
import { isRealFunction, mockInfo } from './auto-mock.js';

export interface WrappedMember {
  path: string[];
  fn: (...args: unknown[]) => unknown;
  /** the object the member sits on (the receiver a call gets when nothing better is known) */
  owner: object;
}

const MAX_DEPTH = 6;

export function isShimmerWrapped(fn: unknown): boolean {
  try {
    return (fn as { __wrapped?: unknown }).__wrapped === true;
  } catch {
    return false;
  }
}

function ownValue(obj: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  return d !== undefined && 'value' in d ? d.value : undefined;
}

/** Wrapped functions reachable from `root` through own data properties, in property order. */
export function findWrapped(root: object): WrappedMember[] {
  const found: WrappedMember[] = [];
  const seen = new Set<object>();
  const walk = (obj: object, path: string[]): void => {
    if (seen.has(obj) || path.length > MAX_DEPTH) return;
    seen.add(obj);
    const info = mockInfo(obj);
    // for a mock, read the real target behind the proxy (no traps, nothing created by looking)
    const real = info?.target ?? obj;
    for (const key of Object.getOwnPropertyNames(real)) {
      if (info === undefined && (key === 'prototype' || key === 'constructor')) continue;
      const value = ownValue(real, key);
      if (isRealFunction(value) && (isShimmerWrapped(value) || info?.stubbed.has(key) === true)) {
        found.push({ path: [...path, key], fn: value, owner: obj });
        continue;
      }
      if (mockInfo(value) !== undefined) walk(value as object, [...path, key]);
    }
  };
  walk(root, []);
  return found;
}

/**
 * The own data property `key` of `obj` as the walks see it: a mock's from the real object behind the
 * Proxy; a plain object's own, else — for an object made with `Object.create(mock)` (a receiver or an
 * argument the harness made) — the value it inherits from that mock.
 */
function readKey(obj: object, key: string): unknown {
  const info = mockInfo(obj);
  if (info !== undefined) return ownValue(info.target, key);
  if (Object.hasOwn(obj, key)) return ownValue(obj, key);
  const proto = mockInfo(Object.getPrototypeOf(obj));
  return proto === undefined ? undefined : ownValue(proto.target, key);
}

/** Follows `path` through own data properties, the same way findWrapped and findNewWrappers found it. */
export function memberAt(root: object, path: readonly string[]): WrappedMember | undefined {
  // a function a wrapper returned of its own making (find-nested.ts): the root itself
  if (path.length === 0) return isRealFunction(root) ? { path: [], fn: root, owner: root } : undefined;
  let owner: object = root;
  for (let i = 0; i < path.length; i++) {
    const value = readKey(owner, path[i]!);
    if (i === path.length - 1) return isRealFunction(value) ? { path: [...path], fn: value, owner } : undefined;
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
    owner = value;
  }
  return undefined;
}

const NEW_MAX_DEPTH = 5;
/** keys looked at per object: a big array or module is not where a per-call wrapper hides past this */
const NEW_MAX_KEYS = 300;

/** Objects the walk for new wrappers goes into: mocks, arrays, plain objects, and objects made from a mock. */
function walkable(value: unknown): value is object {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  if (mockInfo(value) !== undefined) return true;
  if (typeof value === 'function') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null || mockInfo(proto) !== undefined;
}

/**
 * Wrappers that a call installed, found from what the call touched (`root`: its return value, receiver
 * or an argument): real functions not in `known` that are shimmer wrappers, or that took the place of a
 * stub the call had read (`config.eachMessage = wrap(config.eachMessage)` on an argument inheriting
 * from a mock). Goes through mocks, arrays and plain objects (a router's `stack`), to a bounded depth;
 * an object made with `Object.create(mock)` is walked with what it inherits from that mock.
 */
export function findNewWrappers(root: unknown, known: ReadonlySet<unknown>): WrappedMember[] {
  const found: WrappedMember[] = [];
  if (!walkable(root)) return found;
  const seen = new Set<object>();
  const walk = (obj: object, path: string[]): void => {
    if (seen.has(obj) || path.length >= NEW_MAX_DEPTH) return;
    seen.add(obj);
    const info = mockInfo(obj);
    const protoInfo = info === undefined ? mockInfo(Object.getPrototypeOf(obj)) : undefined;
    // where keys come from, in order: the object itself (the real one behind a mock), then the mock it inherits from
    const layers = info !== undefined ? [info.target] : protoInfo !== undefined ? [obj, protoInfo.target] : [obj];
    const stubs = info?.stubbed ?? protoInfo?.stubbed;
    // the mock it inherits from is walked here, as part of it: not again under another name
    if (protoInfo !== undefined) seen.add(Object.getPrototypeOf(obj) as object);
    const done = new Set<string>();
    for (const layer of layers) {
      const inherited = layer !== obj && info === undefined;
      for (const key of Object.getOwnPropertyNames(layer).slice(0, NEW_MAX_KEYS)) {
        if (done.has(key)) continue;
        done.add(key);
        // a class's prototype and constructor lead back to where we are, under a longer name
        if ((info === undefined || inherited) && (key === 'prototype' || key === 'constructor')) continue;
        const value = ownValue(layer, key);
        if (isRealFunction(value)) {
          const stub = stubs?.get(key);
          if (!known.has(value) && (isShimmerWrapped(value) || (stub !== undefined && stub !== value))) found.push({ path: [...path, key], fn: value, owner: obj });
          continue;
        }
        if (walkable(value)) walk(value, [...path, key]);
      }
    }
  };
  walk(root, []);
  return found;
}
