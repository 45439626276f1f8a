// The action's inputs. A composite action does not export `INPUT_*` by itself: action.yml passes each
// input to the script as an `INPUT_<NAME>` environment variable (upper case, `-` kept), which is also
// how a JavaScript action receives them, so the script works either way.
import { FAIL_ON, type FailOn } from '../policy/exit-code.js';
import { DEFAULT_THRESHOLD_PCT } from '../diff/compare-benchmarks.js';

export const DEFAULT_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
export const DEFAULT_INSTALL = 'npm ci --ignore-scripts --no-audit --no-fund';
export const DEFAULT_SCAN_PATHS = ['node_modules/@opentelemetry'];

export interface ActionInputs {
  token: string;
  /** what to scan, relative to the repository root (one per line in the input) */
  paths: string[];
  failOn: FailOn;
  thresholdPct: number;
  /** run even when no lockfile changed */
  always: boolean;
  lockfiles: string[];
  /** shell command that installs dependencies in a checkout; '' to skip (already installed) */
  installCommand: string;
  /** pre-computed reports: when both are given nothing is checked out, installed or scanned */
  baseReport: string | null;
  headReport: string | null;
  /** where the SARIF of the head scan is written */
  sarifFile: string;
  comment: boolean;
  /**
   * result cache folder shared by the base and head scans ('' for none); action.yml points it at a
   * folder actions/cache restores and saves, keyed on the lockfiles
   */
  cacheDir: string;
  /** also bench every hook on each side (scan --bench); with the cache, unchanged packages are not measured again */
  bench: boolean;
  /** the login the token writes comments as, when neither GET /user nor the Actions bot is it (a GitHub App: `<slug>[bot]`) */
  commentAuthor: string;
  /**
   * Run on `pull_request_target` events. Refused by default: such a run has the base repository's
   * secrets and a write token while it installs and reads the pull request's code.
   */
  allowPullRequestTarget: boolean;
}

export class ActionInputError extends Error {
  override name = 'ActionInputError';
}

function get(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.toUpperCase()}`] ?? env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
}

function list(value: string, fallback: string[]): string[] {
  const items = value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : fallback;
}

function bool(value: string, fallback: boolean, name: string): boolean {
  if (value === '') return fallback;
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  throw new ActionInputError(`input ${name}: expected true or false, got "${value}"`);
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const failOn = get(env, 'fail-on') || 'high';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new ActionInputError(`input fail-on: one of ${FAIL_ON.join(', ')}, got "${failOn}"`);
  const thresholdText = get(env, 'threshold-pct');
  const thresholdPct = thresholdText === '' ? DEFAULT_THRESHOLD_PCT : Number(thresholdText);
  if (!Number.isFinite(thresholdPct) || thresholdPct < 0) throw new ActionInputError(`input threshold-pct: a number ≥ 0, got "${thresholdText}"`);
  const install = env.INPUT_INSTALL_COMMAND !== undefined || env['INPUT_INSTALL-COMMAND'] !== undefined ? get(env, 'install-command') : DEFAULT_INSTALL;
  return {
    token: get(env, 'token'),
    paths: list(get(env, 'path'), DEFAULT_SCAN_PATHS),
    failOn: failOn as FailOn,
    thresholdPct,
    always: bool(get(env, 'always'), false, 'always'),
    lockfiles: list(get(env, 'lockfiles'), DEFAULT_LOCKFILES),
    installCommand: install,
    baseReport: get(env, 'base-report') || null,
    headReport: get(env, 'head-report') || null,
    sarifFile: get(env, 'sarif-file') || 'otel-audit.sarif',
    comment: bool(get(env, 'comment'), true, 'comment'),
    cacheDir: get(env, 'cache-dir'),
    bench: bool(get(env, 'bench'), false, 'bench'),
    commentAuthor: get(env, 'comment-author'),
    allowPullRequestTarget: bool(get(env, 'allow-pull-request-target'), false, 'allow-pull-request-target'),
  };
}
