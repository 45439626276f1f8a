// One package: find its hooks, walk the call graph from them (per call) and from its setup code
// (once), and classify every expensive operation the audits found in its files — plus the ones in
// dependencies that its hooks reach.
import path from 'node:path';
import { ts } from '../util/ts.cjs';
import type { Frequency, HookKind } from '../model/report.js';
import type { CallGraph } from './call-graph.js';
import { ChannelHookFinder } from './find-channel-hooks.js';
import { HookFinder, type HookSite } from './find-hooks.js';
import { isConditional, isErrorPath, isOnceGuarded } from './guards.js';
import { pathTo, reach, type GraphNode, type Reached } from './reach.js';
import type { AuditHit } from './run-audits.js';
import { isFunctionLike, type FunctionNode } from './scope.js';
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

/** Constructors and set-up methods of every class in the package (module top level is a root by itself). */
function setupRoots(units: SourceUnit[]): FunctionNode[] {
  const roots: FunctionNode[] = [];
  for (const u of units) {
    for (const cls of syntaxIndex(u.sf).classes) {
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
  const finder = new HookFinder(values, graph);
  const setup = finder.setup(indexes);
  const ownFiles = new Set(files);
  const samePackage = (n: GraphNode): boolean => {
    const f = n.getSourceFile().fileName;
    return ownFiles.has(f) || !path.relative(pkgDir, f).startsWith('..');
  };
  // Module definitions label what their patch callbacks reach with the module they patch, so that
  // wrap targets read `pg:Client.prototype.query`.
  const definitionRoots = setup.definitions.flatMap((d) => d.fns.map((fn) => ({ node: fn, root: d.module })));
  const modules = new Map<ts.Node, string>();
  for (const [fn, r] of reach(definitionRoots, graph, samePackage)) modules.set(fn, r.root);

  const sites = [...finder.wrapHooks(indexes, modules, setup), ...finder.sdkHooks(indexes), ...new ChannelHookFinder(values, graph).find(indexes)];
  const hooks = assignIds(sites);
  const perCall = reach(
    hooks.flatMap((h) => h.fns.map((fn) => ({ node: fn, root: h }))),
    graph,
    ctx.crossPackage ? () => true : samePackage,
  );
  const setupReach = new SetupReach(graph, indexes, new Set<GraphNode>([...setupRoots(units), ...setup.definitions.flatMap((d) => d.fns), ...setup.factories]));

  const findings: RawFinding[] = [];
  const classify = (unit: SourceUnit, fn: FunctionNode | undefined, hits: AuditHit[], reachedFrom?: string): void => {
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
        path: isPerCall && isErrorPath(node, fn) ? 'error' : 'normal',
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
