// Installs the vetted package's production dependencies, so the scan can follow calls into them (and
// the bench can load it). Online: `npm install` as usual. With --offline: npm from its cache only, and
// the current project's node_modules linked beside the package as a fallback Node (and the scanner)
// resolves through — what a developer vetting a bump of something they already have wants.
// Whatever happened is said in the result; a failed install weakens the verdict, it does not stop it.
//
// Where the dependencies go matters: a package folder's own node_modules is scanned with it (that is
// how `scan` treats a package), so dependencies installed there would be vetted as packages of their
// own — their hooks benched, their findings judged — and only online, since offline they come from the
// linked project. They are moved to a folder above the package instead, where Node and the scanner
// still resolve them (calls into them are followed, as `reachedFrom` findings) but the scan does not
// walk. Resolution order from the package: its own node_modules (bundled dependencies, left in
// place), then `installDir`, then the project linked into `fallbackDir`.
import { existsSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { npmErrorSummary, npmInstall } from './npm.js';

export type DependencySource = 'none' | 'npm' | 'npm-offline' | 'project' | 'npm-offline+project' | 'not-installed';

export interface DependencyInstall {
  source: DependencySource;
  /** one sentence for the report */
  detail: string;
  /** the project node_modules linked in, when one was */
  projectNodeModules?: string;
}

function dependencyNames(dir: string): string[] {
  const m = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const names = (v: unknown): string[] => (typeof v === 'object' && v !== null ? Object.keys(v) : []);
  return [...new Set([...names(m.dependencies), ...names(m.peerDependencies), ...names(m.optionalDependencies)])].sort();
}

/** The nearest node_modules at or above `from` (the project vet was started in), if any. */
export function findProjectNodeModules(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export interface InstallOptions {
  offline: boolean;
  cwd: string;
  /** a temp folder of ours above `dir`: the installed dependencies are moved into its node_modules */
  installDir: string;
  /** a temp folder of ours above `installDir`: the project's node_modules is linked there (--offline) */
  fallbackDir: string;
}

/** The project's node_modules linked into a temp folder of ours (a junction on Windows, no privileges needed). */
function linkProject(fallbackDir: string, projectNodeModules: string): boolean {
  try {
    symlinkSync(projectNodeModules, path.join(fallbackDir, 'node_modules'), 'junction');
    return true;
  } catch {
    return false;
  }
}

/**
 * npm installs into `dir/node_modules`; move that out of the scanned folder (see the top of the file).
 * A package that ships a node_modules (bundled dependencies) keeps it: it is part of what was published.
 */
async function installOutside(dir: string, offline: boolean, installDir: string): Promise<Awaited<ReturnType<typeof npmInstall>>> {
  const own = path.join(dir, 'node_modules');
  const bundled = existsSync(own);
  const r = await npmInstall(dir, offline);
  if (!bundled && existsSync(own)) renameSync(own, path.join(installDir, 'node_modules'));
  return r;
}

export async function installDependencies(dir: string, options: InstallOptions): Promise<DependencyInstall> {
  const deps = dependencyNames(dir);
  if (deps.length === 0) return { source: 'none', detail: 'no dependencies to install' };
  const list = deps.length > 4 ? `${deps.slice(0, 4).join(', ')} and ${deps.length - 4} more` : deps.join(', ');
  if (!options.offline) {
    const r = await installOutside(dir, false, options.installDir);
    if (r.code === 0) return { source: 'npm', detail: `${list} installed with npm (your registry configuration)` };
    return { source: 'not-installed', detail: `npm install failed (${npmErrorSummary(r)}): calls into ${list} were not followed` };
  }
  const project = findProjectNodeModules(options.cwd);
  const linked = project !== undefined && linkProject(options.fallbackDir, project);
  const r = await installOutside(dir, true, options.installDir);
  const fromProject = linked ? { projectNodeModules: project } : {};
  if (r.code === 0) {
    return linked
      ? { source: 'npm-offline+project', detail: `${list} installed with npm --offline from npm's cache (${project} linked as a fallback)`, ...fromProject }
      : { source: 'npm-offline', detail: `${list} installed with npm --offline from npm's cache` };
  }
  const why = npmErrorSummary(r);
  if (linked) return { source: 'project', detail: `npm --offline could not install ${list} (${why}); resolved from ${project} instead`, ...fromProject };
  return { source: 'not-installed', detail: `npm --offline could not install ${list} (${why}) and no project node_modules was found: calls into them were not followed` };
}
