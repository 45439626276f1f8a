// Analyses planned packages one at a time in one workspace (in the main thread, or in a worker):
// files parsed for one package stay parsed for the next, so shared dependencies are read once per
// analyser. Results are plain data, ready to cross a thread boundary.
import { analysePackage } from '../analysis/analyse-package.js';
import type { Audit } from '../analysis/audit.js';
import { CallGraph } from '../analysis/call-graph.js';
import { packageFiles } from '../analysis/package-files.js';
import { originalPosition } from '../analysis/source-map.js';
import { Values } from '../analysis/values.js';
import { Workspace } from '../analysis/workspace.js';
import { costFor, costTable, type CostTable } from '../calibrate/cost-table.js';
import type { Finding, PackageReport, ReportError, SourceLocation } from '../model/report.js';
import { relativeTo } from './paths.js';
import type { PlannedPackage } from './plan.js';
import { toFinding } from './to-finding.js';
import { toSpanStart } from './to-span-start.js';

export interface AnalyserOptions {
  rules?: readonly string[];
  maxFileBytes: number;
  crossPackage: boolean;
  /** more set-up method names (the policy file's setUpMethods) */
  setUpMethods?: readonly string[];
}

export interface PackageResult {
  pkg: PackageReport;
  findings: Finding[];
}

/** What an analyser read (absolute paths) and could not read, over all the packages it analysed. */
export interface AnalyserState {
  parsed: Array<{ path: string; bytes: number }>;
  errors: ReportError[];
}

export class PackageAnalyser {
  private readonly ws: Workspace;
  private readonly values: Values;
  private readonly graph: CallGraph;
  /** read once per scan (per thread), so every finding of a report uses one table */
  private readonly costs: CostTable = costTable();

  /** `allAudits`: the loaded registry (audits/index.ts loadAudits); `options.rules` picks from it */
  constructor(
    allAudits: readonly Audit[],
    private readonly roots: readonly string[],
    private readonly packages: readonly PlannedPackage[],
    private readonly options: AnalyserOptions,
  ) {
    const audits = options.rules ? allAudits.filter((a) => options.rules!.includes(a.id)) : allAudits;
    this.ws = new Workspace(audits, options.maxFileBytes);
    this.values = new Values(this.ws);
    this.graph = new CallGraph(this.values);
    for (const p of packages) this.ws.registerPackage(p.name, p.dir, p.entries);
  }

  analyse(index: number): PackageResult {
    const p = this.packages[index]!;
    const rootDir = this.roots[p.root]!;
    const rel = (file: string): string => relativeTo(rootDir, file);
    const original = (file: string, line: number, column: number): SourceLocation | null => {
      const unit = this.ws.load(file);
      const o = originalPosition(file, unit?.sf.text ?? '', line, column, unit?.pkgDir ?? p.dir);
      return o ? { file: rel(o.file), line: o.line } : null;
    };
    const files = packageFiles(p.dir, p.entries, this.ws);
    const analysis = analysePackage(p.dir, files, { ws: this.ws, values: this.values, graph: this.graph, crossPackage: this.options.crossPackage, setUpMethods: this.options.setUpMethods });
    const pkg: PackageReport = {
      name: p.name,
      version: p.version,
      root: p.root,
      dir: rel(p.dir),
      files: files.map(rel),
      entry: p.entry,
      ...(p.copies.length > 0 ? { copies: p.copies } : {}),
      hooks: analysis.hooks.map((h) => {
        const sf = h.site.getSourceFile();
        return {
          id: h.id,
          kind: h.kind,
          target: h.target,
          file: rel(sf.fileName),
          line: sf.getLineAndCharacterOfPosition(h.site.getStart()).line + 1,
          resolved: h.fns.length > 0,
          hookFrequency: h.hookFrequency,
          hookFrequencyReason: h.hookFrequencyReason,
          ...(h.fns.length > 0 ? { spanStart: toSpanStart(h.spanStart ?? null, rel) } : {}),
        };
      }),
    };
    return { pkg, findings: analysis.findings.map((f) => toFinding(f, p.root, rel, original, (id, n) => costFor(this.costs, id, n))) };
  }

  state(): AnalyserState {
    return { parsed: this.ws.loadedUnits.map((u) => ({ path: u.path, bytes: u.bytes })), errors: [...this.ws.errors] };
  }
}
