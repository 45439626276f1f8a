// Driving a hook to its span start. Mocks answer every read with something truthy, so a wrapper that
// returns early on `cmd.ismaster || cmd.hello`, on `event !== 'request'`, or without an active parent
// span measures its own early exit. The scan knows what the hook reads before it starts a span
// (span-start.ts: "needs"); this turns those needs into the call: an argument's value or type, a
// property left empty, a parent span, a configuration flag. Every call gets fresh objects (they
// inherit from the shared mocks), so a need never leaks into the plain call or into another case.
import type { SpanNeed } from '../protocol/child-protocol.js';
import { createFunctionMock, createObjectMock } from './auto-mock.js';
import type { CallShape } from './invoke.js';

/** No value: the property is left empty (a falsy need), or the literal `undefined`. */
const EMPTY = undefined;

/** A class a module exports (`events#EventEmitter`), resolved from where the package is; undefined when it is not there. */
export type ClassResolver = (spec: string) => (abstract new (...args: never[]) => unknown) | undefined;

/** `require` from the package's folder, then the export path: what `instance` needs name. */
export function classResolver(req: (id: string) => unknown): ClassResolver {
  return (spec) => {
    const [module, ...path] = spec.split('#');
    try {
      let v: unknown = req(module!);
      for (const key of path) v = (v as Record<string, unknown>)[key];
      return typeof v === 'function' ? (v as abstract new (...args: never[]) => unknown) : undefined;
    } catch {
      return undefined;
    }
  };
}

function valueOf(need: SpanNeed, name: string, resolve: ClassResolver): unknown {
  switch (need.is) {
    case 'instance': {
      // a mock that inherits from the class: `instanceof` holds, and every read still finds something
      const cls = resolve(String(need.value));
      return cls === undefined ? createObjectMock(name) : createObjectMock(name, undefined, cls.prototype as object);
    }
    case 'equal':
      return need.value;
    case 'falsy':
      return EMPTY;
    case 'truthy':
      return createObjectMock(name);
    case 'type':
      switch (need.value) {
        case 'function':
          return createFunctionMock(name);
        case 'string':
          return name;
        case 'number':
          return 1;
        case 'boolean':
          return true;
        case 'bigint':
          return 1n;
        case 'symbol':
          return Symbol(name);
        case 'undefined':
          return undefined;
        case 'array':
          return [createObjectMock(`${name}[0]`)];
        default:
          return createObjectMock(name);
      }
  }
}

const isObjectLike = (v: unknown): v is object => (typeof v === 'object' || typeof v === 'function') && v !== null;

/**
 * A fresh stand-in for a value on the way to a need, inheriting from it. A function stays a function
 * (`this.handle.length === 4`: a handler's arity): an object made from it would fail `typeof`, calls
 * and `Function.prototype.toString` the hook makes on it; it calls the one it stands in for, and its
 * own `name` and `length` are removed so that those are inherited too, until a need sets one.
 */
function derive(current: unknown): Record<string, unknown> {
  if (typeof current === 'function') {
    const original = current as (...args: unknown[]) => unknown;
    const fn = function (this: unknown, ...args: unknown[]): unknown {
      return Reflect.apply(original, this, args);
    };
    Object.setPrototypeOf(fn, original);
    for (const own of ['name', 'length']) Reflect.deleteProperty(fn, own);
    return fn as unknown as Record<string, unknown>;
  }
  return (isObjectLike(current) ? Object.create(current) : {}) as Record<string, unknown>;
}

/** Sets `path` under `root` (a fresh per-call object) to `value`, deriving a fresh stand-in at every step. */
function setPath(root: object, path: readonly string[], value: unknown): void {
  let obj = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = derive(obj[key]);
    Object.defineProperty(obj, key, { value: next, writable: true, enumerable: true, configurable: true });
    obj = next;
  }
  Object.defineProperty(obj, path[path.length - 1]!, { value, writable: true, enumerable: true, configurable: true });
}

/** The value of each need, made once: an object is handed out fresh per call (inheriting from it), anything else as is. */
class Values {
  private readonly made = new Map<SpanNeed, unknown>();

  constructor(private readonly resolve: ClassResolver) {}

  of(need: SpanNeed, name: string): unknown {
    if (!this.made.has(need)) this.made.set(need, valueOf(need, name, this.resolve));
    const v = this.made.get(need);
    return isObjectLike(v) && typeof v !== 'function' && !Array.isArray(v) ? Object.create(v) : v;
  }
}

