// The listing step of a bench child: load the package, find its instrumentations and SDK components,
// patch every module definition (and file) on a mock, and list one case per wrapped member, per
// subscribed diagnostics channel and per SDK method. Whatever yields no case is listed as a note with
// the reason, so that nothing is dropped silently.
import type { CaseSpec, ListResult, NestedStep, PackageNote, WrapCase } from '../protocol/child-protocol.js';
import { findNested, type NestedFindings, type NestedSearch } from '../harness/find-nested.js';
import { exportedClasses, isInstrumentationClass, sdkKindOf, SDK_METHODS, type AnyClass } from '../harness/find-classes.js';
import { isReexported, loadPackage, type LoadedPackage } from '../harness/load-package.js';
import { installSiteOf, recordInstallSites, type InstallSite } from '../harness/install-sites.js';
import { patchDefinition, patchSlots, targetName, type PatchedMember, type PatchOutcome } from '../harness/patch-definition.js';
import { construct, definitionsOf, filesOf, rangesOf, type ModuleDefinitionLike } from '../harness/instrumentation-like.js';
import { patchVersions, satisfies } from '../harness/version-range.js';
import { recordChannels } from '../harness/record-channels.js';
import { constructComponent, declaringClass } from '../harness/sdk-component.js';
import { createTracing, type Tracing } from '../harness/tracing.js';

const NOTHING = 'no per-call hooks to measure';

/**
 * The search for wrappers installed per call (find-nested.ts): a call that runs longer than `syncMs`
 * is stopped, a promise or callback waited for `settleMs`; the whole search has a budget per package,
 * well inside the listing's timeout, so that it can cost some nested cases but never the package.
 */
const NESTED = { syncMs: 250, settleMs: 25, maxSteps: 3, budgetMs: 15_000 };

