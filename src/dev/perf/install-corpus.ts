// Installs the third-party corpus (test/corpus/wild) when its node_modules is missing or older than
// its lockfile. Always `npm ci --ignore-scripts`: the corpus is code nobody here wrote, and nothing
// of it may run at install time (dd-trace, newrelic and protobufjs ship install scripts).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

function mtimeMs(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** Why the corpus needs installing, or null when node_modules is at least as new as the lockfile. */
export function installNeeded(corpusDir: string): string | null {
  const lock = mtimeMs(path.join(corpusDir, 'package-lock.json'));
  if (lock === null) throw new Error(`${corpusDir}/package-lock.json is missing`);
  // npm writes node_modules/.package-lock.json at the end of every install
  const installed = mtimeMs(path.join(corpusDir, 'node_modules/.package-lock.json'));
  if (installed === null) return 'node_modules is missing';
  return installed < lock ? 'node_modules is older than package-lock.json' : null;
}

/** Installs when needed; progress and npm's own output go to stderr. Throws when npm fails. */
export function installCorpus(corpusDir: string, log: (line: string) => void): void {
  const why = installNeeded(corpusDir);
  if (why === null) return;
  log(`installing the corpus (${why}): npm ci --ignore-scripts in ${corpusDir}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: corpusDir, stdio: ['ignore', process.stderr, process.stderr] });
  if (r.error !== undefined) throw new Error(`npm ci could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`npm ci --ignore-scripts in ${corpusDir} exited with ${r.status}`);
}
