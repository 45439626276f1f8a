// Call styles of the bench's probe (src/bench/harness/invoke.ts): a hook that throws at once fails in
// every style — also when called with a callback, where a throw inside a promise executor used to turn
// into a rejection, which counts as a completed call (the http server hook got measured on a call that
// never got past `response.on`, then failed later in the case).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseStyle, makeCall, type CallShape } from '../../src/bench/harness/invoke.js';
import { SpanCounter } from '../../src/bench/harness/tracing.js';

const shape: CallShape = { receiver: () => undefined, args: () => [{}, {}] };

describe('invoke: call styles', () => {
  it('a synchronous throw propagates in the callback style too', () => {
    const call = makeCall(
      () => {
        throw new TypeError('response.on is not a function');
      },
      shape,
      'callback',
    );
    assert.throws(() => call(), TypeError);
  });

  it('a hook that throws at once completes in no style: no style is chosen, every probe keeps its error', async () => {
    const counter = new SpanCounter();
    const hook = (...args: unknown[]): unknown => {
      counter.started++; // it got as far as its span start, then stumbled on its third argument
      return (args[2] as { on: (e: string) => void }).on('close');
    };
    const { best, probes } = await chooseStyle((style) => makeCall(hook, shape, style), counter, 100);
    assert.equal(best, undefined);
    assert.deepEqual(
      probes.map((p) => [p.style, p.completed, p.error !== null]),
      [
        ['sync', false, true],
        ['promise', false, true],
        ['callback', false, true],
      ],
    );
  });

  it('the callback style still completes when the hook calls back, and when it returns a promise that rejects', async () => {
    const viaCallback = makeCall((...args: unknown[]) => void (args[args.length - 1] as () => void)(), shape, 'callback');
    await viaCallback();
    const rejected = makeCall(() => Promise.reject(new Error('x')), shape, 'promise');
    await rejected();
  });
});
