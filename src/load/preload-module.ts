// The user's preload (`--instrument`, `--against`): a file, or a package path such as
// `@opentelemetry/auto-instrumentations-node/register` resolved from the app's folder as the app would
// resolve it. It is loaded with `--import` by default, after otel-audit's probe, so the op counters are
// in place before the instrumentation keeps references to what it counts; `--require <module>` asks for
// Node's `--require`, which runs before every `--import` (the counters may then miss what the preload
// took at load time).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LoadInputError } from './load-errors.js';

export interface PreloadModule {
  flag: '--require' | '--import';
  /** absolute path of the module */
  file: string;
  /** as given, without the flag: for the report */
  given: string;
}

/** `[--require|--import] <module>`, relative paths against `cwd`, bare specifiers from `appDir`. */
export function resolvePreload(spec: string, cwd: string, appDir: string): PreloadModule {
  const m = /^(--require|--import|-r)(?:=|\s+)(.+)$/.exec(spec.trim());
  const flag = m === null || m[1] === '--import' ? '--import' : '--require';
  const given = (m === null ? spec : m[2]!).trim();
  if (given === '') throw new LoadInputError('the preload module is empty');
  const isPath = given.startsWith('.') || path.isAbsolute(given);
  const from = isPath ? path.join(cwd, 'preload.js') : path.join(appDir, 'preload.js');
  let file: string;
  try {
    file = createRequire(from).resolve(isPath ? path.resolve(cwd, given) : given);
  } catch (err) {
    throw new LoadInputError(`cannot find the preload ${given} (${isPath ? `from ${cwd}` : `from the app's folder ${appDir}`}): ${(err as Error).message.split('\n')[0]}`);
  }
  return { flag, file, given };
}

/** The node options that load it. */
export function preloadArgs(p: PreloadModule): string[] {
  return p.flag === '--import' ? ['--import', pathToFileURL(p.file).href] : ['--require', p.file];
}
