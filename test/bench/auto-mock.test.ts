// The auto-mock the harness patches when a target module is not installed: everything a patch reaches
// for exists, Proxy invariants hold (InstrumentationBase copies Proxy exports with Object.assign), and
// what a patch wrapped is found by reading the real objects behind the proxies.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-base-to-string, @typescript-eslint/restrict-template-expressions, @typescript-eslint/no-this-alias, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   a mock answers any property with anything: this test reads it as loosely as a patch does, and
   converts it and calls it the way an instrumentation would */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFunctionMock, createModuleMock, createObjectMock, isMock, mockInfo, setStubStyle } from '../../src/bench/harness/auto-mock.js';
import { findWrapped } from '../../src/bench/harness/find-wrapped.js';

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
  Object.defineProperty(owner, name, { value: wrapped, configurable: true, writable: true, enumerable: Object.prototype.propertyIsEnumerable.call(owner, name) });
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

  it('a copy of a mock has every member of its template, a class method too, whichever was read first (InstrumentationBase wraps a Proxy through Object.assign)', () => {
    class Client {
      unary(): string {
        return 'real';
      }
      stream(): string {
        return 'real';
      }
    }
    const proto = (createModuleMock({ Client }) as Loose).Client.prototype;
    void proto.unary; // read first, as the wrap of the first method reads it
    const copy = Object.assign({}, proto);
    for (const m of ['unary', 'stream']) assert.equal(typeof copy[m], 'function', m);
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

  it('a function mock reads as its name, so that two mocks used as property keys are two keys', () => {
    const m = createModuleMock() as Loose;
    const logger: Loose = {};
    logger[m.symbols.mixinSym] = 'mixin';
    logger[m.symbols.streamSym] = 'stream';
    assert.deepEqual(Object.keys(logger), ['mixinSym', 'streamSym']);
    assert.equal(`${m.connect}`, 'connect');
    assert.ok(Number.isNaN(Number(m.connect)));
  });
});

describe('auto-mock as an array', () => {
  type Fn3 = (element: unknown, index: number, array: unknown) => unknown;

  it('iteration methods call back once with (element, 0, the mock), and length is 1', () => {
    for (const messages of [(createObjectMock('record') as Loose).messages, createObjectMock('messages') as Loose]) {
      const element = messages[0];
      assert.ok(isMock(element));
      assert.equal(messages.length, 1);
      const seen: unknown[][] = [];
      const record: Fn3 = (...a) => seen.push(a);
      messages.forEach(record);
      assert.deepEqual(seen, [[element, 0, messages]]);
    }
  });

  it('each returns what a one-element array would (find/findIndex: see below)', () => {
    const m = (createObjectMock('record') as Loose).messages;
    const element = m[0];
    assert.deepEqual(
      m.map((e: unknown, i: number) => [e, i]),
      [[element, 0]],
    );
    assert.equal(
      m.forEach(() => 1),
      undefined,
    );
    assert.deepEqual(
      m.filter(() => true),
      [element],
    );
    assert.deepEqual(
      m.filter(() => false),
      [],
    );
    assert.equal(
      m.some(() => 1),
      true,
    );
    assert.equal(
      m.some(() => 0),
      false,
    );
    assert.equal(
      m.every(() => 1),
      true,
    );
    assert.equal(
      m.every(() => 0),
      false,
    );
    assert.equal(
      m.find(() => true),
      element,
    );
    assert.equal(
      m.findIndex(() => true),
      0,
    );
    // except that a made-up element is the one a lookup looks for (mocks never equal one another)
    let asked = 0;
    assert.equal(
      m.find((e: unknown) => (asked++, e === 'the id')),
      element,
    );
    assert.equal(
      m.findIndex(() => (asked++, false)),
      0,
    );
    assert.equal(asked, 2);
    assert.deepEqual(
      m.flatMap((e: unknown) => [e, e]),
      [element, element],
    );
    assert.deepEqual(
      m.flatMap(() => 7),
      [7],
    );
    assert.deepEqual(
      m.reduce((acc: unknown[], e: unknown, i: number, all: unknown) => [...acc, e, i, all], []),
      [element, 0, m],
    );
    assert.equal(
      m.reduceRight((acc: number) => acc + 1, 41),
      42,
    );
    // no initial value: a one-element array gives its element without calling back
    assert.equal(
      m.reduce(() => assert.fail('called back')),
      element,
    );
  });

  it('passes thisArg on; a callback that throws throws to the caller, as on an array', () => {
    const m = createObjectMock('list') as Loose;
    const self = { tag: 'self' };
    let seenThis: unknown;
    m.forEach(function (this: unknown) {
      seenThis = this;
    }, self);
    assert.equal(seenThis, self);
    assert.throws(
      () =>
        m.map(() => {
          throw new Error('from the callback');
        }),
      /from the callback/,
    );
  });

  it('called with no callback (a method that only shares the name: Query.prototype.find(filter)) it is a stub original', async () => {
    const m = createModuleMock() as Loose;
    setStubStyle('sync');
    assert.ok(isMock(m.Query.prototype.find({ name: 'x' })));
    setStubStyle('promise');
    assert.ok(isMock(await m.Query.prototype.find({ name: 'x' })));
    setStubStyle('sync');
    // and findWrapped does not take the iteration methods for wrappers
    void m.list.map((x: unknown) => x);
    assert.deepEqual(findWrapped(m), []);
  });

  it('on an instance, the receiver is the instance; a template array iterates its own elements', () => {
    const m = createModuleMock() as Loose;
    const c = new m.Collection();
    const seen: unknown[] = [];
    c.forEach((_e: unknown, _i: number, all: unknown) => seen.push(all));
    assert.deepEqual(seen, [c]);
    const real = createModuleMock({ METHODS: ['GET', 'POST'] }) as Loose;
    assert.equal(real.METHODS.length, 2);
    assert.deepEqual(
      real.METHODS.map((x: string) => x.toLowerCase()),
      ['get', 'post'],
    );
    // real elements are looked up as they are
    assert.equal(
      real.METHODS.find((x: string) => x === 'POST'),
      'POST',
    );
    assert.equal(
      real.METHODS.find((x: string) => x === 'PUT'),
      undefined,
    );
    assert.equal(
      real.METHODS.findIndex((x: string) => x === 'PUT'),
      -1,
    );
  });

  it('for…of and spreads still yield nothing', () => {
    const m = (createObjectMock('record') as Loose).messages;
    assert.deepEqual([...(m as Iterable<unknown>)], []);
  });
});

describe('findWrapped', () => {
  it('finds shimmer wrappers by their markers, on the real objects behind the proxies', () => {
    const m = createModuleMock() as Loose;
    shimmerWrap(
      m.Client.prototype,
      'query',
      (original) =>
        function query(this: unknown, ...a: unknown[]) {
          return original.apply(this, a);
        },
    );
    shimmerWrap(
      m,
      'connect',
      (original) =>
        function connect(this: unknown, ...a: unknown[]) {
          return original.apply(this, a);
        },
    );
    void m.untouched;
    const found = findWrapped(m).map((w) => w.path.join('.'));
    assert.deepEqual(found.sort(), ['Client.prototype.query', 'connect']);
  });

  it('finds a stub replaced by a plain function (no shimmer markers)', () => {
    const m = createModuleMock() as Loose;
    const original = m.handle;
    m.handle = function handle(...a: unknown[]) {
      return original(...a);
    };
    assert.deepEqual(
      findWrapped(m).map((w) => w.path),
      [['handle']],
    );
    assert.equal(mockInfo(m)?.stubbed.get('handle'), original);
  });
});
