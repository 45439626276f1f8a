// The set of parsed files of one scan. Files are parsed lazily, once, the first time anything needs
// them (an entry point, an import followed, a call followed into a dependency), so a dependency
// reached from 40 instrumentations is still read and parsed a single time.
import path from 'node:path';
import { ts } from '../util/ts.cjs';
import type { ReportError } from '../model/report.js';
import { digest, fileState } from '../cache/digest.js';
import { filesMatchingPattern } from '../discover/computed-require.js';
import { ownerId, packageOf } from '../discover/package-of.js';
import { readSource } from '../discover/read-source.js';
import { resolveWithPackages, type Resolution } from '../discover/resolve-module.js';
import type { Audit } from './audit.js';
import { parseErrors, parseSource } from './parse.js';
import { emptyReadLog, type ReadLog } from './read-log.js';
import { MAX_MAP_BYTES, originalPosition, packageSourceMapFile } from './source-map.js';
import { indexAndAudit } from './file-walk.js';
import { auditsByKind, runAudits, type AuditHit, type AuditsByKind } from './run-audits.js';
import { enclosingRunner, type Runner } from './scope.js';
import { syntaxIndex } from './syntax-index.js';

/**
 * A file nested deeper than the parser's or a walk's recursion can go (one expression 1,000 deep)
 * throws RangeError: that file is reported and left out, the rest of its package is still analysed.
 */
function tooDeep(err: unknown): err is RangeError {
  return err instanceof RangeError;
}

/** Audit hits grouped by the function (or class) they run in, in the order found. */
function byRunner(hits: AuditHit[]): Map<Runner | undefined, AuditHit[]> {
  const byFn = new Map<Runner | undefined, AuditHit[]>();
  for (const hit of hits) {
    const fn = enclosingRunner(hit.detection.node);
    const list = byFn.get(fn);
    if (list) list.push(hit);
    else byFn.set(fn, [hit]);
  }
  return byFn;
}

export interface SourceUnit {
  path: string;
  sf: ts.SourceFile;
  bytes: number;
  /** folder of the package that owns the file, and its name@version */
  pkgDir: string;
  pkgId: string;
  /** digest of the file's bytes, when the workspace keeps digests (for the result cache), else '' */
  state: string;
}

/** A file that could not be read or parsed: why, and what it held (for the read log). */
interface Failure {
  error: ReportError;
  state: string;
  pkgId: string | null;
}

export class Workspace {
  private readonly units = new Map<string, SourceUnit | null>();
  private readonly byName = new Map<string, { dir: string; entries: string[] }>();
  private readonly hits = new Map<string, Map<Runner | undefined, AuditHit[]>>();
  private readonly failures = new Map<string, Failure>();
  /** files the audits could not walk (too deep): said once in the errors, and in the read log of every package that uses them */
  private readonly unwalked = new Map<string, ReportError>();
  /** every file parsed so far and its size, trees dropped since included (the report's parse counts) */
  private readonly parsed = new Map<string, number>();
  /** source bytes of the trees `units` holds: dropTrees keeps it under a budget between packages */
  private heldBytes = 0;
  /**
   * Files loaded since beginPackage, by the folder of the package that owns them (sorted on demand):
   * what "the files of a package" means to a question asked during one package's analysis, so that the
   * answer depends on that analysis alone, never on what earlier packages loaded or the budget kept.
   */
  private readonly session = new Map<string, { files: Set<string>; sorted: SourceUnit[] | undefined }>();
  /** source bytes of the held trees the current package has loaded (the files in `session`) */
  private sessionBytes = 0;
  /** the held-source budget of beginPackage: trees outside the session go as soon as it is passed */
  private budget = Infinity;
  /** what the package being analysed read, while one is being recorded (startReadLog) */
  private log: ReadLog | undefined;
  readonly errors: ReportError[] = [];
  private readonly byKind: AuditsByKind;

  /**
   * @param digests keep a digest of every file read, for read logs (the result cache); costs a hash
   *   of each file's bytes, so off unless a cache is in use
   */
  constructor(
    audits: readonly Audit[],
    private readonly maxFileBytes: number,
    private readonly digests = false,
  ) {
    this.byKind = auditsByKind(audits);
  }

  /**
   * Starts recording what is read from disk — loads, resolutions, computed-require listings, source
   * maps — including what earlier packages already loaded, until stopReadLog. The caller must not share
   * memoised cross-file answers (Values, CallGraph) between recordings, or reads they stand for go unseen.
   */
  startReadLog(): ReadLog {
    this.log = emptyReadLog();
    return this.log;
  }

  stopReadLog(): void {
    this.log = undefined;
  }

