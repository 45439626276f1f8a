// A worker thread of the scan: it loads the analysis (and the compiler) as soon as it starts, then
// receives the plan, analyses the packages the main thread hands it one at a time, and reports what
// it parsed when told to finish.
import { parentPort, threadId } from 'node:worker_threads';
import { loadAudits } from '../../audits/index.js';
import { AnalysisFailure, PackageAnalyser, type AnalyserOptions, type AnalyserState, type PackageInputs, type PackageResult } from './package-analyser.js';
import type { ScanPlan } from './plan.js';

export type ToWorker = { type: 'plan'; plan: ScanPlan; options: AnalyserOptions; record: boolean } | { type: 'analyse'; index: number } | { type: 'finish' };
export type FromWorker =
  { type: 'result'; index: number; threadId: number; result: PackageResult } | { type: 'failed'; index: number; message: string; inputs?: PackageInputs } | { type: 'state'; state: AnalyserState };

const port = parentPort!;
// the detectors, before listening: messages the main thread sends meanwhile wait in the port
const audits = await loadAudits();
let analyser: PackageAnalyser | undefined;

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'plan') {
    analyser = new PackageAnalyser(audits, msg.plan.roots, msg.plan.packages, msg.options, msg.record);
    return;
  }
  if (!analyser) throw new Error('scan worker: no plan received');
  if (msg.type === 'finish') {
    analyser.release();
    port.postMessage({ type: 'state', state: analyser.state() } satisfies FromWorker);
    return;
  }
  try {
    port.postMessage({ type: 'result', index: msg.index, threadId, result: analyser.analyse(msg.index) } satisfies FromWorker);
  } catch (err) {
    const inputs = err instanceof AnalysisFailure ? err.inputs : undefined;
    port.postMessage({ type: 'failed', index: msg.index, message: err instanceof Error ? err.message : String(err), ...(inputs ? { inputs } : {}) } satisfies FromWorker);
  }
});
