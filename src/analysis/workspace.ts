// The set of parsed files of one scan. Files are parsed lazily, once, the first time anything needs
// them (an entry point, an import followed, a call followed into a dependency), so a dependency
// reached from 40 instrumentations is still read and parsed a single time.
import path from 'node:path';
import { ts } from '../util/ts.cjs';
import type { ReportError } from '../model/report.js';
import { packageOf } from '../discover/package-of.js';
import { readSource } from '../discover/read-source.js';
import { resolveModule, type Resolution } from '../discover/resolve-module.js';
import type { Audit } from './audit.js';
import { parseErrors, parseSource } from './parse.js';
import { runAudits, type AuditHit } from './run-audits.js';
import { enclosingRunner, type Runner } from './scope.js';
import { syntaxIndex } from './syntax-index.js';

/**
 * A file nested deeper than the parser's or a walk's recursion can go (one expression 1,000 deep)
 * throws RangeError: that file is reported and left out, the rest of its package is still analysed.
 */
function tooDeep(err: unknown): err is RangeError {
  return err instanceof RangeError;
}

export interface SourceUnit {
  path: string;
  sf: ts.SourceFile;
  bytes: number;
  /** folder of the package that owns the file, and its name@version */
  pkgDir: string;
  pkgId: string;
}

export class Workspace {
  private readonly units = new Map<string, SourceUnit | null>();
  private readonly byName = new Map<string, { dir: string; entries: string[] }>();
  private readonly hits = new Map<string, Map<Runner | undefined, AuditHit[]>>();
  readonly errors: ReportError[] = [];

  constructor(
    private readonly audits: readonly Audit[],
    private readonly maxFileBytes: number,
  ) {}

  /** The parsed file, or undefined when it cannot be read or parsed (the reason is in `errors`). */
  load(file: string): SourceUnit | undefined {
    const cached = this.units.get(file);
    if (cached !== undefined) return cached ?? undefined;
    const unit = this.read(file);
    this.units.set(file, unit ?? null);
    return unit;
  }

  private read(file: string): SourceUnit | undefined {
    const pkg = packageOf(file);
    const pkgId = pkg ? `${pkg.name}@${pkg.version}` : null;
    const src = readSource(file, this.maxFileBytes);
    if ('error' in src) {
      this.errors.push({ ...src.error, package: src.error.package ?? pkgId });
      return undefined;
    }
    let sf: ts.SourceFile;
    try {
      sf = parseSource(file, src.text);
      // walked once here, where a stack overflow is this file's alone (the index is cached for later)
      syntaxIndex(sf);
    } catch (err) {
      if (!tooDeep(err)) throw err;
      this.errors.push({ package: pkgId, file, kind: 'unreadable-file', message: 'nested too deep to parse and walk (the stack overflowed): not analysed' });
      return undefined;
    }
    const errs = parseErrors(sf);
    if (errs.length > 0) {
      this.errors.push({ package: pkgId, file, kind: 'parse', message: `does not parse: ${errs[0]}${errs.length > 1 ? ` (+${errs.length - 1} more)` : ''}` });
      return undefined;
    }
    return { path: file, sf, bytes: Buffer.byteLength(src.text), pkgDir: pkg?.dir ?? path.dirname(file), pkgId: pkgId ?? path.basename(path.dirname(file)) };
  }

  unitOf(node: ts.Node): SourceUnit | undefined {
    return this.units.get(node.getSourceFile().fileName) ?? undefined;
  }

  /**
   * Packages being scanned, by name: a monorepo's packages import each other by name through
   * tsconfig `paths` or workspace links that may not exist on disk yet.
   */
  registerPackage(name: string, dir: string, entries: string[]): void {
    if (!this.byName.has(name)) this.byName.set(name, { dir, entries });
  }

  resolve(fromFile: string, spec: string): Resolution {
    const r = resolveModule(fromFile, spec);
    if (r.kind !== 'missing' || spec.startsWith('.') || path.isAbsolute(spec)) return r;
    const parts = spec.split('/');
    const nameLength = spec.startsWith('@') ? 2 : 1;
    const pkg = this.byName.get(parts.slice(0, nameLength).join('/'));
    if (!pkg) return r;
    const sub = parts.slice(nameLength).join('/');
    if (!sub) return pkg.entries[0] ? { kind: 'file', path: pkg.entries[0] } : r;
    return resolveModule(path.join(pkg.dir, 'package.json'), `./${sub}`);
  }

  /** Audit hits of a file, grouped by the function (or class, for field initialisers) they run in; undefined: module top level. */
  hitsOf(unit: SourceUnit): Map<Runner | undefined, AuditHit[]> {
    let byFn = this.hits.get(unit.path);
    if (byFn) return byFn;
    byFn = new Map();
    let hits: AuditHit[];
    try {
      hits = runAudits(unit.sf, this.audits);
    } catch (err) {
      if (!tooDeep(err)) throw err;
      this.errors.push({ package: unit.pkgId, file: unit.path, kind: 'unreadable-file', message: 'nested too deep for the audits to walk (the stack overflowed): its operations were not looked at' });
      hits = [];
    }
    for (const hit of hits) {
      const fn = enclosingRunner(hit.detection.node);
      const list = byFn.get(fn);
      if (list) list.push(hit);
      else byFn.set(fn, [hit]);
    }
    this.hits.set(unit.path, byFn);
    return byFn;
  }

  get loadedUnits(): SourceUnit[] {
    return [...this.units.values()].filter((u): u is SourceUnit => u !== null);
  }
}