/** Applies the needs about one value (an argument, the receiver) to a fresh per-call object made from `base`. */
function applyNeeds(base: unknown, needs: readonly SpanNeed[], name: string, values: Values): unknown {
  let value = base;
  for (const need of needs) {
    if (need.path.length === 0) {
      // an object mock is already an object, and truthy: only other shapes replace it
      const kept = isObjectLike(value) && typeof value !== 'function' && (need.is === 'truthy' || (need.is === 'type' && need.value === 'object'));
      if (!kept) value = values.of(need, name);
      continue;
    }
    if (!isObjectLike(value)) continue;
    setPath(value, need.path, values.of(need, `${name}.${need.path.join('.')}`));
  }
  return value;
}

const ARG = (n: SpanNeed): boolean => n.of === 'arg' && n.index !== undefined;

/** `arguments.length === n`: the call is given exactly n arguments (a callback-style call appends its callback after them). */
function argumentCount(needs: readonly SpanNeed[]): number | undefined {
  const n = needs.find((x) => x.of === 'arguments' && x.path.length === 1 && x.path[0] === 'length' && x.is === 'equal' && typeof x.value === 'number');
  return n === undefined ? undefined : Math.max(0, Math.floor(n.value as number));
}

/** The call shape with the needs on arguments and receiver applied, fresh on every call. */
export function drivenShape(shape: CallShape, needs: readonly SpanNeed[], resolve: ClassResolver = () => undefined): CallShape {
  const values = new Values(resolve);
  const argNeeds = needs.filter(ARG);
  const thisNeeds = needs.filter((n) => n.of === 'this');
  const count = argumentCount(needs);
  if (argNeeds.length === 0 && thisNeeds.length === 0 && count === undefined) return shape;
  const width = Math.max(count ?? 0, ...argNeeds.map((n) => n.index! + 1));
  const extra = Array.from({ length: width }, (_, i) => createObjectMock(`arg${i}`));
  return {
    receiver: () => {
      const r = shape.receiver();
      if (thisNeeds.length === 0 || !isObjectLike(r)) return r;
      return applyNeeds(Object.create(r), thisNeeds, 'this', values);
    },
    args: () => {
      const args = shape.args();
      // a hook that reads a later argument than the shape gives gets one more mock argument
      for (let i = args.length; i < width; i++) args.push(Object.create(extra[i]!));
      for (let i = 0; i < width; i++) {
        const own = argNeeds.filter((n) => n.index === i);
        // the shape's arguments are fresh per call already (invoke.ts): set on them directly
        if (own.length > 0) args[i] = applyNeeds(args[i], own, `arg${i}`, values);
      }
      if (count !== undefined) args.length = count;
      return args;
    },
  };
}

/** The configuration with the needs on it set (a copy; nested paths are copied on the way). */
export function drivenConfig(config: Record<string, unknown>, needs: readonly SpanNeed[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const need of needs) {
    if (need.of !== 'config' || need.path.length === 0) continue;
    let obj = out;
    for (const key of need.path.slice(0, -1)) {
      const next = isObjectLike(obj[key]) ? { ...(obj[key] as Record<string, unknown>) } : {};
      obj[key] = next;
      obj = next;
    }
    obj[need.path[need.path.length - 1]!] = need.is === 'equal' ? need.value : need.is !== 'falsy';
  }
  return out;
}

export const needsParentSpan = (needs: readonly SpanNeed[]): boolean => needs.some((n) => n.of === 'parent-span');

/**
 * What to try, in order, when the plain mocks start no span: everything the scan found at once, a
 * parent span alone (a hook may check for one in code the scan did not follow), then both. Last, when
 * the hook declares more parameters than the plain call gives (`arity`, its `length`), the same with
 * an object at each of them: a parameter it hands on to a helper (`_setupSpan(this, req, res, next)`,
 * the helper calling `res.once(…)`) fails on `undefined` after the span started, so the call never
 * completes. Not sooner: a callback-style call would find an object where its callback was.
 */
export function driveCandidates(needs: readonly SpanNeed[], hasParent: boolean, arity = 0, given = 0): SpanNeed[][] {
  const parent: SpanNeed = { of: 'parent-span', path: [], is: 'truthy' };
  const own = needs.filter((n) => n.of !== 'parent-span');
  const all = needsParentSpan(needs) ? [...own, parent] : own;
  const out: SpanNeed[][] = [];
  const add = (c: SpanNeed[]): void => {
    if (c.length === 0) return;
    const key = JSON.stringify(c);
    if (!out.some((o) => JSON.stringify(o) === key)) out.push(c);
  };
  add(all);
  if (!hasParent) {
    add([parent]);
    add([...own, parent]);
  }
  const widest = Math.max(0, ...needs.map((n) => (n.of === 'arg' && n.index !== undefined ? n.index + 1 : 0)));
  if (arity > Math.max(given, widest)) {
    const declared: SpanNeed = { of: 'arg', index: arity - 1, path: [], is: 'truthy' };
    add([...all, declared]);
    if (!hasParent) add([...own, declared, parent]);
  }
  return out;
}
