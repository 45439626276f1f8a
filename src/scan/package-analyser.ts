// Analyses planned packages one at a time in one workspace (in the main thread, or in a worker):
// files parsed for one package stay parsed for the next, so shared dependencies are read once per
// analyser. Results are plain data, ready to cross a thread boundary.
//
// Cross-file answers (what a name resolves to, a function's call edges) are memoised per package, not
// across packages: the read log of a package (what the result cache checks before serving its result)
// must see every file the package's analysis depends on, and a memo filled by an earlier package would
// hide some. Measured on the embedded default: no difference in time (the trees, the costly part, are
// still shared).
import { analysePackage } from '../analysis/analyse-package.js';
import type { Audit } from '../analysis/audit.js';
import { CallGraph } from '../analysis/call-graph.js';
import { packageFiles } from '../analysis/package-files.js';
import { Values } from '../analysis/values.js';
import { Workspace } from '../analysis/workspace.js';
import { costFor, costTable, type CostTable } from '../calibrate/cost-table.js';
import type { Resolution } from '../discover/resolve-module.js';
import type { ReadLog } from '../analysis/read-log.js';
import type { Finding, PackageReport, ReportError, SourceLocation } from '../model/report.js';
import { HeapBound } from './heap-bound.js';
import { relativeTo } from './paths.js';
import type { PlannedPackage } from './plan.js';
import { toFinding } from './to-finding.js';
import { toSpanStart } from './to-span-start.js';

/** What a package's result depends on besides its inputs on disk: part of the result cache's key. */
export interface AnalyserOptions {
  rules?: readonly string[];
  maxFileBytes: number;
  crossPackage: boolean;
  /** more set-up method names (the policy file's setUpMethods) */
  setUpMethods?: readonly string[];
  /**
   * source bytes of syntax trees kept between packages (least recently used dropped beyond it, see
   * Workspace.dropTrees); bounds memory, never changes a result. Default DEFAULT_HELD_SOURCE_BYTES.
   */
  heldSourceBytes?: number;
}

/**
 * 4 MiB of source held as trees between packages. Measured on the third-party corpus (test/corpus/wild:
 * 754 packages, 8,722 files, 62 MB parsed; one run each, same report every time): every tree kept,
 * peak RSS 1,571 MB; 24 MiB, 1,356 MB; 8 MiB with source maps bounded too (src/analysis/source-map.ts),
 * 644 MB, the live heap flat at 200-300 MB through the analysis. Once the field-value search stopped
 * dominating the CPU time (sites-by-name.ts), 4 MiB against 8 MiB, three interleaved runs on a busy
 * machine, medians: peak RSS 560 MB against 737 MB (a bare parse of the same files: 277 MB), CPU time
 * 42.6 s against 45.0 s (per run +4 %, +18 %, -5 %: the re-parsing is lost in the noise). Shared files
 * (the SDK, semantic conventions) are used by almost every package and stay; npm run bench:scan --
 * --corpus wild gives the time against a bare parse.
 */
export const DEFAULT_HELD_SOURCE_BYTES = 4 * 1024 * 1024;

/** A package's read log as plain data (absolute paths): see src/analysis/read-log.ts. */
export interface PackageInputs {
  files: Array<[file: string, state: string]>;
  parsed: Array<[file: string, bytes: number]>;
  errors: ReportError[];
  resolutions: Array<[fromFile: string, spec: string, resolved: Resolution]>;
  listings: Array<[fromFile: string, prefix: string, suffix: string, files: string[]]>;
  owners: Array<[file: string, pkgId: string]>;
}

/**
 * A package whose analysis threw, with what it had read until then (when recorded): the failure is as
 * much a function of those inputs as a result is, so the result cache stores it too — a tree holding a
 * package the analysis cannot handle would otherwise load the compiler and analyse it on every run.
 */
export class AnalysisFailure extends Error {
  constructor(
    message: string,
    readonly inputs?: PackageInputs,
  ) {
    super(message);
  }
}

/** A package whose analysis threw: its index, the message, and what it read until then (when recorded). */
export interface FailedPackage {
  index: number;
  message: string;
  inputs?: PackageInputs;
}

export interface PackageResult {
  pkg: PackageReport;
  findings: Finding[];
  /** what the analysis read, when the analyser records it (a result cache is in use) */
  inputs?: PackageInputs;
}

/** What an analyser read (absolute paths) and could not read, over all the packages it analysed. */
export interface AnalyserState {
  parsed: Array<{ path: string; bytes: number }>;
  errors: ReportError[];
}

function plainInputs(log: ReadLog): PackageInputs {
  return {
    files: [...log.files],
    parsed: [...log.parsed],
    errors: [...log.errors.values()],
    resolutions: [...log.resolutions].map(([k, r]) => {
      const [from, spec] = k.split('\0') as [string, string];
      return [from, spec, r];
    }),
    listings: [...log.listings].map(([k, files]) => {
      const [from, prefix, suffix] = k.split('\0') as [string, string, string];
      return [from, prefix, suffix, files];
    }),
    owners: [...log.owners],
  };
}

export class PackageAnalyser {
  private readonly ws: Workspace;
  /** read once per scan (per thread), so every finding of a report uses one table */
  private readonly costs: CostTable = costTable();
  private readonly heap = new HeapBound();

  /**
   * `allAudits`: the loaded registry (audits/index.ts loadAudits); `options.rules` picks from it.
   * `record`: return each package's read log with its result (for the result cache)
   */
  constructor(
    allAudits: readonly Audit[],
    private readonly roots: readonly string[],
    private readonly packages: readonly PlannedPackage[],
    private readonly options: AnalyserOptions,
    private readonly record = false,
  ) {
    const audits = options.rules ? allAudits.filter((a) => options.rules!.includes(a.id)) : allAudits;
    this.ws = new Workspace(audits, options.maxFileBytes, record);
    for (const p of packages) this.ws.registerPackage(p.name, p.dir, p.entries);
  }

  analyse(index: number): PackageResult {
    this.ws.beginPackage(this.options.heldSourceBytes ?? DEFAULT_HELD_SOURCE_BYTES);
    const log = this.record ? this.ws.startReadLog() : undefined;
    try {
      const result = this.analyseOne(index);
      return log ? { ...result, inputs: plainInputs(log) } : result;
    } catch (err) {
      throw new AnalysisFailure(err instanceof Error ? err.message : String(err), log ? plainInputs(log) : undefined);
    } finally {
      this.ws.stopReadLog();
      this.ws.dropTrees(this.options.heldSourceBytes ?? DEFAULT_HELD_SOURCE_BYTES);
      this.heap.check();
    }
  }

  private analyseOne(index: number): PackageResult {
    const p = this.packages[index]!;
    const rootDir = this.roots[p.root]!;
    const rel = (file: string): string => relativeTo(rootDir, file);
    const original = (file: string, line: number, column: number): SourceLocation | null => {
      const o = this.ws.originalPosition(file, line, column, p.dir);
      return o ? { file: rel(o.file), line: o.line } : null;
    };
    const files = packageFiles(p.dir, p.entries, this.ws);
    const values = new Values(this.ws);
    const analysis = analysePackage(p.dir, files, { ws: this.ws, values, graph: new CallGraph(values), crossPackage: this.options.crossPackage, setUpMethods: this.options.setUpMethods });
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

  /** Done analysing: what the heap bound changed in V8 is put back (a host process goes on as it was). */
  release(): void {
    this.heap.release();
  }

  state(): AnalyserState {
    return { parsed: this.ws.parsedFiles, errors: [...this.ws.errors] };
  }
}
