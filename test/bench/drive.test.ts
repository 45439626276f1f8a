// Driving a hook to its span start (harness/drive.ts): the needs the scan found are set on fresh
// per-call arguments and receivers. Shapes only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { driveCandidates, drivenShape } from '../../src/bench/harness/drive.js';
import { createFunctionMock, createObjectMock } from '../../src/bench/harness/auto-mock.js';
import type { SpanNeed } from '../../src/bench/protocol/child-protocol.js';

describe('drivenShape', () => {
  it("a need on a function's member (`this.handle.length === 4`) keeps it a function that calls the one it stands in for", () => {
    let called = 0;
    const handle = createFunctionMock('handle');
    const layer = createObjectMock('layer') as Record<string, unknown>;
    layer.handle = function handle(): string {
      called++;
      return 'ran';
    };
    const need: SpanNeed = { of: 'this', path: ['handle', 'length'], is: 'equal', value: 4 };
    const shape = drivenShape({ receiver: () => layer, args: () => [] }, [need]);
    const self = shape.receiver() as { handle: (...a: unknown[]) => unknown };
    assert.equal(typeof self.handle, 'function');
    assert.equal(self.handle.length, 4);
    // what a router checks before it starts a span: the name inherited, the source readable, the call made
    assert.equal(self.handle.name, 'handle');
    assert.doesNotThrow(() => Function.prototype.toString.call(self.handle));
    assert.equal(self.handle(1, 2), 'ran');
    assert.equal(called, 1);
    // the shared receiver is left as it was
    assert.equal((layer.handle as (...a: unknown[]) => unknown).length, 0);
    // a mock function on the way stays a function as well
    const mockLayer = createObjectMock('layer2') as Record<string, unknown>;
    mockLayer.handle = handle;
    const driven = drivenShape({ receiver: () => mockLayer, args: () => [] }, [need]).receiver() as { handle: { length: number } };
    assert.deepEqual([typeof driven.handle, driven.handle.length], ['function', 4]);
  });
});

describe('driveCandidates', () => {
  const handle: SpanNeed = { of: 'this', path: ['handle', 'length'], is: 'equal', value: 4 };
  const parent: SpanNeed = { of: 'parent-span', path: [], is: 'truthy' };
  const fourth: SpanNeed = { of: 'arg', index: 3, path: [], is: 'truthy' };

  it('after the needs and a parent span: an object at every declared parameter, when the plain call gives fewer', () => {
    assert.deepEqual(driveCandidates([handle], false, 4, 2), [[handle], [parent], [handle, parent], [handle, fourth], [handle, fourth, parent]]);
    // as many given as declared, or an argument need that reaches as far already: nothing more to try
    assert.deepEqual(driveCandidates([handle], false, 2, 2), [[handle], [parent], [handle, parent]]);
    assert.deepEqual(driveCandidates([fourth], true, 4, 2), [[fourth]]);
    assert.deepEqual(driveCandidates([], true, 3, 2), [[{ of: 'arg', index: 2, path: [], is: 'truthy' }]]);
  });

  it('`arguments.length === n`: exactly n arguments, the needs on them kept', () => {
    const count: SpanNeed = { of: 'arguments', path: ['length'], is: 'equal', value: 1 };
    const plain = { receiver: () => undefined, args: () => [createObjectMock('a0'), createObjectMock('a1')] };
    assert.equal(drivenShape(plain, [count]).args().length, 1);
    const typed: SpanNeed = { of: 'arg', index: 0, path: [], is: 'type', value: 'string' };
    assert.deepEqual(drivenShape(plain, [count, typed]).args(), ['arg0']);
    assert.equal(drivenShape(plain, [{ ...count, value: 3 }]).args().length, 3);
  });
});
