// One package: find its hooks, walk the call graph from them (per call) and from its setup code
// (once), and classify every expensive operation the audits found in its files — plus the ones in
// dependencies that its hooks reach.
import path from 'node:path';
import { ts } from '../util/ts.cjs';
import type { Frequency, HookKind } from '../model/report.js';
import type { CallGraph } from './call-graph.js';
import { CallSites } from './call-sites.js';
import { AssignHookFinder } from './find-assign-hooks.js';
import { ChannelHookFinder } from './find-channel-hooks.js';
import { FrameworkHookFinder } from './find-framework-hooks.js';
import { HookFinder, type HookSite } from './find-hooks.js';
import { RegistrationLifter } from './registrations.js';
import { isConditional, isErrorPath, isFailureSignal, isOnceGuarded } from './guards.js';
import { pathTo, reach, type GraphNode, type Reached } from './reach.js';
import type { AuditHit } from './run-audits.js';
import { instanceInitializers, isFunctionLike, type FunctionNode, type Runner } from './scope.js';
import { SetupReach } from './setup-reach.js';
import { syntaxIndex } from './syntax-index.js';
import type { Values } from './values.js';
import type { SourceUnit, Workspace } from './workspace.js';

/** Methods that run when an instrumentation is set up or torn down, not per call. */
const SETUP_METHODS = /^(init|enable|disable|patch|unpatch|_?patch\w*|_?unpatch\w*|_onRequire|setTracerProvider|setMeterProvider|setLoggerProvider|setConfig|shutdown|forceFlush|_updateMetricInstruments|_setMetricInstruments)$/;

export interface Hook extends HookSite {
  id: string;
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
}

function position(node: ts.Node): [string, number] {
  return [node.getSourceFile().fileName, node.getStart()];
}

function byPosition(a: ts.Node, b: ts.Node): number {
  const [fa, pa] = position(a);
  const [fb, pb] = position(b);
  return fa < fb ? -1 : fa > fb ? 1 : pa - pb;
}

function assignIds(sites: HookSite[]): Hook[] {
  const sorted = [...sites].sort((a, b) => byPosition(a.site, b.site) || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  const used = new Map<string, number>();
  return sorted.map((s) => {
    const base = `${s.kind}:${s.target}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { ...s, id: n === 1 ? base : `${base}#${n}` };
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
  const definitionRoots = setup.definitions.flatMap((d) => d.fns.map((fn) => ({ node: fn as GraphNode, root: d.module })));
  const modules = new Map<ts.Node, string>();
  for (const [fn, r] of reach(definitionRoots, graph, samePackage)) modules.set(fn, r.root);

  const follow = ctx.crossPackage ? (): boolean => true : samePackage;
  const rootsOf = (hs: Hook[]): Array<{ node: GraphNode; root: Hook }> => hs.flatMap((h) => h.fns.map((fn) => ({ node: fn as GraphNode, root: h })));
  const primary = assignIds([...finder.wrapHooks(indexes, modules, setup, lifter), ...finder.sdkHooks(indexes), ...new ChannelHookFinder(values, lifter).find(indexes)]);
  const perCall = reach(rootsOf(primary), graph, follow);
  // Hooks known by their shape alone (a function stored over another, a proxy, a listener, middleware):
  // one whose functions already run per call under a hook above adds only a second name for them.
  const patchCallbacks = setup.definitions.flatMap((d) => d.fns.slice(0, 1));
  const shaped = [...new AssignHookFinder(values, graph, samePackage, modules).find(indexes, patchCallbacks), ...new FrameworkHookFinder(values, graph, lifter, samePackage).find(indexes)].filter(
    (h) => !h.fns.every((fn) => perCall.has(fn)),
  );
  const secondary = assignIds(shaped);
  reach(rootsOf(secondary), graph, follow, undefined, perCall);
  const hooks = [...primary, ...secondary].sort((a, b) => byPosition(a.site, b.site) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const setupReach = new SetupReach(graph, callSites, new Set<GraphNode>([...setupRoots(units), ...setup.definitions.flatMap((d) => d.fns), ...setup.factories]));

  const findings: RawFinding[] = [];
  const classify = (unit: SourceUnit, fn: Runner | undefined, hits: AuditHit[], reachedFrom?: string): void => {
    const r: Reached<Hook> | undefined = fn ? perCall.get(fn) : undefined;
    for (const hit of hits) {
      const node = hit.detection.node;
      let frequency: Frequency;
      if (r) frequency = isOnceGuarded(node, fn) ? 'once' : 'per-call';
      else if (!fn || setupReach.reaches(fn)) frequency = 'init';
      else frequency = 'unknown';
      const isPerCall = frequency === 'per-call';
      findings.push({
        hit,
        unit,
        frequency,
        path: isPerCall && (isErrorPath(node, fn) || (hit.detection.errorValue === true && isFailureSignal(node))) ? 'error' : 'normal',
        conditional: isPerCall && isConditional(node, fn),
        hook: r ? r.root : null,
        chain: r && fn ? pathTo(perCall, fn) : [],
        reachedFrom,
      });
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
