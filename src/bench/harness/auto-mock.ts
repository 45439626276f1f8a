// A recording Proxy standing in for a target module that a patch wraps: whatever the patch reaches
// for exists (objects and functions are created on demand), so that `patch` runs to the end and leaves
// its wrappers where the walk in find-wrapped.ts can see them. With a template (the real module, when
// it is installed) the mock has the real shape — names, classes, prototypes, constants — but every
// function is still a stub: calling real originals with made-up arguments would measure error paths
// or do real I/O (`http.get()` connects to localhost:80), and the overhead we want is the wrapper's.
//
// Proxy invariants matter here: `InstrumentationBase._wrap` copies Proxy exports with
// `Object.assign({}, exports)`, which asks `ownKeys` and `getOwnPropertyDescriptor`; every answer is
// read from the real target object (properties are materialised on it first), so a function target's
// non-configurable `prototype` is reported as it is.
import { types } from 'node:util';
import type { CallStyle } from '../protocol/child-protocol.js';
import { recordAsyncError } from './async-errors.js';

export type { CallStyle };

/** What stub originals do when called; set by the case runner before it calls a hook. */
const stubState = { style: 'sync' as CallStyle, calls: 0 };

export function setStubStyle(style: CallStyle): void {
  stubState.style = style;
}

/** How many times stub originals were called (a wrapper that never calls its original is worth knowing). */
export function stubCalls(): number {
  return stubState.calls;
}

export interface MockInfo {
  /** the real object behind the Proxy: the walk reads it without going through the traps */
  target: object;
  /** the real value this mock imitates, or undefined for a pure auto-mock */
  template: unknown;
  /** dotted path from the root, for names */
  path: string;
  /** stubs created on demand, by key: a real function found there later was put there by the patch */
  stubbed: Map<string, object>;
}

const infos = new WeakMap<object, MockInfo>();
const results = new WeakMap<object, object>();

export function mockInfo(value: unknown): MockInfo | undefined {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? infos.get(value) : undefined;
}

export function isMock(value: unknown): boolean {
  return mockInfo(value) !== undefined;
}

/**
 * Keys a mock never invents. `then` would make every mock a thenable (awaiting it would hang); the
 * shimmer markers must stay falsy or every stub would look wrapped; the others are probes that
 * libraries and Node's inspector use to recognise special objects.
 */
const NEVER = new Set<string>([
  'then',
  '__wrapped',
  '__original',
  '__unwrap',
  'toJSON',
  'inspect',
  'asymmetricMatch',
  'nodeType',
  '$$typeof',
  '__proto__',
  'caller',
  'callee',
  'arguments',
  'catch',
  'finally',
]);

function invents(key: PropertyKey): key is string {
  return typeof key === 'string' && !NEVER.has(key);
}

function isObjectLike(v: unknown): v is object {
  return (typeof v === 'object' || typeof v === 'function') && v !== null;
}

/** Reads a template property without letting a throwing getter (or a revoked proxy) break the patch. */
function templateValue(template: unknown, key: string): { found: boolean; value?: unknown } {
  if (!isObjectLike(template)) return { found: false };
  try {
    if (!(key in template)) return { found: false };
    return { found: true, value: (template as Record<string, unknown>)[key] };
  } catch {
    return { found: false };
  }
}

function lastSegment(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? path : path.slice(i + 1);
}

/**
 * How deep a chain of invented objects may go. Code that walks a chain until it ends
 * (`while (node.parent) node = node.parent`, graphql's `path.prev`) would never end on a mock that
 * invents the next link every time: past this depth the answer is `undefined`.
 */
const MAX_DEPTH = 12;

/**
 * A mock stands for an array as readily as for anything else (`record.messages.map(m => startSpan(…))`
 * in kafkajs' `send`): stubs that never call back would leave such a wrapper with nothing to do, and
 * measured at zero spans. So a mock's iteration methods behave like those of an array of its elements:
 * one element, `mock[0]` (a mock like any other), or the template's elements when the mock imitates a
 * real array; and `length` says as much (1, or the template's). They return what an array would, with
 * one exception: a made-up element is the one a lookup looks for — `find`/`findIndex` answer with it
 * (index 0) even when the callback turns it down, since mocks never equal one another and a lookup by
 * id (`feature.children.find(n => n.scenario.id === pickle.astNodeIds[0]).scenario`, cucumber) would
 * otherwise send the hook down an error path it never takes for real (a template array's real
 * elements are looked up as they are). Only when the first argument is a function: called otherwise
 * (`Query.prototype.find(filter)`, a method that merely shares the name), they are the stub originals
 * they would have been. Iterating a mock with `for…of` or a spread still yields nothing
 * (Symbol.iterator, below): arguments spread into calls stay as they were.
 */
