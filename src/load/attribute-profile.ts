// Which package a CPU profile's time went to, per request. Each sample is charged to the innermost frame
// that belongs to a package: Node's internals and native functions (`readFileSync`'s syscalls,
// `JSON.parse`) are charged to the package that called them — that is what the package costs — and
// only a stack without any package code is Node's own (`(node)`: the HTTP parser, timers). One part of
// Node is a bucket of its own, `(async hooks)`: the async_hooks callbacks and AsyncLocalStorage
// propagation that run on every async operation (a socket write, a promise) once a context manager
// turned them on — charged to whichever code started the operation, they would make the app look
// slower where the instrumentation's context propagation is. V8's pseudo-frames are buckets too
// (`(gc)`, `(program)`); idle samples are left out. A package's total is the samples with it anywhere
// on the stack. The packages Node bundles (`node:internal/deps/undici`: global fetch) are packages
// too, named `node:undici`. Pure: the caller says which package a script is.
import type { Profiler } from 'node:inspector';
import type { PackageCost } from '../model/load.js';
import { round3 } from './stats.js';

/** The package a script URL belongs to, or null for code of no package (Node internals, natives). */
export type PackageOfUrl = (url: string) => string | null;

/** V8's pseudo-frames: their bucket, or null for idle time (left out) */
const PSEUDO: Readonly<Record<string, string | null>> = { '(idle)': null, '(program)': '(program)', '(garbage collector)': '(gc)' };
export const NODE_BUCKET = '(node)';
export const ASYNC_HOOKS_BUCKET = '(async hooks)';

/** Node's async_hooks machinery: the public module (AsyncHook, AsyncLocalStorage) and the internal emitters of hook events. */
function isAsyncHooks(frame: Profiler.ProfileNode['callFrame']): boolean {
  const { url, functionName } = frame;
  return url === 'node:async_hooks' || url.startsWith('node:internal/async_local_storage') || (url === 'node:internal/async_hooks' && functionName.startsWith('emit'));
}

export interface Attribution {
  /** busy samples: everything but idle */
  samples: number;
  packages: PackageCost[];
}

export function attributeProfile(profile: Profiler.Profile, requests: number, packageOf: PackageOfUrl): Attribution {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const urlPackage = new Map<string, string | null>();
  const frameOf = (id: number): string | null => {
    const frame = byId.get(id)!.callFrame;
    if (isAsyncHooks(frame)) return ASYNC_HOOKS_BUCKET;
    const url = frame.url;
    const bundled = /^node:internal\/deps\/([^/]+)/.exec(url);
    if (bundled !== null) return `node:${bundled[1]}`;
    if (!urlPackage.has(url)) urlPackage.set(url, url === '' || url.startsWith('node:') ? null : packageOf(url));
    return urlPackage.get(url)!;
  };

  // per tree node (a node is one distinct stack): the package charged, and the packages on the stack
  const charged = new Map<number, string | null>();
  const onStack = new Map<number, readonly string[]>();
  const resolve = (id: number): void => {
    const path: number[] = [];
    for (let at: number | undefined = id; at !== undefined && !charged.has(at); at = parent.get(at)) path.push(at);
    for (const n of path.reverse()) {
      const p = parent.get(n);
      const name = byId.get(n)!.callFrame.functionName;
      if (p === undefined || (parent.get(p) === undefined && Object.hasOwn(PSEUDO, name))) {
        // the root, and V8's pseudo-frames, which hang off it
        charged.set(n, p === undefined ? NODE_BUCKET : (PSEUDO[name] ?? null));
        onStack.set(n, []);
        continue;
      }
      const own = frameOf(n);
      const above = onStack.get(p)!;
      // a frame of no package is charged to its caller's package: to Node when there is none
      charged.set(n, own ?? (above.length > 0 ? charged.get(p)! : NODE_BUCKET));
      onStack.set(n, own === null || above.includes(own) ? above : [...above, own]);
    }
  };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  const samples = profile.samples ?? [];
  for (const id of samples) {
    if (!byId.has(id)) continue;
    resolve(id);
    const c = charged.get(id)!;
    if (c === null) continue; // idle
    busy++;
    self.set(c, (self.get(c) ?? 0) + 1);
    const stack = onStack.get(id)!;
    for (const p of stack) total.set(p, (total.get(p) ?? 0) + 1);
    if (!stack.includes(c)) total.set(c, (total.get(c) ?? 0) + 1);
  }
  const usPerSample = samples.length > 0 ? (profile.endTime - profile.startTime) / samples.length : 0;
  const perRequest = (n: number): number => (requests > 0 ? round3((n * usPerSample) / requests) : 0);
  const packages = [...self.keys(), ...[...total.keys()].filter((k) => !self.has(k))]
    .map((p) => ({
      package: p,
      selfUsPerRequest: perRequest(self.get(p) ?? 0),
      totalUsPerRequest: perRequest(total.get(p) ?? 0),
      selfPct: busy > 0 ? round3(((self.get(p) ?? 0) / busy) * 100) : 0,
      n: self.get(p) ?? 0,
    }))
    .sort((a, b) => b.n - a.n || (total.get(b.package) ?? 0) - (total.get(a.package) ?? 0) || (a.package < b.package ? -1 : a.package > b.package ? 1 : 0))
    .map(({ n: _n, ...cost }) => cost);
  return { samples: busy, packages };
}
