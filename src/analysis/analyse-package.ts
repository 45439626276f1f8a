// One package: find its hooks, walk the call graph from them (per call) and from its setup code
// (once), and classify every expensive operation the audits found in its files — plus the ones in
// dependencies that its hooks reach.
import path from 'node:path';
import { ts } from '../util/ts.cjs';
import type { Frequency, HookKind } from '../model/report.js';
import { moduleOrigin, type ModuleOrigin } from '../model/set-up-methods.js';
import { factsOf, type CallGraph } from './call-graph.js';
import { CallSites } from './call-sites.js';
import { ChannelPublishers } from './channel-publishers.js';
import { AssignHookFinder } from './find-assign-hooks.js';
import { ChannelHookFinder } from './find-channel-hooks.js';
import { FrameworkHookFinder } from './find-framework-hooks.js';
import { HookFinder, type HookSite } from './find-hooks.js';
import { FrequencyRules, hooksFailureReport } from './frequency-rules.js';
import { isConditional, isFailureSignal } from './guards.js';
import { DEAD, ERROR, NORMAL, ONCE, reachLevels, SET_UP, type LevelReached } from './per-call-reach.js';
import { pathTo, reach, type GraphNode } from './reach.js';
import { RegistrationLifter } from './registrations.js';
import { hookFrequencyOf, type HookFrequencyDecision } from './set-up-methods.js';
import type { AuditHit } from './run-audits.js';
import { unwrap } from './module-ref.js';
import { instanceInitializers, isFunctionLike, resolveIdentifier, type Runner } from './scope.js';
import { SetupReach } from './setup-reach.js';
import { spanStartOf, type RawSpanStart } from './span-start.js';
import { syntaxIndex } from './syntax-index.js';
import type { Values } from './values.js';
import type { SourceUnit, Workspace } from './workspace.js';

/** Methods that run when an instrumentation is set up or torn down, not per call. */
const SETUP_METHODS =
  /^(init|enable|disable|patch|unpatch|_?patch\w*|_?unpatch\w*|_onRequire|setTracerProvider|setMeterProvider|setLoggerProvider|setConfig|shutdown|forceFlush|_updateMetricInstruments|_setMetricInstruments)$/;

export interface Hook extends HookSite, HookFrequencyDecision {
  id: string;
  /** the first span start its code reaches and the conditions on the way (span-start.ts), or null */
  spanStart?: RawSpanStart | null;
}

export interface RawFinding {
  hit: AuditHit;
  unit: SourceUnit;
  frequency: Frequency;
  path: 'normal' | 'error';
  conditional: boolean;
  hook: Hook | null;
  /** call chain from the hook's function to the function holding the operation */
  chain: Array<{ fn: GraphNode; via?: ts.Node }>;
  /** id of the package whose hook reaches this code, when the code lives in another package */
  reachedFrom?: string;
  /** per-call code in a branch correct callers never take: why (see dead-branch.ts) */
  deadBranch?: string;
}

export interface PackageAnalysis {
  hooks: Hook[];
  findings: RawFinding[];
}

export interface AnalysisContext {
  ws: Workspace;
  values: Values;
  graph: CallGraph;
  crossPackage: boolean;
  /** set-up method names from the policy file, beside the built-in ones (set-up-methods.ts) */
  setUpMethods?: readonly string[];
}

function position(node: ts.Node): [string, number] {
  return [node.getSourceFile().fileName, node.getStart()];
}

function byPosition(a: ts.Node, b: ts.Node): number {
  const [fa, pa] = position(a);
  const [fb, pb] = position(b);
  return fa < fb ? -1 : fa > fb ? 1 : pa - pb;
}

