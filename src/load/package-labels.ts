// Which package a file of the app's process belongs to — for the profile's attribution (by name) and
// the operation sites (name@version): the nearest package.json with a name — the `node_modules/<name>`
// the file is in, or for code outside node_modules a local package or workspace member. The app's own
// package (that of its entry file) is `(app)`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageOf, type PackageRef } from '../discover/package-of.js';

export const APP_BUCKET = '(app)';
/** the user's preload file (`--instrument`, `--against`): the instrumentation, even when it sits in the app's folder */
export const PRELOAD_BUCKET = '(preload)';

/**
 * otel-audit's own folder: its frames in the app are measurement (the op counters' idle wrappers, the
 * probe) or the SDK preload's stand-ins for a real exporter; the profile charges them to their callers.
 */
const OWN_DIR = packageOf(fileURLToPath(import.meta.url))?.dir;

export interface PackageLabels {
  /** for the profile: a package name, `(app)`, or null for code of no package (node:…, natives, eval) */
  ofUrl(url: string): string | null;
  /** for operation sites: `name@version`, or null for the app's own code and files of no package */
  ofFile(file: string): string | null;
  /** the folder of a `name@version` ofFile gave */
  dirOf(label: string): string | undefined;
}

/** An absolute file path from a profile URL or a stack's file name; null when it is not a file. */
export function fileOfUrl(url: string): string | null {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return null;
    }
  }
  return path.isAbsolute(url) ? url : null;
}

/** `appEntry`: the app's entry file; its nearest package.json is the app's own package. `preloads`: the user's preload files. */
export function packageLabels(appEntry: string, preloads: readonly string[] = []): PackageLabels {
  const app = packageOf(appEntry);
  const appDir = app?.dir ?? path.dirname(appEntry);
  const dirs = new Map<string, string>();
  const refOf = (file: string): PackageRef | 'app' | null => {
    const ref = packageOf(file);
    if (ref === undefined) return file.startsWith(appDir + path.sep) ? 'app' : null;
    return ref.dir === appDir ? 'app' : ref;
  };
  return {
    ofUrl(url) {
      const file = fileOfUrl(url);
      if (file === null) return null;
      if (preloads.includes(file)) return PRELOAD_BUCKET;
      const ref = refOf(file);
      return ref === 'app' ? APP_BUCKET : ref === null || ref.dir === OWN_DIR ? null : ref.name;
    },
    ofFile(file) {
      const ref = refOf(file);
      if (ref === 'app' || ref === null) return null;
      const label = `${ref.name}@${ref.version}`;
      dirs.set(label, ref.dir);
      return label;
    },
    dirOf: (label) => dirs.get(label),
  };
}
