// The scan's result cache: one entry per package, so that a run over an unchanged tree (a pull
// request's base and head, the next push) analyses only what changed.
//
// Key (what was asked): the tool (version and a digest of its code, src/cache/tool-fingerprint.ts), the
// options results depend on (rules, file size limit, cross-package, the policy's set-up methods), the cost table's figures, and the
// package: name, version, its package.json's digest, how its files were chosen and its entry files.
// Variant (the answer, with what it was computed from): everything the package's analysis read from
// disk — the digest of each file it parsed, its own and its dependencies' (the code its hooks reached),
// how each module specifier resolved, what computed requires matched, which package owns each file,
// the source maps behind original locations. Before serving a variant every one of those is checked
// again; any difference (a file edited, a dependency bumped or hoisted elsewhere, a new file where a
// require used to miss) makes it a miss, and the package is analysed again and stored.
//
// Entries hold paths relative to the package's folder, so the same package at another place (the base
// checkout in a temporary worktree, a scan of `node_modules` instead of its scope) is still a hit, and
// a hit gives exactly the result a fresh analysis would: the report is byte for byte the same.
import path from 'node:path';
import { FileStates, digestOf, fileState } from '../cache/digest.js';
import { DEFAULT_CACHE_MAX_BYTES, SCAN_NAMESPACE } from '../cache/cache-dir.js';
import { EntryStore, evictLeastRecentlyUsed } from '../cache/entry-store.js';
import { StatIndex } from '../cache/stat-index.js';
import { toolFingerprint } from '../cache/tool-fingerprint.js';
import { filesMatchingPattern } from '../discover/computed-require.js';
import { MAX_MAP_BYTES } from '../discover/file-kinds.js';
import { ownerId } from '../discover/package-of.js';
import { resolveWithPackages, type Resolution } from '../discover/resolve-module.js';
import type { CostTable } from '../calibrate/cost-table.js';
import type { CallStep, Finding, PackageReport, ReportError, SourceLocation } from '../model/report.js';
import type { AnalyserOptions, AnalyserState, PackageInputs, PackageResult } from './package-analyser.js';
import { posix, relativeTo } from './paths.js';
import type { PlannedPackage, ScanPlan } from './plan.js';
import type { CacheStats, ResultCacheOptions } from '../cache/cache-options.js';

/** Bump when an entry's shape changes: older entries are then not found (and age out). */
const FORMAT = 2;

/**
 * A package's entry: paths relative to the package's folder, `/` separators. Either its result, or the
 * message its analysis failed with (reported as a skipped package, like the failure itself).
 */
interface ScanEntry {
  package: string;
  inputs: PackageInputs;
  result?: {
    pkg: Omit<PackageReport, 'root' | 'copies'>;
    findings: Finding[];
  };
  failed?: string;
}

const isEntry = (v: unknown): v is ScanEntry => {
  const e = v as Partial<ScanEntry> | null;
  const i = e?.inputs;
  if (typeof e?.package !== 'string' || i === undefined || ![i.files, i.parsed, i.errors, i.resolutions, i.listings, i.owners].every(Array.isArray)) return false;
  if (e.result === undefined) return typeof e.failed === 'string';
  return typeof e.result.pkg === 'object' && e.result.pkg !== null && Array.isArray(e.result.findings);
};

/** What a lookup serves: a result, or the failure of the analysis; with what was read, for the report's counts. */
export type CacheHit = { result: PackageResult; state: AnalyserState } | { failed: string; state: AnalyserState };

type Rebase = (p: string) => string;

function rebaseLocation(l: SourceLocation | null | undefined, to: Rebase): SourceLocation | null | undefined {
  return l ? { ...l, file: to(l.file) } : l;
}

function rebaseStep(s: CallStep, to: Rebase): CallStep {
  return s.original === undefined ? { ...s, file: to(s.file) } : { ...s, file: to(s.file), original: rebaseLocation(s.original, to) ?? null };
}