/** `kafkajs:Kafka.prototype.producer().send`, `express:Router.prototype.use→this.stack.0.handle`, `…run→arg0.eachMessage` */
function nestedTarget(parent: string, via: readonly NestedStep[]): string {
  const origin = (s: NestedStep): string => (s.from === 'return' ? (s.awaited === true ? '()→resolved.' : '().') : s.from === 'this' ? '→this.' : `→arg${s.argIndex ?? 0}.`);
  // a key computed from a mock reads as the mock's name (`logger[symbols.mixinSym]`: `mixinSym`, auto-mock.ts); any other odd key as `[computed]`
  const key = (k: string): string => (/^[\w$@#/-]+$/.test(k) ? k : '[computed]');
  // a returned function itself (path empty): `create()`, not `create().`
  return via.reduce((t, s) => (t + origin(s) + s.path.map(key).join('.')).replace(/\.$/, ''), parent);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const NOTHING_FOUND: NestedFindings = { nested: [], parentSpan: false };

/** A fresh instance with one definition (or file) patched, as the measuring child will have it: the same first patch. */
function patchFresh(cls: AnyClass, tracing: Tracing, pkg: LoadedPackage, d: number, file: number, version: string | undefined): PatchOutcome {
  const inst = construct(cls);
  inst.setTracerProvider(tracing.sampled);
  recordInstallSites(inst, pkg.dir);
  return patchDefinition(inst, pkg.require, d, file, version);
}

/**
 * The nested wrappers of member `m`, and whether it starts spans only inside an active span: searched
 * on a patch of its own (as the measuring child will have it).
 */
async function nestedOf(cls: AnyClass, tracing: Tracing, pkg: LoadedPackage, d: number, file: number, version: string | undefined, m: PatchedMember, search: NestedSearch): Promise<NestedFindings> {
  if (Date.now() > search.deadline) return NOTHING_FOUND;
  try {
    const again = patchFresh(cls, tracing, pkg, d, file, version);
    const same = again.members.find((x) => x.fromReturn === m.fromReturn && x.path.join('.') === m.path.join('.'));
    return same === undefined ? NOTHING_FOUND : await findNested(same, again.members, search);
  } catch {
    return NOTHING_FOUND;
  }
}

const memberKey = (m: PatchedMember): string => `${m.fromReturn ? 'return' : 'exports'}:${m.path.join('.')}`;

/**
 * The versions besides the default one to patch a mocked module with (patchVersions); for a file, only
 * those its own ranges take (InstrumentationBase patches a file only then).
 */
function otherVersions(def: ModuleDefinitionLike, file: number): string[] {
  const others = patchVersions(rangesOf(def)).slice(1);
  const slot = file >= 0 ? filesOf(def)[file] : undefined;
  if (slot === undefined || rangesOf(slot).length === 0) return others;
  return others.filter((v) => satisfies(v, rangesOf(slot), { includePrerelease: def.includePrerelease === true }));
}

const siteOf = (fn: unknown): { site?: InstallSite } => {
  const site = installSiteOf(fn);
  return site === undefined ? {} : { site };
};

async function listInstrumentation(pkg: LoadedPackage, exportName: string, cls: AnyClass, tracing: Tracing, search: NestedSearch): Promise<ListResult> {
  const notes: PackageNote[] = [];
  const cases: CaseSpec[] = [];
  let probe;
  try {
    probe = construct(cls);
  } catch (err) {
    return { cases, notes: [{ status: 'failed', reason: `${exportName}: the constructor threw: ${message(err)}` }] };
  }
  const defs = definitionsOf(probe);
  // one patch's members as cases (and the wrappers nested in them); `version`: asked for, not the default one
  const listPatch = async (d: number, file: number, outcome: PatchOutcome, version: string | undefined): Promise<void> => {
    const module = `${definitionsOf(probe)[d]!.name}@${outcome.target.version}`;
    // what a member's case and the cases of the wrappers nested in it share (keys in the order cases always had)
    const memberCase = (m: PatchedMember, target: string) => ({
      kind: 'wrap' as const,
      target,
      exportName,
      definition: d,
      file,
      path: m.path,
      fromReturn: m.fromReturn,
      module,
      mock: outcome.target.mock,
      ...(version !== undefined ? { version } : {}),
    });
    const tops = outcome.members.map((m): WrapCase => ({ ...memberCase(m, targetName(outcome.name, m.path)), ...siteOf(m.fn) }));
    cases.push(...tops);
    if (version === undefined && outcome.error !== null && outcome.members.length === 0) {
      notes.push({ status: 'failed', reason: `${exportName}: patching ${outcome.name} (${module}, ${outcome.target.mock === 'auto' ? 'auto-mock' : 'installed shape'}) threw: ${outcome.error}` });
    }
    // after the cases above are in: whatever the search does, they stay
    for (const [i, m] of outcome.members.entries()) {
      const found = await nestedOf(cls, tracing, pkg, d, file, version, m, search);
      // a member that starts spans only inside an active span is measured inside one, like a nested wrapper
      if (found.parentSpan) tops[i]!.parentSpan = true;
      for (const n of found.nested) {
        cases.push({
          ...memberCase(m, nestedTarget(targetName(outcome.name, m.path), n.via)),
          via: n.via,
          ...(n.parentSpan ? { parentSpan: true } : {}),
          ...(n.assigned ? { assigned: true } : {}),
          ...siteOf(n.fn),
        });
      }
    }
  };
  for (const [d, def] of defs.entries()) {
    for (const file of patchSlots(probe, d)) {
      // a fresh instance per patch, as in the measuring child, so both see the same first patch
      let outcome: PatchOutcome;
      try {
        outcome = patchFresh(cls, tracing, pkg, d, file, undefined);
      } catch (err) {
        notes.push({ status: 'failed', reason: `${exportName}: patching ${def.name} failed: ${message(err)}` });
        continue;
      }
      await listPatch(d, file, outcome, undefined);
      // a mocked module could be any supported version: what other versions' branches of the patch wrap is listed too
      if (outcome.target.mock !== 'auto') continue;
      const seen = new Set(outcome.members.map(memberKey));
      for (const version of otherVersions(def, file)) {
        let again: PatchOutcome;
        try {
          again = patchFresh(cls, tracing, pkg, d, file, version);
        } catch {
          continue;
        }
        const fresh = again.members.filter((m) => !seen.has(memberKey(m)));
        for (const m of fresh) seen.add(memberKey(m));
        if (fresh.length > 0) await listPatch(d, file, { ...again, members: fresh }, version);
      }
    }
  }
  let channels: string[] = [];
  try {
    const inst = construct(cls);
    inst.setTracerProvider(tracing.sampled);
    channels = recordChannels(() => inst.enable());
    inst.disable();
  } catch (err) {
    notes.push({ status: 'failed', reason: `${exportName}: enable() threw: ${message(err)}` });
  }
  for (const channel of channels) cases.push({ kind: 'diagnostics-channel', target: channel, exportName, channel });

  if (cases.length === 0 && notes.length === 0) {
    const why =
      defs.length === 0
        ? 'it has no module definitions here and subscribes to no diagnostics channel (it records metrics, or builds its definitions from the environment, e.g. a Lambda handler)'
        : `patching ${defs.map((d) => d.name).join(', ')} on a mock wrapped nothing`;
    notes.push({ status: 'skipped', reason: `${NOTHING}: ${exportName}: ${why}` });
  }
  return { cases, notes };
}

function listComponent(pkg: LoadedPackage, exportName: string, cls: AnyClass): ListResult {
  const kind = sdkKindOf(cls)!;
  // a method a dependency's class declares (a shim subclass in sdk-trace-base) is measured with that dependency
  const methods = SDK_METHODS[kind].methods.filter((m) => {
    const owner = declaringClass(cls, m);
    return owner === cls || !isReexported(pkg, owner);
  });
  if (methods.length === 0)
    return { cases: [], notes: [{ status: 'skipped', reason: `${NOTHING}: ${exportName}: its ${kind} methods are declared by a dependency's class (measured with that package)` }] };
  try {
    constructComponent(cls, kind);
  } catch (err) {
    return { cases: [], notes: [{ status: 'failed', reason: `${exportName}: could not construct the ${kind} (tried a no-op exporter, no arguments, an auto-mock): ${message(err)}` }] };
  }
  const cases: CaseSpec[] = methods.map((method) => ({ kind, target: `${declaringClass(cls, method).name || exportName}.${method}`, exportName, method }));
  return { cases, notes: [] };
}

export async function listCases(dir: string, name: string): Promise<ListResult> {
  let pkg: LoadedPackage;
  try {
    pkg = await loadPackage(dir, name);
  } catch (err) {
    return { cases: [], notes: [{ status: 'failed', reason: `the package throws on load: ${message(err)}` }] };
  }
  const tracing = createTracing();
  const search: NestedSearch = { counter: tracing.counter, deadline: Date.now() + NESTED.budgetMs, ...NESTED };
  const result: ListResult = { cases: [], notes: [] };
  let found = 0;
  for (const { exportName, cls } of exportedClasses(pkg)) {
    let part: ListResult | undefined;
    if (isInstrumentationClass(cls)) part = await listInstrumentation(pkg, exportName, cls, tracing, search);
    else if (sdkKindOf(cls) !== undefined) part = listComponent(pkg, exportName, cls);
    if (part === undefined) continue;
    found++;
    result.cases.push(...part.cases);
    result.notes.push(...part.notes);
  }
  if (found === 0) result.notes.push({ status: 'skipped', reason: `${NOTHING}: no instrumentation class or SDK component (span processor, sampler, propagator) is exported` });
  return result;
}
