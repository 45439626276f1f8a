// What the user asked to vet: a local folder, a local tarball, or an npm spec for `npm pack`. A local
// path is never sent to the registry: a path that looks like one (./x, /x, x.tgz) but does not exist
// is "not found" here, not a registry lookup that would fail later with a confusing message.
import { statSync } from 'node:fs';
import path from 'node:path';
import { specKind } from './dependency-spec.js';
import { VetInputError } from './vet-input-error.js';

export type VetInput = { kind: 'folder'; path: string } | { kind: 'tarball'; path: string } | { kind: 'registry'; spec: string };

const TARBALL = /\.(?:tgz|tar\.gz|tar)$/i;
const LOOKS_LIKE_PATH = /^(?:\.{1,2}(?:[\\/]|$)|[\\/]|~[\\/]|[A-Za-z]:[\\/])/;

export function classifyInput(spec: string, cwd: string = process.cwd()): VetInput {
  if (spec.trim() === '') throw new VetInputError('name a package: an npm spec (name, name@version), a .tgz or a folder');
  const full = path.resolve(cwd, spec);
  let stat;
  try {
    stat = statSync(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new VetInputError(`${spec}: permission denied`);
    if (LOOKS_LIKE_PATH.test(spec) || TARBALL.test(spec)) throw new VetInputError(`${spec}: not found (no such file or folder)`);
    return registrySpec(spec);
  }
  if (stat.isDirectory()) return { kind: 'folder', path: full };
  if (stat.isFile() && TARBALL.test(spec)) return { kind: 'tarball', path: full };
  throw new VetInputError(`${spec}: not a package (expected a folder with a package.json, a .tgz from npm pack, or an npm spec)`);
}

/**
 * A spec npm would fetch from somewhere other than the registry (a git repository, which npm clones
 * and may build with the repository's own scripts; a URL) is refused: vet fetches registry packages,
 * and anything else is cloned or downloaded by the user and vetted as a folder or tarball.
 */
function registrySpec(spec: string): VetInput {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  const range = at === -1 ? (spec.includes(':') || (spec.includes('/') && !spec.startsWith('@')) ? spec : '') : spec.slice(at + 1);
  const kind = specKind(range);
  if (kind !== 'registry')
    throw new VetInputError(
      `${spec}: not a registry package (${kind === 'git' ? 'a git repository' : kind === 'url' ? 'a URL' : 'not a version, range or tag'}): clone or download it and vet the folder or tarball`,
    );
  return { kind: 'registry', spec };
}

export function describeInput(input: VetInput): string {
  if (input.kind === 'registry') return input.spec;
  return input.path;
}
