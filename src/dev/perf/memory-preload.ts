// Preloaded into a benchmarked scan (`node --import <this file>`) by `npm run bench:scan -- --memory`:
// at every phase boundary the scan publishes (SCAN_PHASE_CHANNEL) and at exit, it takes the heap's
// figures — live heap after a full GC (what the scan still holds), the heap's size, memory outside the
// heap, RSS and the peak RSS so far — and writes them as JSON to the file OTEL_AUDIT_MEMORY_FILE names.
// The forced GC is why this runs only in the memory runs, never in the timed ones.
import diagnostics_channel from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

export const MEMORY_ENV = 'OTEL_AUDIT_MEMORY_FILE';
/** the same name as src/scan/scan.ts's; not imported, so that preloading this loads nothing of the scan */
const PHASE_CHANNEL = 'otel-audit:scan:phase';

export interface MemorySample {
  /** `discover`, `analyse 75/754`, `merge`, `exit` */
  phase: string;
  /** ms since the process started */
  atMs: number;
  /** heap in use after a full GC: what is still referenced */
  liveHeapMb: number;
  /** the heap's reserved size */
  heapTotalMb: number;
  /** C++ objects bound to JS objects, array buffers (file contents read as Buffers) */
  externalMb: number;
  rssMb: number;
  /** peak RSS so far (getrusage) */
  peakRssMb: number;
}

const target = process.env[MEMORY_ENV];
if (target !== undefined && target !== '') {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const samples: MemorySample[] = [];
  const sample = (phase: string): void => {
    gc();
    const heap = v8.getHeapStatistics();
    const mem = process.memoryUsage();
    samples.push({
      phase,
      atMs: Math.round(performance.now()),
      liveHeapMb: mb(heap.used_heap_size),
      heapTotalMb: mb(heap.total_heap_size),
      externalMb: mb(mem.external),
      rssMb: mb(mem.rss),
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    });
  };
  diagnostics_channel.subscribe(PHASE_CHANNEL, (message) => {
    const m = message as { phase: string; done?: number; total?: number };
    sample(m.phase === 'analyse' && m.done !== undefined ? `analyse ${m.done}/${m.total ?? '?'}` : m.phase);
  });
  process.on('exit', () => {
    sample('exit');
    writeFileSync(target, `${JSON.stringify(samples)}\n`);
  });
}
