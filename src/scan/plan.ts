// Discovery for a scan, done once in the main thread: packages under each path (one per
// name@version, other installed copies listed), their entry files, and what could not be read.
// Plain data only, so that it can be handed to worker threads.
import fs from 'node:fs';
import path from 'node:path';
import { entryFiles } from '../discover/entry-files.js';
import { findPackages, type DiscoveredPackage } from '../discover/find-packages.js';
import type { PackageReport, ReportError } from '../model/report.js';
import type { ScanProgress } from './scan-options.js';
import { posix } from './paths.js';

export interface PlannedPackage {
  name: string;
  version: string;
  dir: string;
  /** index into the plan's roots */
  root: number;
  copies: string[];
  entries: string[];
  entry: PackageReport['entry'];
}

export interface ScanPlan {
  /** the paths as given, and their realpaths */
  paths: string[];
  roots: string[];
  packages: PlannedPackage[];
  errors: ReportError[];
}

export function planScan(paths: string[], onProgress?: (p: ScanProgress) => void): ScanPlan {
  const errors: ReportError[] = [];
  // discovery hands back realpaths: relate files to the real root too, or a root behind a symlink breaks
  const roots = paths.map((p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  });
  const discovered: Array<{ pkg: DiscoveredPackage; root: number }> = [];
  roots.forEach((root, i) => {
    onProgress?.({ phase: 'discover', done: i, total: roots.length });
    const found = findPackages(root);
    // discovery reports files relative to the root it walked; absolute ones are placed later
    errors.push(...found.errors.map((e) => (e.file && !path.isAbsolute(e.file) ? { ...e, root: i } : e)));
    for (const pkg of found.packages) discovered.push({ pkg, root: i });
  });

  // The same name@version installed in several places (nested node_modules copies, or reachable from
  // two paths) is the same code: analysed and reported once, the other places listed as `copies`.
  const byId = new Map<string, { pkg: DiscoveredPackage; root: number; copies: string[] }>();
  for (const d of discovered) {
    const id = `${d.pkg.name}@${d.pkg.version}`;
    const first = byId.get(id);
    if (!first) byId.set(id, { ...d, copies: [] });
    else if (first.pkg.dir !== d.pkg.dir) first.copies.push(posix(path.relative(roots[d.root]!, d.pkg.dir)));
  }
  const packages = [...byId.values()].map(({ pkg, root, copies }) => {
    const entry = entryFiles(pkg);
    errors.push(...entry.errors);
    return { name: pkg.name, version: pkg.version, dir: pkg.dir, root, copies: copies.sort(), entries: entry.files, entry: entry.mode };
  });
  return { paths, roots, packages, errors };
}