  /** The parsed file, or undefined when it cannot be read or parsed (the reason is in `errors`). */
  load(file: string): SourceUnit | undefined {
    let unit = this.units.get(file);
    if (unit === undefined) {
      unit = this.read(file) ?? null;
      this.units.set(file, unit);
      if (unit) {
        this.heldBytes += unit.bytes;
        this.parsed.set(file, unit.bytes);
      }
    } else if (unit !== null) {
      // the Map's order is the order trees are dropped in: a tree just used goes last
      this.units.delete(file);
      this.units.set(file, unit);
    }
    if (unit) {
      this.noteInSession(unit);
      if (this.heldBytes > this.budget && this.heldBytes > this.sessionBytes) this.dropTrees(this.budget, true);
    }
    if (this.log) this.logLoad(this.log, file, unit);
    return unit ?? undefined;
  }

  private logLoad(log: ReadLog, file: string, unit: SourceUnit | null): void {
    if (log.files.has(file)) return;
    if (unit) {
      log.files.set(file, unit.state);
      log.parsed.set(file, unit.bytes);
      log.owners.set(file, unit.pkgId);
      return;
    }
    const f = this.failures.get(file)!;
    log.files.set(file, f.state);
    log.errors.set(file, f.error);
    log.owners.set(file, f.pkgId ?? ownerId(file));
  }

  private read(file: string): SourceUnit | undefined {
    const pkg = packageOf(file);
    const pkgId = pkg ? `${pkg.name}@${pkg.version}` : null;
    const src = readSource(file, this.maxFileBytes);
    if ('error' in src) {
      const error = { ...src.error, package: src.error.package ?? pkgId };
      this.errors.push(error);
      this.failures.set(file, { error, state: this.digests ? fileState(file, this.maxFileBytes) : '', pkgId });
      return undefined;
    }
    let sf: ts.SourceFile;
    let hits: AuditHit[] | undefined;
    try {
      sf = parseSource(file, src.text);
      // walked once here, where a stack overflow is this file's alone (the index is cached for later)
      hits = this.indexAndAudit(sf);
    } catch (err) {
      if (!tooDeep(err)) throw err;
      const error: ReportError = { package: pkgId, file, kind: 'unreadable-file', message: 'nested too deep to parse and walk (the stack overflowed): not analysed' };
      this.errors.push(error);
      // a failure like any other: the result cache records it under the file's digest (its content is why)
      this.failures.set(file, { error, state: this.digests ? digest(src.raw) : '', pkgId });
      return undefined;
    }
    const errs = parseErrors(sf);
    const state = this.digests ? digest(src.raw) : '';
    if (errs.length > 0) {
      const error: ReportError = { package: pkgId, file, kind: 'parse', message: `does not parse: ${errs[0]}${errs.length > 1 ? ` (+${errs.length - 1} more)` : ''}` };
      this.errors.push(error);
      this.failures.set(file, { error, state, pkgId });
      return undefined;
    }
    if (hits) this.hits.set(file, byRunner(hits));
    return { path: file, sf, bytes: Buffer.byteLength(src.text), pkgDir: pkg?.dir ?? path.dirname(file), pkgId: pkgId ?? ownerId(file), state };
  }

  /**
   * The syntax index and the audits' hits in one walk (file-walk.ts). When that walk throws — a file
   * nested too deep for the audits, or an audit failing on it — the index is built alone, as before
   * there was one walk (throwing here makes the file unreadable), and the audits run when their hits
   * are asked for (hitsOf), which reports the failure as it always did: the walk changes no result.
   */
  private indexAndAudit(sf: ts.SourceFile): AuditHit[] | undefined {
    try {
      return indexAndAudit(sf, this.byKind);
    } catch {
      syntaxIndex(sf);
      return undefined;
    }
  }

  unitOf(node: ts.Node): SourceUnit | undefined {
    return this.units.get(node.getSourceFile().fileName) ?? undefined;
  }

  /**
   * A new package's analysis starts: packageUnits forgets what earlier ones loaded, and from now on
   * the trees it has not loaded are dropped as soon as the trees held pass `maxHeldBytes` of source
   * (see dropTrees). Without a call
   * (a workspace used for one question) every file loaded so far counts.
   */
  beginPackage(maxHeldBytes = Infinity): void {
    this.session.clear();
    this.sessionBytes = 0;
    this.budget = maxHeldBytes;
  }

  private noteInSession(unit: SourceUnit): void {
    const entry = this.session.get(unit.pkgDir);
    if (!entry) this.session.set(unit.pkgDir, { files: new Set([unit.path]), sorted: undefined });
    else if (entry.files.has(unit.path)) return;
    else {
      entry.files.add(unit.path);
      entry.sorted = undefined;
    }
    this.sessionBytes += unit.bytes;
  }

  /**
   * The parsed files of the package in `pkgDir` that the current package's analysis has loaded so far,
   * sorted by path. They are all held (a tree the package loaded is dropped only after it), so the answer is the
   * same whatever the memory budget and whichever packages came before.
   */
  packageUnits(pkgDir: string): readonly SourceUnit[] {
    const entry = this.session.get(pkgDir);
    if (!entry) return [];
    entry.sorted ??= [...entry.files]
      .sort()
      .map((f) => this.units.get(f))
      .filter((u): u is SourceUnit => u !== undefined && u !== null);
    return entry.sorted;
  }

