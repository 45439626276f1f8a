// The auto-mock the harness patches when a target module is not installed: everything a patch reaches
// for exists, Proxy invariants hold (InstrumentationBase copies Proxy exports with Object.assign), and
// what a patch wrapped is found by reading the real objects behind the proxies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFunctionMock, createModuleMock, createObjectMock, isMock, mockInfo, setStubStyle } from '../../src/bench/auto-mock.js';
import { findWrapped } from '../../src/bench/find-wrapped.js';

type Fn = (...args: unknown[]) => unknown;
// a mock answers any property with anything: the tests read it as loosely as a patch does
type Loose = Record<string, any>;

/** shimmer's wrap, reduced to what matters here: markers on the wrapper, defineProperty on the owner */
function shimmerWrap(owner: Loose, name: string, factory: (original: Fn) => Fn): Fn {
  const original = owner[name] as Fn;
  const wrapped = factory(original);
  Object.defineProperty(wrapped, '__original', { value: original });
  Object.defineProperty(wrapped, '__wrapped', { value: true });
  Object.defineProperty(wrapped, '__unwrap', { value: () => undefined });
  Object.defineProperty(owner, name, { value: wrapped, configurable: true, writable: true, enumerable: owner.propertyIsEnumerable(name) });
  return wrapped;
}

describe('auto-mock', () => {
  it('creates objects and functions on demand, the same ones each time', () => {
    const m = createModuleMock() as Loose;
    assert.equal(typeof m.Client, 'function');
    assert.equal(m.Client, m.Client);
    assert.ok(isMock(m.Client.prototype));
    assert.equal(typeof m.Client.prototype.query, 'function');
    assert.equal(typeof m.deep.er.path, 'function');
  });

  it('never invents then, or the shimmer markers (awaiting a mock must not hang; stubs are not wrapped)', async () => {
    const m = createObjectMock() as Loose;
    assert.equal(m.then, undefined);
    assert.equal(m.query.__wrapped, undefined);
    assert.equal(m.query.__original, undefined);
    assert.equal(await Promise.resolve(m), m);
  });

  it('keeps Proxy invariants: Object.assign copies a function mock, prototype reported non-configurable', () => {
    const fn = createFunctionMock('Logger') as unknown as Loose;
    void fn.info;
    const copy = Object.assign({}, fn);
    assert.ok('info' in copy);
    const d = Object.getOwnPropertyDescriptor(fn, 'prototype');
    assert.equal(d?.configurable, false);
    assert.deepEqual(Reflect.ownKeys(fn).includes('prototype'), true);
  });

  it('takes the shape of a template: constants as they are, functions stubbed', () => {
    const real = { VERSION: '2.3.4', limits: { max: 10 }, connect: () => 'real' };
    const m = createModuleMock(real) as Loose;
    assert.equal(m.VERSION, '2.3.4');
    assert.equal(m.limits.max, 10);
    assert.notEqual(m.connect(), 'real');
    assert.ok(Object.keys(m).includes('connect'));
  });

  it('stub originals return a value, a resolved promise, or call the trailing callback', async () => {
    const m = createModuleMock() as Loose;
    setStubStyle('sync');
    assert.ok(isMock(m.query()));
    setStubStyle('promise');
    assert.ok(isMock(await m.query()));
    setStubStyle('callback');
    const got = await new Promise((resolve) => m.query('x', (err: unknown, r: unknown) => resolve([err, r])));
    assert.equal((got as unknown[])[0], null);
    setStubStyle('sync');
  });

  it('constructs instances that inherit the mock prototype', () => {
    const m = createModuleMock() as Loose;
    const c = new m.Client();
    assert.ok(c instanceof m.Client);
    assert.equal(c.query, m.Client.prototype.query);
  });

  it('mocks survive string and number conversion (instrumentations put arguments into span names)', () => {
    const m = createObjectMock('arg0') as Loose;
    assert.equal(`${m}`, 'arg0');
    assert.equal(Number(m), 0);
    assert.deepEqual([...(m as Iterable<unknown>)], []);
  });
});

describe('findWrapped', () => {
  it('finds shimmer wrappers by their markers, on the real objects behind the proxies', () => {
    const m = createModuleMock() as Loose;
    shimmerWrap(m.Client.prototype, 'query', (original) => function query(this: unknown, ...a: unknown[]) { return original.apply(this, a); });
    shimmerWrap(m, 'connect', (original) => function connect(this: unknown, ...a: unknown[]) { return original.apply(this, a); });
    void m.untouched;
    const found = findWrapped(m).map((w) => w.path.join('.'));
    assert.deepEqual(found.sort(), ['Client.prototype.query', 'connect']);
  });

  it('finds a stub replaced by a plain function (no shimmer markers)', () => {
    const m = createModuleMock() as Loose;
    const original = m.handle;
    m.handle = function handle(...a: unknown[]) { return original(...a); };
    assert.deepEqual(findWrapped(m).map((w) => w.path), [['handle']]);
    assert.equal(mockInfo(m)?.stubbed.get('handle'), original);
  });
});
