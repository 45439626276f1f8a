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

function isShimmerWrapped(fn: unknown): boolean {
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

/** Follows `path` through own data properties, the same way findWrapped found it. */
export function memberAt(root: object, path: readonly string[]): WrappedMember | undefined {
  let owner: object = root;
  for (let i = 0; i < path.length; i++) {
    const info = mockInfo(owner);
    const value = ownValue(info?.target ?? owner, path[i]!);
    if (i === path.length - 1) return isRealFunction(value) ? { path: [...path], fn: value, owner } : undefined;
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
    owner = value;
  }
  return undefined;
}