function rebaseFinding(f: Finding, root: number, to: Rebase): Finding {
  return { ...f, root, file: to(f.file), original: rebaseLocation(f.original, to) ?? null, callPath: f.callPath.map((s) => rebaseStep(s, to)) };
}

function rebaseError(e: ReportError, to: Rebase): ReportError {
  return e.file === null ? e : { ...e, file: to(e.file) };
}

function encodeResolution(r: Resolution, to: Rebase): string {
  return r.kind === 'file' ? `file:${to(r.path)}` : r.kind === 'builtin' ? `builtin:${r.name}` : 'missing';
}

function rebaseInputs(i: PackageInputs, to: Rebase): PackageInputs {
  return {
    files: i.files.map(([f, s]) => [to(f), s]),
    parsed: i.parsed.map(([f, b]) => [to(f), b]),
    errors: i.errors.map((e) => rebaseError(e, to)),
    resolutions: i.resolutions.map(([from, spec, r]) => [to(from), spec, r.kind === 'file' ? { kind: 'file', path: to(r.path) } : r]),
    listings: i.listings.map(([from, prefix, suffix, files]) => [to(from), prefix, suffix, files.map(to)]),
    owners: i.owners.map(([f, id]) => [to(f), id]),
  };
}

export class ScanCache {
  private readonly store: EntryStore<ScanEntry>;
  private readonly states: FileStates;
  private readonly index: StatIndex;
  private readonly byName = new Map<string, { dir: string; entries: string[] }>();
  private readonly base: string;
  private hits = 0;
  private misses = 0;
  private writeError: string | undefined;

  constructor(
    private readonly options: ResultCacheOptions,
    private readonly plan: ScanPlan,
    analyser: AnalyserOptions,
    costs: CostTable,
  ) {
    this.store = new EntryStore(path.join(options.dir, SCAN_NAMESPACE), FORMAT, isEntry);
    // taken before anything of this run is read: see the racy rule in stat-index.ts
    this.index = new StatIndex(options.dir, (options.clock ?? Date.now)());
    this.states = new FileStates(analyser.maxFileBytes, this.index);
    for (const p of plan.packages) if (!this.byName.has(p.name)) this.byName.set(p.name, { dir: p.dir, entries: p.entries });
    // everything in the key that is the same for every package of the run
    this.base = digestOf({
      kind: 'scan',
      format: FORMAT,
      tool: options.tool ?? toolFingerprint(),
      options: {
        rules: analyser.rules ? [...analyser.rules].sort() : null,
        maxFileBytes: analyser.maxFileBytes,
        crossPackage: analyser.crossPackage,
        setUpMethods: analyser.setUpMethods ? [...analyser.setUpMethods].sort() : null,
      },
      costs: { source: costs.source, audits: Object.entries(costs.audits).sort(([a], [b]) => (a < b ? -1 : 1)) },
    });
  }

  private key(p: PlannedPackage): string {
    const rel = (f: string): string => posix(path.relative(p.dir, f));
    return digestOf({ base: this.base, name: p.name, version: p.version, manifest: fileState(path.join(p.dir, 'package.json')), entry: p.entry, entries: p.entries.map(rel) });
  }

  /** Is every input still what it was? Stops at the first difference. */
  private holds(inputs: PackageInputs, dir: string): boolean {
    const abs = (f: string): string => path.resolve(dir, f);
    // a source map is read (and logged) under its own limit: checked under the run's, a map larger than
    // the run's file limit would miss the cache on every run
    for (const [f, state] of inputs.files) if (this.states.of(abs(f), f.endsWith('.map') ? MAX_MAP_BYTES : undefined) !== state) return false;
    for (const [f, id] of inputs.owners) if (ownerId(abs(f)) !== id) return false;
    const back: Rebase = (f) => posix(path.relative(dir, f));
    for (const [from, spec, r] of inputs.resolutions) {
      if (encodeResolution(resolveWithPackages(this.byName, abs(from), spec), back) !== encodeResolution(r, (f) => f)) return false;
    }
    for (const [from, prefix, suffix, files] of inputs.listings) {
      const now = filesMatchingPattern(abs(from), prefix, suffix).map(back);
      if (now.length !== files.length || now.some((f, i) => f !== files[i])) return false;
    }
    return true;
  }

