// One call of a wrapper outside the timed loop (finding the wrappers it installs, or setting them up
// again), bounded in time both ways: a call that never returns is stopped by a vm timeout — V8
// terminates whatever JavaScript runs, the called function included, even though it comes from this
// context — and a promise or callback that never settles is given up after a short wait. Errors are
// caught and reported: what the call wrapped before throwing is still there to be found.
import vm from 'node:vm';
import { setStubStyle, type CallStyle } from './auto-mock.js';

export interface BoundedCall {
  returned: unknown;
  /** what a returned promise resolved to, when it did within the wait */
  resolved?: { value: unknown };
  /** the call threw (or did not return in time): its message */
  error: string | null;
}

interface Holder {
  fn: (...args: unknown[]) => unknown;
  self: unknown;
  args: unknown[];
  result: unknown;
}

const holder: Holder = { fn: () => undefined, self: undefined, args: [], result: undefined };
const sandbox = vm.createContext({ holder });
const script = new vm.Script('holder.result = holder.fn.apply(holder.self, holder.args)');

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Calls `fn` on `self` with `args` (and a trailing callback in the callback style) with the stub
 * originals in `style`, then waits up to `settleMs` for what it returned or called back — at least a
 * turn of the event loop, so that wrappers installed in a `.then` are in place. The stub style is
 * restored to `restoreStyle` afterwards.
 */
export async function callWithTimeout(
  fn: (...args: unknown[]) => unknown,
  self: unknown,
  args: unknown[],
  style: CallStyle,
  options: { syncMs: number; settleMs: number; restoreStyle?: CallStyle },
): Promise<BoundedCall> {
  let calledBack: () => void = () => undefined;
  const backed = new Promise<void>((resolve) => {
    calledBack = resolve;
  });
  const all = style === 'callback' ? [...args, () => calledBack()] : args;
  const out: BoundedCall = { returned: undefined, error: null };
  setStubStyle(style);
  Object.assign(holder, { fn, self, args: all, result: undefined });
  try {
    script.runInContext(sandbox, { timeout: options.syncMs });
    out.returned = holder.result;
  } catch (err) {
    out.error = (err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' ? `did not return within ${options.syncMs} ms` : message(err);
  } finally {
    Object.assign(holder, { fn: () => undefined, self: undefined, args: [], result: undefined });
    setStubStyle(options.restoreStyle ?? 'sync');
  }
  const waits: Promise<unknown>[] = [];
  if (isThenable(out.returned)) {
    waits.push(
      Promise.resolve(out.returned).then(
        (value) => (out.resolved = { value }),
        (err: unknown) => (out.error ??= `rejected: ${message(err)}`),
      ),
    );
  }
  if (style === 'callback') waits.push(backed);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waits.length > 0 ? options.settleMs : 0);
  });
  await Promise.race([Promise.all(waits), timeout]);
  clearTimeout(timer);
  await new Promise((resolve) => setImmediate(resolve));
  return out;
}
