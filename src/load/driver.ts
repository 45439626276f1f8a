// The load itself: autocannon against the app on the loopback interface, bounded by time and by a
// request cap, or by an exact number of requests, each completed (the rounds and the counting pass: no
// request is cut off at the end, so the app's CPU time over a turn is all for completed requests).
// autocannon records latencies in whole milliseconds, too coarse for an app that answers in 300 µs, and
// notices its end only at its next sample tick, so each response's time is kept here, the
// percentiles are taken from them, and the duration runs from the start to the last response.
import autocannon from 'autocannon';
import { LOOPBACK } from './free-port.js';

export interface DriveOptions {
  /** http://127.0.0.1:<port>/<path>: anything else is refused */
  url: string;
  connections: number;
  /** run this long (seconds) … */
  durationS?: number;
  /** … or until this many responses, whichever comes first */
  maxRequests?: number;
  /** instead of both: exactly this many requests, each completed */
  amount?: number;
  /** per request, seconds */
  timeoutS?: number;
  signal?: AbortSignal;
}

export interface DriveResult {
  /** completed requests, any status */
  requests: number;
  /** responses outside 2xx */
  non2xx: number;
  /** connection errors and timeouts */
  errors: number;
  /** from the start to the last response */
  durationMs: number;
  latencyMs: { p50: number; p90: number; p99: number };
}

/** The loopback guard: otel-audit sends load nowhere else. */
export function assertLoopback(url: string): void {
  const u = new URL(url);
  if (u.hostname !== LOOPBACK || u.protocol !== 'http:') throw new Error(`refusing to send load to ${u.protocol}//${u.host}: only http://${LOOPBACK} is allowed`);
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function drive(o: DriveOptions): Promise<DriveResult> {
  assertLoopback(o.url);
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const started = performance.now();
    let last = started;
    // an exact number of requests waits for responses: an app that died would keep it retrying for ever,
    // so as many connection errors as requests end it (the caller finds the app gone)
    const bounds =
      o.amount !== undefined
        ? { amount: o.amount, bailout: o.amount }
        : { duration: o.durationS ?? 1, ...(o.maxRequests !== undefined ? { maxOverallRequests: Math.max(o.maxRequests, o.connections) } : {}) };
    const onAbort = (): void => instance.stop();
    const instance = autocannon(
      {
        url: o.url,
        connections: o.connections,
        ...bounds,
        timeout: o.timeoutS ?? 10,
        // autocannon checks its stop condition once per sample: often enough to end close to the duration,
        // and not to leave the app idle long after the last of an exact number of requests
        sampleInt: 20,
      },
      (err, result) => {
        o.signal?.removeEventListener('abort', onAbort);
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors,
          durationMs: Math.round((last - started) * 10) / 10,
          latencyMs: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99) },
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      last = performance.now();
    });
    if (o.signal?.aborted) instance.stop();
    else o.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
