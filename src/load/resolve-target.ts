// From what was asked (an app or a demo, preloads or instrumentation packages) to what will run: the
// app's entry and folder, the request path, the helper servers, and the variants — `without` always
// first (the reference), `with`, and `against` when asked for. Every name is checked here, before any
// process starts: a missing app, preload or package is an input error, not a failed run.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { packageOf } from '../discover/package-of.js';
import type { LoadInstrumentation } from '../model/load.js';
import { DEMO_NAMES, DEMOS_DIR, demoPackages, findDemo, type Companion, type Demo } from './demos.js';
import { LoadInputError } from './load-errors.js';
import { LOAD_DEFAULTS, type LoadOptions } from './load-options.js';
import { preloadArgs, resolvePreload } from './preload-module.js';
import { SDK_ENV, type SdkSettings } from './probe-protocol.js';

const SDK_PRELOAD = fileURLToPath(new URL('./otel-preload.js', import.meta.url));

export interface VariantPlan {
  id: 'without' | 'with' | 'against';
  label: string;
  instrumentation: LoadInstrumentation;
  /** node options after the probe */
  execArgv: string[];
  env: Record<string, string>;
  /** the user's preload file, absolute */
  preloadFile?: string;
  /** folders of code it loads besides the app's (local instrumentation packages, the preload's): readable in the sandbox */
  readDirs: string[];
}

export interface LoadTarget {
  /** absolute */
  entry: string;
  /** the app's project folder (its package.json's), where it runs and resolves packages from */
  appDir: string;
  demo: Demo | null;
  path: string;
  companions: Array<Companion & { file: string }>;
  /** environment every variant gets (the demo's, then --env) */
  env: Record<string, string>;
  variants: VariantPlan[];
}

/** Dependencies of the app whose names say they are instrumentations (`…/instrumentation-x`, `auto-instrumentations-…`, `x-instrumentation`). */
export function instrumentationDependencies(appDir: string): string[] {
  let manifest: { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return [];
  }
  const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies });
  return names.filter((n) => /(^|\/)(instrumentation-|auto-instrumentations-)|-instrumentation$/.test(n)).sort();
}

function checkPackages(packages: readonly string[], appDir: string): void {
  const req = createRequire(path.join(appDir, 'otel-audit-load.js'));
  for (const p of packages) {
    try {
      req.resolve(p);
    } catch {
      throw new LoadInputError(`cannot find the instrumentation package ${p} from the app's folder ${appDir}`);
    }
  }
}

/** `@opentelemetry/instrumentation-http`, or a local package's own name */
function packageLabel(p: string): string {
  return path.isAbsolute(p) ? (packageOf(path.join(p, 'package.json'))?.name ?? path.basename(p)) : p;
}

function sdkVariant(id: VariantPlan['id'], packages: string[], appDir: string): VariantPlan {
  checkPackages(packages, appDir);
  const settings: SdkSettings = { appDir, packages };
  return {
    id,
    label: packages.map(packageLabel).join(' + '),
    instrumentation: { kind: 'sdk', packages: packages.map(packageLabel) },
    execArgv: ['--import', pathToFileURL(SDK_PRELOAD).href],
    env: { [SDK_ENV]: JSON.stringify(settings) },
    // packages named are resolved from the app's folder (readable with it); paths may be anywhere
    readDirs: packages.filter((p) => path.isAbsolute(p)),
  };
}

function preloadVariant(id: VariantPlan['id'], spec: string, cwd: string, appDir: string): VariantPlan {
  const p = resolvePreload(spec, cwd, appDir);
  return { id, label: p.given, instrumentation: { kind: 'preload', module: p.given, flag: p.flag }, execArgv: preloadArgs(p), env: {}, preloadFile: p.file, readDirs: [path.dirname(p.file)] };
}

function appEntry(o: LoadOptions, cwd: string): { entry: string; demo: Demo | null } {
  if (o.demo !== undefined) {
    const demo = findDemo(o.demo);
    if (demo === undefined) throw new LoadInputError(`no demo named ${o.demo}; the demos are ${DEMO_NAMES.join(', ')}`);
    return { entry: path.join(DEMOS_DIR, demo.entry), demo };
  }
  if (o.app === undefined) throw new LoadInputError('name the app entry file, or a demo with --demo');
  const entry = path.resolve(cwd, o.app);
  let isFile = false;
  try {
    isFile = statSync(entry).isFile();
  } catch {
    throw new LoadInputError(`the app entry ${o.app} does not exist`);
  }
  if (!isFile) throw new LoadInputError(`the app entry ${o.app} is not a file`);
  return { entry, demo: null };
}

export function resolveTarget(o: LoadOptions, cwd: string): LoadTarget {
  const { entry, demo } = appEntry(o, cwd);
  const appDir = packageOf(entry)?.dir ?? path.dirname(entry);
  const requestPath = o.path ?? demo?.path ?? LOAD_DEFAULTS.path;
  if (!requestPath.startsWith('/')) throw new LoadInputError(`--url takes the request's path (e.g. /api/items), not ${requestPath}: load goes to the app on 127.0.0.1 only`);

  const variants: VariantPlan[] = [{ id: 'without', label: 'without instrumentation', instrumentation: { kind: 'none' }, execArgv: [], env: {}, readDirs: [] }];
  if (o.instrument !== undefined) variants.push(preloadVariant('with', o.instrument, cwd, appDir));
  else {
    const packages = o.instrumentations ?? (demo ? demoPackages(demo.with) : instrumentationDependencies(appDir));
    if (packages.length === 0)
      throw new LoadInputError(`nothing to compare: ${path.join(appDir, 'package.json')} lists no instrumentation package; name them with --instrumentations, or give your preload with --instrument`);
    variants.push(sdkVariant('with', packages, appDir));
  }
  if (o.against !== undefined) variants.push(preloadVariant('against', o.against, cwd, appDir));
  else if (o.againstInstrumentations !== undefined) variants.push(sdkVariant('against', o.againstInstrumentations, appDir));
  else if (demo?.against !== undefined) variants.push(sdkVariant('against', demoPackages(demo.against), appDir));

  return {
    entry,
    appDir,
    demo,
    path: requestPath,
    companions: (demo?.companions ?? []).map((c) => ({ ...c, file: path.join(DEMOS_DIR, c.entry) })),
    env: { ...demo?.env, ...o.env },
    variants,
  };
}