  /**
   * Packages being scanned, by name: a monorepo's packages import each other by name through
   * tsconfig `paths` or workspace links that may not exist on disk yet.
   */
  registerPackage(name: string, dir: string, entries: string[]): void {
    if (!this.byName.has(name)) this.byName.set(name, { dir, entries });
  }

  resolve(fromFile: string, spec: string): Resolution {
    const r = resolveWithPackages(this.byName, fromFile, spec);
    this.log?.resolutions.set(`${fromFile}\0${spec}`, r);
    return r;
  }

  /** The files a computed require (`require('./m/' + name)`) may load: see filesMatchingPattern. */
  matching(fromFile: string, prefix: string, suffix: string): string[] {
    const files = filesMatchingPattern(fromFile, prefix, suffix);
    this.log?.listings.set(`${fromFile}\0${prefix}\0${suffix}`, files);
    return files;
  }

  /**
   * The original (source-mapped) position of a 1-based line and column of a loaded file, or null. Only
   * a map and sources inside the file's package count (src/analysis/source-map.ts); `pkgDir` is that
   * package's folder when the file was not loaded.
   */
  originalPosition(file: string, line: number, column: number, pkgDir: string): { file: string; line: number } | null {
    const unit = this.load(file);
    const text = unit?.sf.text ?? '';
    const dir = unit?.pkgDir ?? pkgDir;
    if (this.log) {
      const map = packageSourceMapFile(file, text, dir);
      if (map !== null && !this.log.files.has(map)) this.log.files.set(map, fileState(map, MAX_MAP_BYTES));
    }
    return originalPosition(file, text, line, column, dir);
  }

  /** A cached result must fail a --fail-on run as the fresh one did: the package's read log carries the error. */
  private logUnwalked(file: string): void {
    const error = this.unwalked.get(file);
    if (error !== undefined && this.log) this.log.errors.set(file, error);
  }

  /** Audit hits of a file, grouped by the function (or class, for field initialisers) they run in; undefined: module top level. */
  hitsOf(unit: SourceUnit): Map<Runner | undefined, AuditHit[]> {
    let byFn = this.hits.get(unit.path);
    if (byFn) {
      this.logUnwalked(unit.path);
      return byFn;
    }
    let hits: AuditHit[];
    try {
      hits = runAudits(unit.sf, this.byKind);
    } catch (err) {
      if (!tooDeep(err)) throw err;
      // once, though a tree dropped for memory is walked again when a later package needs it
      if (!this.unwalked.has(unit.path)) {
        const error: ReportError = {
          package: unit.pkgId,
          file: unit.path,
          kind: 'unreadable-file',
          message: 'nested too deep for the audits to walk (the stack overflowed): its operations were not looked at',
        };
        this.unwalked.set(unit.path, error);
        this.errors.push(error);
      }
      hits = [];
    }
    this.logUnwalked(unit.path);
    byFn = byRunner(hits);
    this.hits.set(unit.path, byFn);
    return byFn;
  }

  /**
   * Drops the least recently used syntax trees, with their audit hits, until the trees held come to at
   * most `maxBytes` of source; returns how many went. Only between packages: nothing then refers to a
   * tree but this workspace (the analysis memoises per package, its WeakMaps follow the trees), so a
   * file needed again is simply parsed again, to the same tree and the same result. Trees shared by many
   * packages (the SDK, semantic conventions) are used by each and stay; what one package alone reached
   * goes. Files that could not be read stay known (their error is reported once).
   *
   * `outsideSession`: during a package's analysis (load, once the budget of beginPackage is passed),
   * only trees that package has not loaded go: nothing of its analysis can refer to them, and a big
   * package's own trees then take the place of earlier packages' instead of adding to them (on the
   * third-party corpus the peak RSS is set by its biggest package, analysed on top of the 4 MiB held).
   */
  dropTrees(maxBytes: number, outsideSession = false): number {
    let dropped = 0;
    for (const [file, unit] of this.units) {
      if (this.heldBytes <= maxBytes) break;
      if (unit === null) continue;
      const entry = this.session.get(unit.pkgDir);
      const inSession = entry?.files.has(file) === true;
      if (outsideSession && inSession) continue;
      this.units.delete(file);
      this.hits.delete(file);
      this.heldBytes -= unit.bytes;
      if (inSession) {
        entry.files.delete(file);
        entry.sorted = undefined;
        this.sessionBytes -= unit.bytes;
      }
      dropped++;
    }
    return dropped;
  }

  /** Every file parsed so far (absolute path) and its size in bytes, whether its tree is held or not. */
  get parsedFiles(): Array<{ path: string; bytes: number }> {
    return [...this.parsed].map(([path, bytes]) => ({ path, bytes }));
  }
}
