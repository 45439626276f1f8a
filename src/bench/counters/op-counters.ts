// Which expensive operations a hook runs per call, counted in a pass of its own (never in the timed
// one: counting costs far more than the operations). The usual suspects are wrapped where code reaches
// them at call time — module exports (`fs.readFileSync`, `os.hostname`), `Module` internals that every
// `require` goes through, `process.env` (swapped for a counting Proxy), `Error.prepareStackTrace`
// (called once per formatted stack), global constructors (`RegExp`, the built-in errors) — and
// restored afterwards. *What* is counted is the rules' data (each audits/<id>.meta.ts declares its
// counters); this file holds the mechanisms. The registry's metadata loads without the compiler, so
// this bench child stays light.
// `otel-audit load` keeps them in a running app (installCounters): the module-level wrappers go in
// before the app loads — code that destructures `readFileSync` at load time holds the wrapper — and
// stay idle until a counting window, which also puts in the global ones and counts every call site.
// Each operation counts once at the outermost level (the `fs` calls inside a `require` are the
// require's), and the first call site of each is taken from a stack, in this pass only.
import Module, { createRequire, syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { audits } from '../../../audits/index.js';
import { isNotPossible, type RuntimeCounter } from '../../analysis/audit-meta.js';
import type { OpSite } from '../protocol/child-protocol.js';
import { runOnce, type Call } from '../harness/invoke.js';

type Fn = (...args: unknown[]) => unknown;
type Restore = () => void;

// the bench's own folder (dist/src/bench): frames of the harness, whichever subfolder, are not the hook's
const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// builtin modules by name: the very objects `import fs from 'node:fs'` gives, whose exports code calls
const builtin = createRequire(import.meta.url);

interface Counting {
  counts: Map<string, number>;
  sites: Map<string, OpSite>;
  /** >0 while inside a counted operation (nested ones belong to it) or inside the counter itself; also >0 between counting windows */
  depth: number;
  /** folders whose frames are the counter's own users (the harness, the load probe), never a call site */
  skip: readonly string[];
  /** every call site with its count (installCounters), beside the first site of each operation */
  bySite?: Map<string, SiteCount>;
}

/** How often an operation ran from one call site (`site` null: no frame outside Node and the skipped folders). */
export interface SiteCount {
  op: string;
  site: OpSite | null;
  count: number;
}

const originalCapture = Error.captureStackTrace;

/** The first frame outside this harness and Node's own modules: where the hook's code asked for the op. */
function callSite(skip: readonly string[], given?: NodeJS.CallSite[]): OpSite | undefined {
  let frames = given;
  if (frames === undefined) {
    const savedPrepare = Error.prepareStackTrace;
    const savedLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 60;
    Error.prepareStackTrace = (_e, f) => f;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    originalCapture(holder);
    frames = holder.stack ?? [];
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
  for (const f of frames) {
    let file = f.getFileName() ?? '';
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (file === '' || file.startsWith('node:') || !path.isAbsolute(file) || skip.some((dir) => file.startsWith(dir + path.sep))) continue;
    return { file, line: f.getLineNumber() ?? 0 };
  }
  return undefined;
}

/** `frames`: the stack to take the site from (a formatted error's own: V8 gives no new one while formatting) */
function hit(c: Counting, op: string, frames?: NodeJS.CallSite[]): void {
  c.counts.set(op, (c.counts.get(op) ?? 0) + 1);
  if (c.bySite !== undefined) {
    const site = callSite(c.skip, frames) ?? null;
    const key = site === null ? op : `${op}\0${site.file}\0${site.line}`;
    const entry = c.bySite.get(key);
    if (entry) entry.count++;
    else c.bySite.set(key, { op, site, count: 1 });
    if (site !== null && !c.sites.has(op)) c.sites.set(op, site);
    return;
  }
  if (c.sites.has(op)) return;
  const site = callSite(c.skip, frames);
  if (site) c.sites.set(op, site);
}

/** Replaces obj[key] with a counting wrapper; returns how to put it back. */
function wrap(c: Counting, obj: object, key: string, op: string | ((self: unknown, args: unknown[]) => string | undefined)): Restore {
  const rec = obj as Record<string, unknown>;
  const original = rec[key];
  if (typeof original !== 'function') return () => undefined;
  const counted = function (this: unknown, ...args: unknown[]): unknown {
    if (c.depth > 0) return (original as Fn).apply(this, args);
    c.depth++;
    try {
      const name = typeof op === 'string' ? op : op(this, args);
      if (name !== undefined) hit(c, name);
    } finally {
      c.depth--;
    }
    c.depth++;
    try {
      // `new` on a wrapped constructor-like function keeps working
      return new.target !== undefined ? Reflect.construct(original as Fn, args, new.target) : (original as Fn).apply(this, args);
    } finally {
      c.depth--;
    }
  };
  Object.defineProperties(counted, { name: { value: (original as Fn).name }, length: { value: (original as Fn).length } });
  rec[key] = counted;
  return () => {
    rec[key] = original;
  };
}

/** `require.resolve` reaches Module._resolveFilename straight from Node's helpers; `require` is counted before it. */
function resolveOp(): string {
  const savedPrepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_e, frames) => frames;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  originalCapture(holder);
  const frames = holder.stack ?? [];
  Error.prepareStackTrace = savedPrepare;
  // frames: [resolveOp, counted wrapper, caller …]
  const caller = frames.find((f, i) => i >= 2 && f.getFileName() !== undefined);
  return caller?.getFunctionName() === 'resolve' && (caller.getFileName() ?? '').startsWith('node:internal/modules') ? 'require.resolve' : 'Module._resolveFilename';
}

function formatStack(err: Error, frames: NodeJS.CallSite[]): string {
  let head: string;
  try {
    head = Error.prototype.toString.call(err);
  } catch {
    head = 'Error';
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- V8's CallSite formats itself ("fn (file:line:col)"); @types/node does not declare it
  return [head, ...frames.map((f) => `    at ${f.toString()}`)].join('\n');
}

/** Counts `new X(…)` and `X(…)` of a global constructor; subclasses defined before this pass keep the real parent and are not seen. */
function countConstructor(c: Counting, name: string): Restore {
  const g = globalThis as unknown as Record<string, unknown>;
  const Real = g[name];
  if (typeof Real !== 'function') return () => undefined;
  const counted: object = new Proxy(Real, {
    construct(target, args: unknown[], newTarget): object {
      if (c.depth === 0) hit(c, `new ${name}`);
      return Reflect.construct(target as Fn, args, newTarget === counted ? target : newTarget) as object;
    },
    apply(target, self, args: unknown[]) {
      if (c.depth === 0) hit(c, `new ${name}`);
      return Reflect.apply(target as Fn, self, args);
    },
  });
  g[name] = counted;
  return () => {
    g[name] = Real;
  };
}

/** `Error.prepareStackTrace` is called once per formatted stack (`.stack` read, uncaught error …). */
function countStackFormat(c: Counting): Restore {
  const savedPrepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (err: Error, frames: NodeJS.CallSite[]): unknown => {
    if (c.depth === 0) {
      c.depth++;
      try {
        hit(c, 'Error.stack', frames);
      } finally {
        c.depth--;
      }
    }
    return savedPrepare ? savedPrepare(err, frames) : formatStack(err, frames);
  };
  return () => {
    Error.prepareStackTrace = savedPrepare;
  };
}

function countEnv(c: Counting): Restore {
  const realEnv = process.env;
  process.env = new Proxy(realEnv, {
    get(target, key, receiver) {
      if (typeof key === 'string' && c.depth === 0) hit(c, 'process.env');
      return Reflect.get(target, key, receiver) as unknown;
    },
    ownKeys(target) {
      if (c.depth === 0) hit(c, 'process.env copy');
      return Reflect.ownKeys(target);
    },
  });
  return () => {
    process.env = realEnv;
  };
}

function exportNames(mod: object, spec: Extract<RuntimeCounter, { kind: 'exports' }>): string[] {
  if (spec.names !== undefined) return [...spec.names];
  const suffix = spec.suffix;
  return Object.keys(mod).filter((key) => suffix === undefined || key.endsWith(suffix));
}

/** Each counter a rule declares, as [what it wraps, how]: several rules may declare one target. */
function installers(c: Counting, spec: RuntimeCounter): Array<[string, () => Restore]> {
  const moduleInternals = Module as unknown as Record<string, unknown> & { prototype: object };
  switch (spec.kind) {
    case 'exports': {
      const mod = builtin(`node:${spec.module}`) as object;
      return exportNames(mod, spec).map((key) => [`${spec.module}.${key}`, () => wrap(c, mod, key, `${spec.module}.${key}`)]);
    }
    case 'global-function': {
      const owner = (globalThis as unknown as Record<string, object>)[spec.global]!;
      return [[`${spec.global}.${spec.name}`, () => wrap(c, owner, spec.name, `${spec.global}.${spec.name}`)]];
    }
    case 'constructors':
      return spec.globals.map((name) => [`new ${name}`, () => countConstructor(c, name)]);
    case 'require':
      return [['require', () => wrap(c, moduleInternals.prototype, 'require', 'require')]];
    case 'resolve':
      return [['resolve', () => wrap(c, moduleInternals, '_resolveFilename', resolveOp)]];
    case 'process.env':
      return [['process.env', () => countEnv(c)]];
    case 'stack-format':
      return [['stack-format', () => countStackFormat(c)]];
  }
}

/**
 * When a counter goes in. `module`: wrappers on module exports, Module internals and `process`, which
 * code can hold a reference to from load time on (so `load` puts them in before the app loads, idle);
 * `global`: what code reads at call time (JSON, Error, RegExp, process.env), swapped in for a counting
 * window only, so that an app under load does not run through idle proxies.
 */
type Phase = 'module' | 'global';

function phaseOf(spec: RuntimeCounter): Phase {
  switch (spec.kind) {
    case 'exports':
    case 'require':
    case 'resolve':
      return 'module';
    case 'global-function':
      return spec.global === 'process' ? 'module' : 'global';
    case 'constructors':
    case 'process.env':
    case 'stack-format':
      return 'global';
  }
}

/** Puts in the counters of one phase that the rules declare, each target once. */
function install(c: Counting, phase: Phase): Restore[] {
  // every target is looked up before the first is wrapped: loading a builtin through `require` once
  // `Module.prototype.require` counts would be counted as the hook's
  const planned = new Map<string, () => Restore>();
  for (const rule of audits) {
    if (isNotPossible(rule.counters)) continue;
    for (const spec of rule.counters.count) {
      if (phaseOf(spec) !== phase) continue;
      for (const [target, put] of installers(c, spec)) if (!planned.has(target)) planned.set(target, put);
    }
  }
  const restores = [...planned.values()].map((put) => put());
  // ESM named imports of builtins (`import { readFileSync } from 'node:fs'`) read the ESM facade
  if (phase === 'module') syncBuiltinESMExports();
  return restores;
}

export interface OpCounts {
  opsPerCall: Record<string, number>;
  opSites: Record<string, OpSite>;
}

/** Calls `call` `calls` times in a row, to completion, with every counter in place. */
export async function countOps(call: Call, calls: number, timeoutMs: number): Promise<OpCounts> {
  const c: Counting = { counts: new Map(), sites: new Map(), depth: 0, skip: [HERE] };
  const restores = [...install(c, 'module'), ...install(c, 'global')];
  try {
    for (let i = 0; i < calls; i++) await runOnce(call, timeoutMs);
  } finally {
    for (const r of restores.reverse()) r();
    syncBuiltinESMExports();
  }
  const ops = [...c.counts.keys()].sort();
  return {
    opsPerCall: Object.fromEntries(ops.map((op) => [op, c.counts.get(op)! / calls])),
    opSites: Object.fromEntries(ops.filter((op) => c.sites.has(op)).map((op) => [op, c.sites.get(op)!])),
  };
}

/** Counting windows in a long-running process (`otel-audit load`'s app): see installCounters. */
export interface CounterSwitch {
  /** counts from now on, every call site apart */
  start(): void;
  /** stops counting and returns what ran since start(), by operation and call site */
  stop(): SiteCount[];
}

/**
 * Puts the module-level counters in place now, idle (a pass-through wrapper each), so that code loaded
 * afterwards holds them; each window adds the global counters and counts by call site. `skipDirs`:
 * folders whose frames are never a call site (the caller's own code).
 */
export function installCounters(skipDirs: readonly string[]): CounterSwitch {
  // depth 1 between windows: every wrapper passes straight through
  const c: Counting = { counts: new Map(), sites: new Map(), depth: 1, skip: [HERE, ...skipDirs], bySite: new Map() };
  install(c, 'module');
  let globals: Restore[] = [];
  return {
    start() {
      c.counts.clear();
      c.sites.clear();
      c.bySite!.clear();
      globals = install(c, 'global');
      c.depth = 0;
    },
    stop() {
      c.depth = 1;
      for (const r of globals.reverse()) r();
      globals = [];
      return [...c.bySite!.values()].map((s) => ({ ...s }));
    },
  };
}