  /** The package's result (or failure) from the cache, and what it read (for the report's counts), or undefined. */
  lookup(index: number): CacheHit | undefined {
    const p = this.plan.packages[index]!;
    const key = this.key(p);
    for (const { variant, value } of this.store.variants(key)) {
      if (!this.holds(value.inputs, p.dir)) continue;
      this.store.touch(key, variant);
      this.hits++;
      const toAbsolute: Rebase = (f) => path.resolve(p.dir, f);
      const state: AnalyserState = {
        parsed: value.inputs.parsed.map(([f, bytes]) => ({ path: toAbsolute(f), bytes })),
        errors: value.inputs.errors.map((e) => rebaseError(e, toAbsolute)),
      };
      if (value.result === undefined) return { failed: value.failed ?? '', state };
      const root = this.plan.roots[p.root]!;
      const toReport: Rebase = (f) => relativeTo(root, path.resolve(p.dir, f));
      const pkg: PackageReport = {
        ...value.result.pkg,
        root: p.root,
        dir: toReport(value.result.pkg.dir),
        files: value.result.pkg.files.map(toReport),
        ...(p.copies.length > 0 ? { copies: p.copies } : {}),
        hooks: value.result.pkg.hooks.map((h) => ({ ...h, file: toReport(h.file) })),
      };
      return { result: { pkg, findings: value.result.findings.map((f) => rebaseFinding(f, p.root, toReport)) }, state };
    }
    this.misses++;
    return undefined;
  }

  /** Stores a freshly analysed package (its result must carry its inputs). */
  save(index: number, result: PackageResult): void {
    if (!result.inputs) return;
    const p = this.plan.packages[index]!;
    this.learn(result.inputs);
    const root = this.plan.roots[p.root]!;
    const fromAbsolute: Rebase = (f) => posix(path.relative(p.dir, f));
    const fromReport: Rebase = (f) => posix(path.relative(p.dir, path.resolve(root, f)));
    const { root: _root, copies: _copies, ...pkg } = result.pkg;
    const entry: ScanEntry = {
      package: `${p.name}@${p.version}`,
      inputs: rebaseInputs(result.inputs, fromAbsolute),
      result: {
        pkg: { ...pkg, dir: fromReport(pkg.dir), files: pkg.files.map(fromReport), hooks: pkg.hooks.map((h) => ({ ...h, file: fromReport(h.file) })) },
        findings: result.findings.map((f) => rebaseFinding(f, 0, fromReport)),
      },
    };
    this.put(p, entry);
  }

  /** Stores the failure of a package's analysis with what it read until it failed. */
  saveFailure(index: number, message: string, inputs: PackageInputs): void {
    const p = this.plan.packages[index]!;
    this.learn(inputs);
    this.put(p, { package: `${p.name}@${p.version}`, inputs: rebaseInputs(inputs, (f) => posix(path.relative(p.dir, f))), failed: message });
  }

  /** The digests the analysis took of what it read go into the stat index: the next run need not read them. */
  private learn(inputs: PackageInputs): void {
    for (const [file, state] of inputs.files) this.states.learnt(file, state);
  }

  private put(p: PlannedPackage, entry: ScanEntry): void {
    const err = this.store.put(this.key(p), digestOf(entry.inputs), entry);
    if (err && this.writeError === undefined) this.writeError = err.message;
  }

  /** Writes the stat index, evicts over the size cap (only when this run added something) and says what happened. */
  finish(): CacheStats {
    const indexError = this.index.save();
    if (indexError && this.writeError === undefined) this.writeError = indexError.message;
    const evicted = this.store.written > 0 ? evictLeastRecentlyUsed(this.options.dir, this.options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES).removed : 0;
    return { dir: this.options.dir, hits: this.hits, misses: this.misses, corrupt: this.store.corrupt, evicted, ...(this.writeError !== undefined ? { writeError: this.writeError } : {}) };
  }
}
