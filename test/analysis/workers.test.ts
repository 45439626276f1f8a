// The report must not depend on how the analysis was spread over threads, and the threads must really
// do the work: the scan says which thread analysed each package on a diagnostics_channel.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { renderJson } from '../../src/report/render-json.js';
import { scan } from '../../src/scan/scan.js';
import { WORKER_RESULT_CHANNEL, type WorkerResultMessage } from '../../src/scan/scan-options.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = [`${root}test/fixtures/packages`, `${root}test/fixtures/monorepo/packages`];

describe('worker threads', () => {
  // workers are capped at the cores: a one-core machine cannot run two
  it('two workers analyse every package and give the report of one thread, byte for byte', { skip: availableParallelism() < 2 ? 'one core: scan runs at most one thread' : false }, async () => {
    const here = await scan(corpus, { workers: 1, now: () => 0 });
    const seen: WorkerResultMessage[] = [];
    const listen = (m: unknown): void => {
      seen.push(m as WorkerResultMessage);
    };
    diagnosticsChannel.subscribe(WORKER_RESULT_CHANNEL, listen);
    let spread;
    try {
      // 5 fixture packages: with the default floor of 8 packages a worker, no worker would start
      spread = await scan(corpus, { workers: 2, minPackagesPerWorker: 1, now: () => 0 });
    } finally {
      diagnosticsChannel.unsubscribe(WORKER_RESULT_CHANNEL, listen);
    }
    assert.ok(here.findings.length > 0);
    assert.equal(here.packages.length, 5);
    // every package came back from a worker, none was done again in this thread, and both workers worked
    assert.deepEqual(seen.map((m) => m.index).sort(), [0, 1, 2, 3, 4]);
    const threads = new Set(seen.map((m) => m.threadId));
    assert.equal(threads.size, 2);
    assert.ok(!threads.has(threadId), 'not the main thread');
    assert.equal(renderJson(spread), renderJson(here));
    assert.deepEqual(spread, here);
  });

  it('one thread publishes nothing: the channel only speaks for workers', async () => {
    const seen: unknown[] = [];
    const listen = (m: unknown): void => {
      seen.push(m);
    };
    diagnosticsChannel.subscribe(WORKER_RESULT_CHANNEL, listen);
    try {
      await scan(corpus, { workers: 2, now: () => 0 });
    } finally {
      diagnosticsChannel.unsubscribe(WORKER_RESULT_CHANNEL, listen);
    }
    assert.deepEqual(seen, [], '5 packages are under the default floor of 8 a worker');
  });
});
