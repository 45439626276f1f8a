// Installs the vetted package's production dependencies, so the scan can follow calls into them (and
// the bench can load it). Online: `npm install` as usual. With --offline: npm from its cache only, and
// the current project's node_modules linked beside the package as a fallback Node (and the scanner)
// resolves through — what a developer vetting a bump of something they already have wants.
// Whatever happened is said in the result; a failed install weakens the verdict, it does not stop it.
//
// Where the dependencies go matters: a package folder's own node_modules is scanned with it (that is
// how `scan` treats a package), so dependencies installed there would be vetted as packages of their
// own — their hooks benched, their findings judged — and only online, since offline they come from the
// linked project. They are installed in a folder above the package instead, where Node and the scanner
// still resolve them (calls into them are followed, as `reachedFrom` findings) but the scan does not
// walk. Resolution order from the package: its own node_modules (bundled dependencies, left in
// place), then `installDir`, then the project linked into `fallbackDir`.
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { specKind, whyNotFetched } from './dependency-spec.js';
import { npmErrorSummary, npmInstall } from './npm.js';

export type DependencySource = 'none' | 'npm' | 'npm-offline' | 'project' | 'npm-offline+project' | 'not-installed';

/** A dependency vet did not let npm fetch (a git, file, link or URL spec) and why. */
export interface SkippedDependency {
  name: string;
  spec: string;
  reason: string;
}

export interface DependencyInstall {
  source: DependencySource;
  /** one sentence for the report */
  detail: string;
  /** the project node_modules linked in, when one was */
  projectNodeModules?: string;
  /** dependencies left out on purpose (not from a registry); absent when none */
  notInstalled?: SkippedDependency[];
}

type Specs = Record<string, string>;

const specsOf = (v: unknown): Specs => (typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')) : {});

interface Wanted {
  /** what npm is asked for: registry specs only */
  dependencies: Specs;
  optionalDependencies: Specs;
  skipped: SkippedDependency[];
}

/** The package's production dependencies (peers included, as npm installs them), split into what npm may fetch and what it may not. */
function wantedDependencies(dir: string): Wanted {
  const m = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const optional = specsOf(m.optionalDependencies);
  const all: Specs = { ...specsOf(m.peerDependencies), ...specsOf(m.dependencies), ...optional };
  const out: Wanted = { dependencies: {}, optionalDependencies: {}, skipped: [] };
  for (const name of Object.keys(all).sort()) {
    const spec = all[name]!;
    const kind = specKind(spec);
    if (kind !== 'registry') out.skipped.push({ name, spec, reason: whyNotFetched(kind) });
    else if (name in optional) out.optionalDependencies[name] = spec;
    else out.dependencies[name] = spec;
  }
  return out;
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
 * npm runs in `installDir`, a folder of ours holding only a package.json we wrote with the registry
 * dependencies: never in the unpacked package, whose `.npmrc` (a `git=` program, a registry of the
 * attacker's with `_authToken=${NPM_TOKEN}`) npm would read as project configuration. The
 * dependencies land in `installDir/node_modules`, above the scanned folder (see the top of the file).
 */
async function installInOwnFolder(wanted: Wanted, offline: boolean, installDir: string): Promise<Awaited<ReturnType<typeof npmInstall>>> {
  const manifest = { name: 'otel-audit-vet-dependencies', version: '0.0.0', private: true, dependencies: wanted.dependencies, optionalDependencies: wanted.optionalDependencies };
  writeFileSync(path.join(installDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return npmInstall(installDir, offline);
}

const listOf = (names: string[]): string => (names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', '));

/** The detail sentence with the left-out dependencies appended. */
function withSkipped(install: DependencyInstall, skipped: SkippedDependency[]): DependencyInstall {
  if (skipped.length === 0) return install;
  const said = skipped.map((d) => `${d.name} (${d.spec}: ${d.reason})`).join('; ');
  return { ...install, detail: `${install.detail}; not installed: ${said}`, notInstalled: skipped };
}

export async function installDependencies(dir: string, options: InstallOptions): Promise<DependencyInstall> {
  const wanted = wantedDependencies(dir);
  const names = [...Object.keys(wanted.dependencies), ...Object.keys(wanted.optionalDependencies)].sort();
  if (names.length === 0) {
    if (wanted.skipped.length === 0) return { source: 'none', detail: 'no dependencies to install' };
    return withSkipped({ source: 'not-installed', detail: 'no registry dependency to install' }, wanted.skipped);
  }
  return withSkipped(await installRegistry(listOf(names), wanted, options), wanted.skipped);
}

async function installRegistry(list: string, wanted: Wanted, options: InstallOptions): Promise<DependencyInstall> {
  if (!options.offline) {
    const r = await installInOwnFolder(wanted, false, options.installDir);
    if (r.code === 0) return { source: 'npm', detail: `${list} installed with npm (your registry configuration)` };
    return { source: 'not-installed', detail: `npm install failed (${npmErrorSummary(r)}): calls into ${list} were not followed` };
  }
  const project = findProjectNodeModules(options.cwd);
  const linked = project !== undefined && linkProject(options.fallbackDir, project);
  const r = await installInOwnFolder(wanted, true, options.installDir);
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
