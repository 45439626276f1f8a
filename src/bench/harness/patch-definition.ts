// Runs one module definition's `patch` (or one of its files') on a target mock, the way
// InstrumentationBase would when the module is required, and reports what it wrapped. Listing and
// measuring both go through here, in different processes: the same steps give the same paths.
import { isRealFunction } from './auto-mock.js';
import { findWrapped, type WrappedMember } from './find-wrapped.js';
import { definitionsOf, filesOf, rangesOf, type InstrumentationLike, type ModuleFileLike } from './instrumentation-like.js';
import { targetModule, type TargetModule } from './target-module.js';

export interface PatchedMember extends WrappedMember {
  fromReturn: boolean;
}

export interface PatchOutcome {
  /** the module (or file) name, as the definition names it: the first half of every target */
  name: string;
  target: TargetModule;
  members: PatchedMember[];
  /** `patch` threw (what it wrapped before throwing is still in `members`) */
  error: string | null;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Where the definition's patch and its files are: [-1] is the definition itself. */
export function patchSlots(inst: InstrumentationLike, definition: number): number[] {
  const def = definitionsOf(inst)[definition];
  if (def === undefined) return [];
  return [...(typeof def.patch === 'function' ? [-1] : []), ...filesOf(def).map((_, i) => i)];
}

/** `version`: patch with this version of the module (the installed module's shape only when it is that version), not the one targetModule picks. */
export function patchDefinition(inst: InstrumentationLike, req: NodeJS.Require, definition: number, file: number, version?: string): PatchOutcome {
  const def = definitionsOf(inst)[definition];
  if (def === undefined) throw new Error(`no module definition #${definition}`);
  const prerelease = { includePrerelease: def.includePrerelease === true };
  const moduleTarget = targetModule(req, def.name, rangesOf(def), prerelease, version);
  let slot: ModuleFileLike = def;
  let target = moduleTarget;
  if (file >= 0) {
    slot = filesOf(def)[file] ?? def;
    target = targetModule(req, slot.name, rangesOf(slot), prerelease, moduleTarget.version);
  }
  // InstrumentationBase records these before patching; some patches read them back
  slot.moduleExports = target.exports;
  if (file < 0) def.moduleVersion = target.version;

  let returned: unknown;
  let error: string | null = null;
  try {
    returned = slot.patch?.call(slot, target.exports, target.version);
  } catch (err) {
    error = message(err);
  }
  const members: PatchedMember[] = findWrapped(target.exports).map((m) => ({ ...m, fromReturn: false }));
  if (returned !== undefined && returned !== target.exports && returned !== null) {
    // connect, pino: the patch hands back a replacement for the whole module
    if (isRealFunction(returned)) members.push({ path: [], fn: returned, owner: target.exports, fromReturn: true });
    if (typeof returned === 'object' || typeof returned === 'function') {
      // a copy of the exports carries the same wrappers: each function is one hook
      const known = new Set(members.map((m) => m.fn));
      members.push(
        ...findWrapped(returned)
          .filter((m) => !known.has(m.fn))
          .map((m) => ({ ...m, fromReturn: true })),
      );
    }
  }
  return { name: slot.name, target, members, error };
}

/** `pg:Client.prototype.query`: reads like the static hook targets, so `scan --bench` can join on it. */
export function targetName(moduleName: string, path: readonly string[]): string {
  return `${moduleName}:${path.length === 0 ? 'module.exports' : path.join('.')}`;
}
