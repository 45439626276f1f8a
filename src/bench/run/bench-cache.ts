// The bench's result cache: a package's list of cases, and each case's measurement, so that an
// unchanged package is not loaded, listed and measured again (minutes on a large tree) — the pull
// request bot measures only what a pull request changed.
//
// A list is keyed by the tool (version and code digest), the Node version (what loads, and how), and
// the package: its own runtime files' digest and the identities of the packages its declared
// dependencies resolve to, transitively (src/cache/package-identity.ts). It is served only while the
// target modules its cases patched (`pg@8.11.3` with an installed-shape mock) are still what is
// installed. A measurement is keyed by its list's key, the case, the target modules (and a scenario's
// packages) as installed, every setting sent to the children and the run's concurrency, and the machine
// facts the bench records (Node version, CPU model and count, platform). Served entries say so:
// `cached: true` and `measuredAt`. Failed cases and failed listings are never stored: a timeout on a
// busy machine is worth another try.
import os from 'node:os';
import path from 'node:path';
import { BENCH_NAMESPACE, DEFAULT_CACHE_MAX_BYTES } from '../../cache/cache-dir.js';
import { digestOf } from '../../cache/digest.js';
import { EntryStore, evictLeastRecentlyUsed } from '../../cache/entry-store.js';
import { PackageIdentities } from '../../cache/package-identity.js';
import { toolFingerprint } from '../../cache/tool-fingerprint.js';
import type { Benchmark, SourceLocation } from '../../model/report.js';
import { relativeTo, posix } from '../../scan/paths.js';
import type { PlannedPackage } from '../../scan/plan.js';
import type { BenchCacheStats, ResultCacheOptions } from '../../cache/cache-options.js';
import type { BenchSettings, CaseSpec, ListResult } from '../protocol/child-protocol.js';
import { scenariosFor } from '../scenarios/index.js';

const FORMAT = 1;

interface ListEntry {
  package: string;
  list: ListResult;
  /** target module → what was installed when listed */
  targets: Array<[string, string]>;
}

interface CaseEntry {
  package: string;
  /** ISO 8601 */
  measuredAt: string;
  /** opSites relative to the package's folder, no profile */
  benchmark: Benchmark;
}

const isList = (v: unknown): v is ListEntry => {
  const e = v as Partial<ListEntry> | null;
  return typeof e?.package === 'string' && Array.isArray(e.list?.cases) && Array.isArray(e.list.notes) && Array.isArray(e.targets);
};
const isCase = (v: unknown): v is CaseEntry => {
  const e = v as Partial<CaseEntry> | null;
  return typeof e?.package === 'string' && typeof e.measuredAt === 'string' && typeof e.benchmark === 'object' && e.benchmark !== null && typeof e.benchmark.status === 'string';
};

/** The package a `name@version` (or a subpath such as `pg/lib/client.js@8.0.0`) names. */
function packageNameOf(moduleAtVersion: string): string {
  const at = moduleAtVersion.lastIndexOf('@');
  const name = at > 0 ? moduleAtVersion.slice(0, at) : moduleAtVersion;
  return name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
}

/** The modules a case loads besides the package and its dependencies: what it patches, a scenario's packages. */
function caseTargets(pkgName: string, spec: CaseSpec): string[] {
  if (spec.kind === 'wrap') return [packageNameOf(spec.module)];
  if (spec.kind === 'scenario') return [...(scenariosFor(pkgName).find((s) => s.id === spec.target)?.requires ?? [])];
  return [];
}

function rebaseSites(b: Benchmark, to: (f: string) => string): Benchmark {
  if (b.opSites === undefined) return b;
  const sites: Record<string, SourceLocation> = {};
  for (const [op, s] of Object.entries(b.opSites)) sites[op] = { ...s, file: to(s.file) };
  return { ...b, opSites: sites };
}

export class BenchCache {
  private readonly lists: EntryStore<ListEntry>;
  private readonly cases: EntryStore<CaseEntry>;
  private readonly identities = new PackageIdentities();
  private readonly listKeys = new Map<string, string>();
  private readonly stats: Omit<BenchCacheStats, 'dir' | 'corrupt' | 'evicted'> = { listHits: 0, listMisses: 0, hits: 0, misses: 0 };
  private readonly tool: string;
  private readonly run: string;
  private writeError: string | undefined;

