// Gets the package to vet into a temp folder of its own, as npm would install it: a registry spec is
// fetched with `npm pack`, a folder is packed with `npm pack` (so `files` and .npmignore apply, as
// for the published package — and the user's folder is never written to), a tarball is used as it is.
// Then unpack, then install dependencies. Nothing runs the package's scripts.
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installDependencies, type DependencyInstall } from './install-dependencies.js';
import { npmPack } from './npm.js';
import { unpack, type UnpackMethod } from './unpack.js';
import { describeInput, type VetInput } from './vet-input.js';
import { VetInputError } from './vet-input-error.js';

export interface PreparedPackage {
  name: string;
  version: string;
  /** the unpacked package folder (temporary) */
  dir: string;
  /** how it was obtained, for the report: "npm registry (npm pack x@1)", "local tarball …" */
  source: string;
  unpackedWith: UnpackMethod;
  dependencies: DependencyInstall;
  /** removes the temp folder */
  cleanup: () => void;
}

export interface PrepareOptions {
  offline: boolean;
  /** where vet was started: relative paths and the project node_modules are found from here */
  cwd: string;
}

function packFailure(input: VetInput, code: string | undefined, message: string | undefined): VetInputError {
  const label = describeInput(input);
  if (input.kind === 'registry') {
    if (code === 'E404') return new VetInputError(`${label}: not found in the registry`);
    if (code === 'ENOTCACHED') return new VetInputError(`${label}: not found in npm's cache (--offline: nothing is downloaded)`);
    if (code === 'ETARGET') return new VetInputError(`${label}: no version matches (${message})`);
    if (code === 'EINVALIDPACKAGENAME' || code === 'EINVALIDTAGNAME') return new VetInputError(`${label}: not a valid npm spec (${message})`);
    return new VetInputError(`${label}: cannot fetch (${message})`);
  }
  return new VetInputError(`${label}: not a package (${message})`);
}

async function tarballFor(input: VetInput, work: string, options: PrepareOptions): Promise<{ tarball: string; source: string }> {
  if (input.kind === 'tarball') {
    try {
      accessSync(input.path, constants.R_OK);
    } catch {
      throw new VetInputError(`${input.path}: cannot read the tarball (permission denied)`);
    }
    return { tarball: input.path, source: `local tarball ${input.path}` };
  }
  const packDir = path.join(work, 'pack');
  mkdirSync(packDir);
  const spec = input.kind === 'registry' ? input.spec : input.path;
  const packed = await npmPack(spec, packDir, { offline: options.offline, cwd: options.cwd });
  if (!packed.ok || packed.tarball === undefined) throw packFailure(input, packed.errorCode, packed.message);
  const source =
    input.kind === 'registry'
      ? `npm ${options.offline ? 'cache (npm pack --offline)' : 'registry (npm pack)'} ${input.spec}`
      : `local folder ${input.path} (packed with npm pack, as it would be published)`;
  return { tarball: packed.tarball, source };
}

export async function preparePackage(input: VetInput, options: PrepareOptions): Promise<PreparedPackage> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-vet-'));
  const cleanup = (): void => rmSync(work, { recursive: true, force: true });
  try {
    if (input.kind === 'folder') {
      // npm pack of a folder without package.json packs its parent project: say "not a package" instead
      try {
        accessSync(path.join(input.path, 'package.json'), constants.R_OK);
      } catch {
        throw new VetInputError(`${input.path}: not a package (no readable package.json)`);
      }
    }
    const { tarball, source } = await tarballFor(input, work, options);
    // work/install/unpacked/package: the dependencies land in work/install/node_modules, the project's
    // node_modules (--offline) is linked as work/node_modules; both above the scanned package folder
    // whichever layout the tarball has (package/, another top folder, or none)
    const installDir = path.join(work, 'install');
    const unpacked = unpack(tarball, path.join(installDir, 'unpacked'), describeInput(input));
    const dependencies = await installDependencies(unpacked.dir, { offline: options.offline, cwd: options.cwd, installDir, fallbackDir: work });
    return { name: unpacked.name, version: unpacked.version, dir: unpacked.dir, source, unpackedWith: unpacked.method, dependencies, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}
