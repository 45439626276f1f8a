// Keeps an analyser's heap near what it holds. Between packages the analysis keeps little (the trees
// under the held-source budget, the results so far), but V8 grows the old generation by up to 4× the
// live size before it collects, more so when the machine is busy: on the third-party corpus the live heap
// stayed at 200-300 MB while the peak RSS reached 1,087 MB. A full collection between two packages,
// once the heap has grown by half since the last one, holds RSS near the live size at the price of a few
// collections V8 would have run later anyway. Collecting at 1.5× rather than 2×: on the third-party corpus
// peak RSS 741 → 584 MB for 35.9 → 36.6 s of CPU (in-process runs, one after another); later, whole
// processes on a busy machine, one run each: 557-620 MB at 2× (four runs), 537 MB at 1.75×, 523 MB at
// 1.5× (the bare parse of the same files: 279 MB), CPU time within the machine's noise.
import v8 from 'node:v8';
import vm from 'node:vm';

/** below this the heap is left to V8: small scans never pay for a collection */
const FLOOR_BYTES = 256 * 1024 * 1024;
/** collect once the heap in use has grown this much since the last collection (see above) */
const GROWTH = 1.5;
/**
 * V8's heap growing factor (1 + this / 100) once the heap in use passed the floor. Between packages the
 * collections above hold the heap down, but inside one big package (dd-trace: 1,032 files, 6 MB of
 * source, 170 MB of trees) V8 alone decides, and with its default (a factor it picks up to 4× from
 * how fast it collects) the third-party corpus peaked at 592-612 MB RSS against a bare parse's 285 MB.
 * Whole processes, one run each on a quiet machine, same report every time: 100 → 527 MB, 50 → 515 MB,
 * 35 → 478 MB, 20 → 459-462 MB, with CPU time inside the runs' spread (41-50 s). 25 holds most of the
 * gain. Left alone below the floor, where the embedded default (270 MB) lives.
 */
const GROWING_PERCENT = 25;
/** analysers (threads share the process's V8 flags) holding the growing factor down: the last one restores it */
let holding = 0;

function setGrowingPercent(percent: number): void {
  try {
    v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // a host that forbids it: V8 decides alone
  }
}

let collect: (() => void) | null | undefined;

/** V8's full collection, exposed for this purpose only (in a fresh context; the global gc stays unset). */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  } catch {
    collect = null; // a host that forbids it: V8 decides alone, as before
  }
  return collect;
}

export class HeapBound {
  private afterLast = 0;
  private holds = false;

  /**
   * Between packages: once the heap in use passed the floor, V8's growing factor held down (until
   * release), and a full collection when it grew by GROWTH since the last one.
   */
  check(): void {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used < FLOOR_BYTES) return;
    if (!this.holds) {
      this.holds = true;
      if (holding++ === 0) setGrowingPercent(GROWING_PERCENT);
    }
    if (used < this.afterLast * GROWTH) return;
    const gc = collector();
    if (!gc) return;
    gc();
    this.afterLast = v8.getHeapStatistics().used_heap_size;
  }

  /** The scan is over: V8's own growing factor again (0: the default), when no other analyser holds it. */
  release(): void {
    if (!this.holds) return;
    this.holds = false;
    if (--holding === 0) setGrowingPercent(0);
  }
}