const ITERATION = new Set(['map', 'forEach', 'filter', 'some', 'every', 'find', 'findIndex', 'flatMap', 'reduce', 'reduceRight']);

/** elements iterated at most: a mock's length is 1, a template array's what it is, but never more than this */
const MAX_ELEMENTS = 1_000;

function elementCount(self: object): number {
  let n: unknown;
  try {
    n = (self as { length?: unknown }).length;
  } catch {
    return 0;
  }
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), MAX_ELEMENTS) : 0;
}

type Iterate = (self: unknown, args: unknown[]) => unknown;

/**
 * `Array.prototype[method]` over the receiver's elements, the callback getting the receiver as its
 * array argument. `madeUp`: the elements are the mock's own inventions (no template array), so a
 * lookup that finds none of them finds the first.
 */
function iteration(method: string, madeUp: boolean): Iterate {
  const lookup = method === 'find' || method === 'findIndex';
  const real = (Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[lookup ? 'findIndex' : method]!;
  return (self, args) => {
    const receiver = self as Record<number, unknown>;
    const items = Array.from({ length: elementCount(receiver) }, (_, i) => receiver[i]);
    const callback = args[0] as (...a: unknown[]) => unknown;
    const relay = function (this: unknown, ...a: unknown[]): unknown {
      // (element, index, array) — reduce: (accumulator, element, index, array): the array is the mock
      a[a.length - 1] = self;
      return callback.apply(this, a);
    };
    const result = real.call(items, relay, ...args.slice(1));
    if (!lookup) return result;
    const index = result === -1 && madeUp && items.length > 0 ? 0 : (result as number);
    return method === 'findIndex' ? index : items[index];
  };
}

/** The value a missing key gets: the template's (stubbed when it is a function), or a new stub. */
function materialise(info: MockInfo, key: string): unknown {
  const child = info.path === '' ? key : `${info.path}.${key}`;
  const t = templateValue(info.template, key);
  if (!t.found && child.split('.').length > MAX_DEPTH) return undefined;
  // array shape (ITERATION above): a template array's length is found as it is
  if (!t.found && key === 'length') return 1;
  const iterate = ITERATION.has(key) && (!t.found || Array.isArray(info.template)) ? iteration(key, !Array.isArray(info.template)) : undefined;
  if (t.found && iterate === undefined && !isObjectLike(t.value)) return t.value;
  if (t.found && iterate === undefined && typeof t.value === 'object') return createObjectMock(child, t.value);
  const stub = createFunctionMock(child, t.found ? t.value : undefined, iterate);
  info.stubbed.set(key, stub);
  return stub;
}

/**
 * A mock's own properties are all enumerable, however they were first reached (a read, a listing of
 * its keys), class methods of its template included: `InstrumentationBase._wrap` wraps a Proxy through
 * a copy, `Object.assign({}, exports)`, which takes enumerable properties only — with a method left out
 * of the copy the wrap finds "no original function" and does nothing, where the real object, not a
 * Proxy, is wrapped in place (grpc's `Client.prototype.makeClientStreamRequest` after its sibling
 * `makeUnaryRequest` had been read).
 */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function handler(info: MockInfo): ProxyHandler<object> {
  return {
    get(target, key) {
      // the hot path when a hook runs: a property already there (a read through a Proxy costs ~30 ns
      // anyway; this keeps the trap from adding more to what is measured). Mock targets hold data
      // properties only, so reading them without the receiver is the same read.
      const existing = (target as Record<PropertyKey, unknown>)[key];
      if (existing !== undefined || !invents(key) || key in target) return existing;
      const value = materialise(info, key);
      define(target, key, value);
      return value;
    },
    has(target, key) {
      return invents(key) ? true : Reflect.has(target, key);
    },
    ownKeys(target) {
      // materialise the template's own keys first, so ownKeys and the descriptors agree with the target
      if (isObjectLike(info.template)) {
        for (const key of Reflect.ownKeys(info.template)) {
          if (!invents(key) || Object.hasOwn(target, key)) continue;
          define(target, key, materialise(info, key));
        }
      }
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      if (invents(key) && !Object.hasOwn(target, key) && !(key in target)) define(target, key, materialise(info, key));
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  };
}

function register(proxy: object, info: MockInfo): void {
  infos.set(proxy, info);
}

/** A plain-object mock; `proto` lets an instance inherit from a mock prototype. */
export function createObjectMock(path = '', template?: unknown, proto: object | null = Object.prototype): object {
  const target = Object.create(proto) as object;
  // `${mock}` and `mock + 1` must not throw: instrumentations put arguments into span names
  Object.defineProperty(target, Symbol.toPrimitive, { value: (hint: string) => (hint === 'number' ? 0 : lastSegment(path) || 'mock'), configurable: true });
  Object.defineProperty(target, Symbol.iterator, { value: () => [][Symbol.iterator](), configurable: true });
  const info: MockInfo = { target, template, path, stubbed: new Map() };
  const proxy = new Proxy(target, handler(info));
  register(proxy, info);
  return proxy;
}

function callbackOf(args: unknown[]): ((...a: unknown[]) => unknown) | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as (...a: unknown[]) => unknown) : undefined;
}

