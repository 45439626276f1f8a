// Where the instrumentation's code installed each wrapper: the `this._wrap(…)` call, as file and line.
// A package may wrap the same member from several places — fs wraps each function of one object in a
// sync, a callback or an exists-style wrapper, from three `_wrap` calls in three branches — and then
// the target (`fs:objectToPatch.*`) cannot tell the scan's hooks apart, while the line of the call can:
// the scan's hook is that call. Recorded while listing only (a stack per `_wrap` call): a measuring
// child never pays for it, and per-call wraps (a callback wrapped on every query) are not slowed.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InstrumentationLike } from './instrumentation-like.js';

export interface InstallSite {
  /** relative to the package folder, POSIX separators */
  file: string;
  line: number;
}

const sites = new WeakMap<object, InstallSite>();

export function installSiteOf(fn: unknown): InstallSite | undefined {
  return typeof fn === 'function' || (typeof fn === 'object' && fn !== null) ? sites.get(fn) : undefined;
}

function fileOf(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  if (!name.startsWith('file:')) return name;
  try {
    return fileURLToPath(name);
  } catch {
    return undefined;
  }
}

/** The first frame in the package's own code (not in its node_modules: @opentelemetry/instrumentation, shimmer). */
function callerIn(dir: string): InstallSite | undefined {
  const saved = { prepare: Error.prepareStackTrace, limit: Error.stackTraceLimit };
  try {
    Error.stackTraceLimit = 40;
    Error.prepareStackTrace = (_e, frames) => frames;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, callerIn);
    for (const frame of holder.stack ?? []) {
      const file = fileOf(frame.getFileName());
      if (file === undefined) continue;
      const rel = path.relative(dir, file);
      if (rel.startsWith('..') || path.isAbsolute(rel) || rel.split(path.sep).includes('node_modules')) continue;
      return { file: rel.split(path.sep).join('/'), line: frame.getLineNumber() ?? 0 };
    }
    return undefined;
  } finally {
    Error.prepareStackTrace = saved.prepare;
    Error.stackTraceLimit = saved.limit;
  }
}

type Wrap = (owner: unknown, name: unknown, factory: unknown) => unknown;

type WithWrap = InstrumentationLike & { _wrap?: Wrap };

const hasWrap = (v: unknown): v is WithWrap => typeof v === 'object' && v !== null && typeof (v as { _wrap?: unknown })._wrap === 'function';

/**
 * Records, for each wrapper `inst._wrap` returns from now on, the package's line that asked for it.
 * `_massWrap` goes through `_wrap` and is covered; a direct `shimmer.wrap` is not (its cases keep
 * matching by target alone). An instrumentation that hands its module definitions over from inner
 * instrumentations it keeps in its fields (one per supported major) has those do the wrapping: theirs
 * are recorded too.
 */
export function recordInstallSites(inst: InstrumentationLike, packageDir: string): void {
  let dir = packageDir;
  try {
    dir = realpathSync(packageDir);
  } catch {
    // as given
  }
  const inner = Object.values(inst as unknown as Record<string, unknown>).filter((v): v is WithWrap => v !== inst && hasWrap(v));
  for (const self of [inst as WithWrap, ...inner]) recordOn(self, dir);
}

function recordOn(self: WithWrap, dir: string): void {
  const original = self._wrap;
  if (typeof original !== 'function') return;
  self._wrap = function (this: unknown, owner, name, factory) {
    const wrapped = original.call(this, owner, name, factory);
    if (typeof wrapped === 'function') {
      const site = callerIn(dir);
      if (site !== undefined && !sites.has(wrapped)) sites.set(wrapped, site);
    }
    return wrapped;
  };
}
