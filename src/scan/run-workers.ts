// Runs the analysis of a plan on worker threads. Workers are started before discovery, so that
// loading the compiler in them overlaps the main thread's walk of node_modules; each then takes the
// next package from a shared queue, so the cores stay busy whatever the package sizes. A worker that
// dies takes nothing down: the caller retries in-process whatever has no result.
import diagnosticsChannel from 'node:diagnostics_channel';
import { Worker } from 'node:worker_threads';
import type { AnalyserOptions, AnalyserState, FailedPackage, PackageResult } from './package-analyser.js';
import type { ScanPlan } from './plan.js';
import { WORKER_RESULT_CHANNEL, type WorkerResultMessage } from './scan-options.js';
import type { FromWorker, ToWorker } from './worker.js';

export interface WorkerRun {
  results: Map<number, PackageResult>;
  states: AnalyserState[];
  /** packages whose analysis threw */
  failed: FailedPackage[];
}

const workerResults = diagnosticsChannel.channel(WORKER_RESULT_CHANNEL);

export function startWorkers(count: number): Worker[] {
  return Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url)));
}

export function stopWorkers(workers: Worker[]): void {
  for (const w of workers) void w.terminate();
}

export function runWorkers(workers: Worker[], plan: ScanPlan, indexes: readonly number[], options: AnalyserOptions, record: boolean, onResult: (index: number) => void): Promise<WorkerRun> {
  const queue = [...indexes];
  const run: WorkerRun = { results: new Map(), states: [], failed: [] };
  const drive = (worker: Worker): Promise<void> =>
    new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        void worker.terminate();
        resolve();
      };
      const next = (): void => {
        const index = queue.shift();
        worker.postMessage((index === undefined ? { type: 'finish' } : { type: 'analyse', index }) satisfies ToWorker);
      };
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'state') {
          run.states.push(msg.state);
          finish();
          return;
        }
        if (msg.type === 'result') {
          run.results.set(msg.index, msg.result);
          if (workerResults.hasSubscribers) workerResults.publish({ index: msg.index, threadId: msg.threadId } satisfies WorkerResultMessage);
        } else run.failed.push({ index: msg.index, message: msg.message, ...(msg.inputs ? { inputs: msg.inputs } : {}) });
        onResult(msg.index);
        next();
      });
      worker.on('error', finish);
      worker.on('exit', finish);
      worker.postMessage({ type: 'plan', plan, options, record } satisfies ToWorker);
      next();
    });
  return Promise.all(workers.map(drive)).then(() => run);
}