function assignIds(sites: HookSite[], setUpMethods: readonly string[] = []): Hook[] {
  const sorted = [...sites].sort((a, b) => byPosition(a.site, b.site) || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  const used = new Map<string, number>();
  return sorted.map((s) => {
    const base = `${s.kind}:${s.target}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    // an assignment over a module's export names the module in its target (`@jest/core/build/x.js:createX`)
    const origin = s.origin ?? (s.kind === 'assign' && s.target.includes(':') ? moduleOrigin(s.target.slice(0, s.target.indexOf(':'))) : undefined);
    return { ...s, id: n === 1 ? base : `${base}#${n}`, ...hookFrequencyOf(s.kind, s.method, setUpMethods, origin, s.target) };
  });
}

/**
 * Constructors, instance field initialisers (they run with the constructor) and set-up methods of every
 * class in the package (module top level is a root by itself).
 */
function setupRoots(units: SourceUnit[]): Runner[] {
  const roots: Runner[] = [];
  for (const u of units) {
    for (const cls of syntaxIndex(u.sf).classes) {
      if (instanceInitializers(cls).length > 0) roots.push(cls);
      for (const m of cls.members) {
        if (ts.isConstructorDeclaration(m)) roots.push(m);
        else if (isFunctionLike(m) && m.name && ts.isIdentifier(m.name) && SETUP_METHODS.test(m.name.text)) roots.push(m);
      }
    }
  }
  return roots;
}

/**
 * Functions a labelled function calls through a parameter of a function around it, as the callers of that
 * function pass them (`function addRunHooks(v, wrapRun) { addHook({…}, (m) => wrapRun(m)) }` called as
 * `addRunHooks(['>=8'], wrapMochaRun)`), not labelled yet: they run with the same module.
 */
function handedPatches<R>(labelled: Map<GraphNode, { root: R }>, callSites: CallSites, values: Values): Array<{ node: GraphNode; root: R }> {
  const out: Array<{ node: GraphNode; root: R }> = [];
  for (const [fn, r] of labelled) {
    if (ts.isSourceFile(fn) || ts.isClassLike(fn)) continue;
    for (const call of factsOf(fn).calls) {
      const callee = unwrap(call.expression);
      const p = ts.isIdentifier(callee) ? resolveIdentifier(callee) : undefined;
      // the helper around the patch callback, not one the patch calls: `shimmer.wrap(target, name, wrapper)`
      // calling its own `wrapper` is reached from every definition, and every package's wrapper goes through it
      if (!p || !ts.isParameter(p) || !isFunctionLike(p.parent) || p.parent === fn || labelled.has(p.parent)) continue;
      const at = p.parent.parameters.indexOf(p);
      for (const site of callSites.of(p.parent)) {
        const arg = site.arguments?.[at];
        const v = arg ? values.valueOf(arg) : undefined;
        if (v?.kind === 'function' && !labelled.has(v.node) && !out.some((o) => o.node === v.node)) out.push({ node: v.node, root: r.root });
      }
    }
  }
  return out;
}

export function analysePackage(pkgDir: string, files: string[], ctx: AnalysisContext): PackageAnalysis {
  const { ws, values, graph } = ctx;
  const units = files.map((f) => ws.load(f)).filter((u): u is SourceUnit => u !== undefined);
  const indexes = units.map((u) => syntaxIndex(u.sf));
  const callSites = new CallSites(graph, indexes);
  const lifter = new RegistrationLifter(values, callSites);
  const finder = new HookFinder(values, graph);
  const setup = finder.setup(indexes);
  const ownFiles = new Set(files);
  const samePackage = (n: ts.Node): boolean => {
    const f = n.getSourceFile().fileName;
    return ownFiles.has(f) || !path.relative(pkgDir, f).startsWith('..');
  };
  // Module definitions label what their patch callbacks reach with the module they patch, so that
  // wrap targets read `pg:Client.prototype.query`.
  const definitionRoots = setup.definitions.flatMap((d) => d.fns.map((fn) => ({ node: fn, root: d })));
  const modules = new Map<ts.Node, string>();
  const origins = new Map<ts.Node, ModuleOrigin>();
  const labelled = reach(definitionRoots, graph, samePackage, undefined, undefined, true);
  // a patch callback that calls what its helper was handed (`addRunHooks(versions, wrapRun)` whose callback
  // calls `wrapRun(exports)`) patches with the functions the helper's callers pass: label those too
  for (let more = handedPatches(labelled, callSites, values); more.length > 0; more = handedPatches(labelled, callSites, values)) reach(more, graph, samePackage, undefined, labelled, true);
  for (const [fn, r] of labelled) {
    modules.set(fn, r.root.module);
    origins.set(fn, r.root.origin);
  }

  const follow = ctx.crossPackage ? (): boolean => true : samePackage;
  const rules = new FrequencyRules(values, graph, indexes, follow, callSites);
  // per-call hooks start at the best level, set-up hooks at the worst: a function reached from both is per
  // call; a hook on a failure report (`console.error`) starts on the error path
  const rootsOf = (hs: Hook[]): Array<{ node: GraphNode; root: Hook; level: number }> =>
    hs.flatMap((h) => h.fns.map((fn) => ({ node: fn, root: h, level: h.hookFrequency === 'set-up' ? SET_UP : hooksFailureReport(h.target) ? ERROR : NORMAL })));
  const channels = new ChannelHookFinder(values, lifter);
  const primary = assignIds([...finder.wrapHooks(indexes, modules, setup, lifter, origins), ...finder.sdkHooks(indexes), ...channels.find(indexes)], ctx.setUpMethods);
  let perCall = reachLevels(rootsOf(primary), graph, rules);
  // Hooks known by their shape alone (a function stored over another, a proxy, a listener, middleware):
  // one whose functions already run per call under a hook above adds only a second name for them.
  const patchCallbacks = setup.definitions.flatMap((d) => d.fns.slice(0, 1));
  const shaped = [...new AssignHookFinder(values, graph, samePackage, modules).find(indexes, patchCallbacks), ...new FrameworkHookFinder(values, graph, lifter, samePackage).find(indexes)].filter(
    (h) => !h.fns.every((fn) => (perCall.get(fn)?.level ?? ONCE) < ONCE),
  );
  const secondary = assignIds(shaped, ctx.setUpMethods);
  reachLevels(rootsOf(secondary), graph, rules, undefined, perCall);
  // a subscriber of a channel the package publishes only from set-up code is a set-up hook: decided for
  // all at once on this reach, then the levels are walked again from the corrected hooks
  const publishers = new ChannelPublishers(indexes, callSites, perCall, [...primary, ...secondary], (node, fn) => rules.levelAt(node, fn, NORMAL, perCall) >= ONCE);
  const setUpChannels = primary.map((h) => ({ h, why: publishers.setUpReason(h, channels.subscriptionSites) })).filter((d): d is { h: Hook; why: string } => d.why !== undefined);
  for (const { h, why } of setUpChannels) Object.assign(h, { hookFrequency: 'set-up', hookFrequencyReason: why });
  if (setUpChannels.length > 0) {
    perCall = reachLevels(rootsOf(primary), graph, rules);
    reachLevels(rootsOf(secondary), graph, rules, undefined, perCall);
  }
  const hooks = [...primary, ...secondary].sort((a, b) => byPosition(a.site, b.site) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // what stands between each hook and the span it starts, for the bench to drive the hook past it (span-start.ts)
  for (const h of hooks) h.spanStart = spanStartOf(h.fns, graph, follow);
  const setupReach = new SetupReach(graph, callSites, new Set<GraphNode>([...setupRoots(units), ...setup.definitions.flatMap((d) => d.fns), ...setup.factories]));

  const findings: RawFinding[] = [];
  const classify = (unit: SourceUnit, fn: Runner | undefined, hits: AuditHit[], reachedFrom?: string): void => {
    const r: LevelReached<Hook> | undefined = fn ? perCall.get(fn) : undefined;
    for (const hit of hits) {
      const node = hit.detection.node;
      if (!r) {
        const frequency: Frequency = !fn || setupReach.reaches(fn) ? 'init' : 'unknown';
        findings.push({ hit, unit, frequency, path: 'normal', conditional: false, hook: null, chain: [], reachedFrom });
        continue;
      }
      const level = rules.levelAt(node, fn!, r.level, perCall);
      const frequency: Frequency = level === SET_UP ? 'init' : level === ONCE ? 'once' : 'per-call';
      const chain = pathTo(perCall, fn!);
      const finding: RawFinding = {
        hit,
        unit,
        frequency,
        // an error built and handed on as a failure (returned, passed, a failed result) is the error path too
        path: frequency === 'per-call' && (level >= ERROR || (hit.detection.errorValue === true && isFailureSignal(node))) ? 'error' : 'normal',
        conditional: frequency === 'per-call' && isConditional(node, fn),
        hook: r.root,
        chain,
        reachedFrom,
      };
      if (level === DEAD) finding.deadBranch = rules.deadReason(node, fn!, chain);
      findings.push(finding);
    }
  };

  for (const unit of units) for (const [fn, hits] of ws.hitsOf(unit)) classify(unit, fn, hits);

  // operations in other packages' code, reached from this package's hooks
  const pkgId = units[0]?.pkgId;
  for (const node of perCall.keys()) {
    if (ts.isSourceFile(node) || ownFiles.has(node.getSourceFile().fileName)) continue;
    const unit = ws.unitOf(node);
    if (!unit) continue;
    const hits = ws.hitsOf(unit).get(node);
    if (hits) classify(unit, node, hits, unit.pkgId !== pkgId ? pkgId : undefined);
  }
  return { hooks, findings };
}

export type { HookKind };