/** What a stub original returns: one result object per stub (no allocation per call in the timed loop). */
function resultOf(stub: object, path: string): object {
  let r = results.get(stub);
  if (r === undefined) {
    r = createObjectMock(`${path}()`);
    results.set(stub, r);
  }
  return r;
}

/**
 * A function mock: callable (a stub original), constructible (instances inherit from its mock
 * prototype), and an object whose missing properties are created on demand like any other mock.
 */
export function createFunctionMock(path = '', template?: unknown, iterate?: Iterate): (...args: unknown[]) => unknown {
  const target = function () {};
  Object.defineProperty(target, 'name', { value: lastSegment(path) || 'mock', configurable: true });
  // its length is its arity as a function, and its size as a one-element array (ITERATION above)
  Object.defineProperty(target, 'length', { value: 1, configurable: true });
  // a function mock may stand for a collection too (`for (const layer of router.stack)`)
  Object.defineProperty(target, Symbol.iterator, { value: () => [][Symbol.iterator](), configurable: true });
  // as a string (a property key above all: `logger[symbols.mixinSym]`, `logger[symbols.streamSym]` with
  // mocks for the symbols) it is its name, so that two of them are two keys, not the same source text;
  // as a number it stays NaN, as a function is
  Object.defineProperty(target, Symbol.toPrimitive, { value: (hint: string) => (hint === 'number' ? Number.NaN : lastSegment(path) || 'mock'), configurable: true });
  const info: MockInfo = { target, template, path, stubbed: new Map() };
  const base = handler(info) as ProxyHandler<(...args: unknown[]) => unknown>;
  const proxy: (...args: unknown[]) => unknown = new Proxy(target, {
    ...base,
    apply(_t, self: unknown, args: unknown[]) {
      // an iteration method called as one (with a callback, on an object): the array shape
      if (iterate !== undefined && typeof args[0] === 'function' && isObjectLike(self)) return iterate(self, args);
      stubState.calls++;
      const result = resultOf(proxy, path);
      if (stubState.style === 'promise') return Promise.resolve(result);
      if (stubState.style === 'callback') {
        const cb = callbackOf(args);
        if (cb !== undefined) {
          queueMicrotask(() => {
            // what the wrapper's callback throws would reach the library's internals: here, nobody
            try {
              cb(null, result);
            } catch (err) {
              recordAsyncError(err);
            }
          });
        }
      }
      return result;
    },
    construct(_t, _args, newTarget) {
      const proto = (newTarget as { prototype?: unknown }).prototype;
      return createObjectMock(`${path}#instance`, undefined, isObjectLike(proto) ? proto : Object.prototype);
    },
  });
  register(proxy, info);
  // the prototype is a mock too, so `X.prototype.method` exists for the patch to wrap
  const protoTemplate = templateValue(template, 'prototype');
  const prototype = createObjectMock(`${path}.prototype`, protoTemplate.found ? protoTemplate.value : undefined);
  Object.defineProperty(mockInfo(prototype)!.target, 'constructor', { value: proxy, writable: true, configurable: true, enumerable: false });
  (target as { prototype: unknown }).prototype = prototype;
  return proxy;
}

/** The root mock of a module: a function when the real module is one or when nothing is known. */
export function createModuleMock(template?: unknown): object {
  return typeof template === 'object' && template !== null ? createObjectMock('', template) : createFunctionMock('', template);
}

/** true for real (non-Proxy) functions: only a patch puts those on a mock */
export function isRealFunction(v: unknown): v is (...args: unknown[]) => unknown {
  return typeof v === 'function' && !types.isProxy(v);
}