  /**
   * @param run every option that changes a measurement: the children's settings, timeouts,
   * concurrency, and whether they ran outside the sandbox (`unsafeRun`: a list or figures taken without
   * it are not what a sandboxed run would get, nor the other way round)
   */
  constructor(
    private readonly options: ResultCacheOptions,
    settings: BenchSettings,
    private readonly run_: { caseTimeoutMs: number; concurrency: number; unsafeRun: boolean },
  ) {
    this.lists = new EntryStore(path.join(options.dir, BENCH_NAMESPACE, 'lists'), FORMAT, isList);
    this.cases = new EntryStore(path.join(options.dir, BENCH_NAMESPACE, 'cases'), FORMAT, isCase);
    this.tool = options.tool ?? toolFingerprint();
    const cpus = os.cpus();
    const machine = { node: process.version, cpu: (cpus[0]?.model ?? 'unknown cpu').replace(/\s+/g, ' ').trim(), cpus: cpus.length, platform: process.platform, arch: process.arch };
    this.run = digestOf({ settings, ...run_, machine });
  }

  private listKey(p: PlannedPackage): string {
    let key = this.listKeys.get(p.dir);
    if (key === undefined) {
      key = digestOf({
        kind: 'bench-list',
        format: FORMAT,
        tool: this.tool,
        node: process.version,
        name: p.name,
        version: p.version,
        closure: this.identities.closure(p.dir),
        unsafeRun: this.run_.unsafeRun,
      });
      this.listKeys.set(p.dir, key);
    }
    return key;
  }

  private targetsOf(p: PlannedPackage, list: ListResult): Array<[string, string]> {
    const names = new Set(list.cases.flatMap((c) => caseTargets(p.name, c)));
    return [...names].sort().map((n) => [n, this.identities.installed(p.dir, n)]);
  }

  list(p: PlannedPackage): ListResult | undefined {
    const key = this.listKey(p);
    for (const { variant, value } of this.lists.variants(key)) {
      if (value.targets.some(([n, id]) => this.identities.installed(p.dir, n) !== id)) continue;
      this.lists.touch(key, variant);
      this.stats.listHits++;
      return value.list;
    }
    this.stats.listMisses++;
    return undefined;
  }

  saveList(p: PlannedPackage, list: ListResult): void {
    if (list.notes.some((n) => n.status === 'failed')) return;
    const targets = this.targetsOf(p, list);
    this.remember(this.lists.put(this.listKey(p), digestOf(targets), { package: `${p.name}@${p.version}`, list, targets }));
  }

  private caseKey(p: PlannedPackage, spec: CaseSpec): string {
    const targets = caseTargets(p.name, spec).map((n) => this.identities.installed(p.dir, n));
    return digestOf({ kind: 'bench-case', list: this.listKey(p), run: this.run, spec, targets });
  }

  /** A stored measurement of the case, its paths made relative to `root` like a fresh one, marked cached. */
  measurement(p: PlannedPackage, spec: CaseSpec, root: string): Benchmark | undefined {
    const key = this.caseKey(p, spec);
    const [hit] = this.cases.variants(key);
    if (hit === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.cases.touch(key, hit.variant);
    this.stats.hits++;
    const b = rebaseSites(hit.value.benchmark, (f) => relativeTo(root, path.resolve(p.dir, f)));
    return { ...b, cached: true, measuredAt: hit.value.measuredAt };
  }

  /** Stores a final (after any measuring again) entry of a case measured in this run. */
  saveMeasurement(p: PlannedPackage, spec: CaseSpec, root: string, b: Benchmark, measuredAt: string): void {
    // an untrusted entry (figures that did not hold up against the child's CPU time) is measured again next time
    if (b.status !== 'measured' || b.cached === true || b.untrusted !== undefined) return;
    // block coverage is never stored: it counts the positions of this run's scan (collected again on a hit)
    const { profile: _profile, coverage: _coverage, ...kept } = b;
    const benchmark = rebaseSites(kept, (f) => posix(path.relative(p.dir, path.resolve(root, f))));
    this.remember(this.cases.put(this.caseKey(p, spec), 'm', { package: `${p.name}@${p.version}`, measuredAt, benchmark }, 1));
  }

  private remember(err: Error | undefined): void {
    if (err && this.writeError === undefined) this.writeError = err.message;
  }

  finish(): BenchCacheStats {
    const written = this.lists.written + this.cases.written;
    const evicted = written > 0 ? evictLeastRecentlyUsed(this.options.dir, this.options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES).removed : 0;
    return { dir: this.options.dir, ...this.stats, corrupt: this.lists.corrupt + this.cases.corrupt, evicted, ...(this.writeError !== undefined ? { writeError: this.writeError } : {}) };
  }
}
