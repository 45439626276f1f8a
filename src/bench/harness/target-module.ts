// What a module definition's `patch` receives in a bench child: a mock with the real module's shape
// when that module is installed where the instrumentation would find it (and in a version the
// definition supports), else a pure auto-mock; plus the version to pass along.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { createModuleMock } from './auto-mock.js';
import { pickVersion, satisfies } from './version-range.js';

export interface TargetModule {
  exports: object;
  version: string;
  mock: 'installed-shape' | 'auto';
}

interface Installed {
  exports: unknown;
  version: string;
}

/** The version in the package.json of the package that holds `file` (walking up to its name). */
function versionOf(file: string, name: string): string | undefined {
  const pkgName = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    try {
      const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (m.name === pkgName && typeof m.version === 'string') return m.version;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function installed(req: NodeJS.Require, name: string): Installed | undefined {
  try {
    if (isBuiltin(name)) return { exports: req(name) as unknown, version: process.versions.node };
    const file = req.resolve(name);
    const version = versionOf(file, name);
    if (version === undefined) return undefined;
    return { exports: req(file) as unknown, version };
  } catch {
    // not installed, or it throws on load: the auto-mock stands in
    return undefined;
  }
}

/**
 * The exports to patch for module `name` (a definition's module, or one of its files such as
 * `pg/lib/client.js`, resolved from the instrumentation's folder), and the version to patch with.
 * `options.includePrerelease`: the definition's flag (semver's, as InstrumentationBase passes it).
 * `moduleVersion`: for a file, the version chosen for its module (files are patched with it); for a
 * module, a version asked for (patchVersions): either way the version patched with, as given.
 */
export function targetModule(req: NodeJS.Require, name: string, ranges: readonly string[], options: { includePrerelease?: boolean }, moduleVersion?: string): TargetModule {
  const real = installed(req, name);
  if (moduleVersion === undefined) {
    if (real && satisfies(real.version, ranges, options)) return { exports: createModuleMock(real.exports), version: real.version, mock: 'installed-shape' };
    return { exports: createModuleMock(), version: pickVersion(ranges), mock: 'auto' };
  }
  // a file of a module, or a module in a version asked for: patched with that version, shaped by the real file only when that is the one installed
  if (real && real.version === moduleVersion) return { exports: createModuleMock(real.exports), version: moduleVersion, mock: 'installed-shape' };
  return { exports: createModuleMock(), version: moduleVersion, mock: 'auto' };
}
