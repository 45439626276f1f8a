// The labels of the third-party corpus (test/corpus/wild/labels.json, format in its README.md): one
// entry per site — a package at its pinned version, a file relative to that package's folder, a line
// and a rule — saying whether an expensive operation really runs there on every call of a hook.
// Validation is strict and names the file and the entry index, because a typo in a label would
// otherwise silently turn into an "unlabelled finding" and a "missed cost" at the same time.
import { RULE_IDS } from '../../audits/index.js';

/** Why a per-call finding is wrong, so that the analysis work can be ordered by class. */
export const FALSE_REASONS = [
  'error-path', // only reached when throwing, from a catch block or an error callback
  'dead-branch', // a branch the callers never take (defensive argument check, exhaustive default)
  'singleton', // constructed or computed once per process (getInstance, module-level instance)
  'split-memo', // memoised, with the check and the fill in different functions
  'setup-hook', // the hooked function is a set-up API (configure, createPool, runCLI): not per request
  'wrong-hook', // runs per call of something, but not of the hook the scan names
  'closure-not-called', // a closure made in per-call code that the per-call path does not call
  'not-a-hook', // what the scan took for a hook never runs per call at all
  'other',
] as const;
export type FalseReason = (typeof FALSE_REASONS)[number];

/** How a true label was confirmed: counted at run time (probe or bench), or only read. */
export const CONFIRMATIONS = ['count', 'bench', 'read'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

export interface WildLabel {
  /** `name@version` as in the report's `findings[].package` */
  package: string;
  /** relative to the package's folder, POSIX */
  file: string;
  line: number;
  ruleId: string;
  /** true: the operation runs on every call of `hook`; false: the per-call finding there is wrong */
  real: boolean;
  /** `kind:target` as the scan names hooks (e.g. `wrap:openai:OpenAI.Chat.Completions.prototype.create`) */
  hook?: string;
  /** false labels only */
  reason?: FalseReason;
  /** true labels only */
  confirmedBy?: Confirmation;
  /** one line: why */
  evidence: string;
}

export class LabelFileError extends Error {}

const PACKAGE_SPEC = /^(?:@[^/@\s]+\/)?[^/@\s]+@[^@\s]+$/;
const KEYS = new Set(['package', 'file', 'line', 'ruleId', 'real', 'hook', 'reason', 'confirmedBy', 'evidence']);

/** The key a label and a finding share: package@version, package-relative file, line and rule. */
export function siteKey(site: { package: string; file: string; line: number; ruleId: string }): string {
  return `${site.package}|${site.file}|${site.line}|${site.ruleId}`;
}

function fail(file: string, index: number | null, message: string): never {
  throw new LabelFileError(`${file}${index === null ? '' : `: labels[${index}]`}: ${message}`);
}

function checkEntry(entry: unknown, file: string, i: number): WildLabel {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(file, i, 'must be an object');
  const e = entry as Record<string, unknown>;
  for (const k of Object.keys(e)) if (!KEYS.has(k)) fail(file, i, `unknown field "${k}"`);
  if (typeof e.package !== 'string' || !PACKAGE_SPEC.test(e.package)) fail(file, i, 'package must be "name@version"');
  if (typeof e.file !== 'string' || e.file === '' || e.file.startsWith('/') || e.file.includes('\\') || e.file.split('/').some((s) => s === '..' || s === '.' || s === '')) {
    fail(file, i, 'file must be a relative POSIX path inside the package (no "..", "./" or "\\")');
  }
  if (typeof e.line !== 'number' || !Number.isInteger(e.line) || e.line < 1) fail(file, i, 'line must be a positive integer');
  if (typeof e.ruleId !== 'string' || !(RULE_IDS as readonly string[]).includes(e.ruleId)) fail(file, i, `ruleId must be one of ${RULE_IDS.join('|')}`);
  if (typeof e.real !== 'boolean') fail(file, i, 'real must be true or false');
  if (typeof e.evidence !== 'string' || e.evidence.trim() === '' || e.evidence.includes('\n')) fail(file, i, 'evidence must be one non-empty line');
  if (e.hook !== undefined && (typeof e.hook !== 'string' || !/^[a-z-]+:./.test(e.hook))) fail(file, i, 'hook must be "kind:target"');
  if (e.real) {
    if (e.reason !== undefined) fail(file, i, 'a true label has no reason');
    if (e.hook === undefined) fail(file, i, 'a true label names its hook');
    if (typeof e.confirmedBy !== 'string' || !(CONFIRMATIONS as readonly string[]).includes(e.confirmedBy)) fail(file, i, `confirmedBy must be one of ${CONFIRMATIONS.join('|')}`);
  } else {
    if (e.confirmedBy !== undefined) fail(file, i, 'confirmedBy is for true labels');
    if (typeof e.reason !== 'string' || !(FALSE_REASONS as readonly string[]).includes(e.reason)) fail(file, i, `reason must be one of ${FALSE_REASONS.join('|')}`);
  }
  return e as unknown as WildLabel;
}

/** Parses and validates the labels file's text; throws LabelFileError naming `file` and the entry index. */
export function parseWildLabels(text: string, file: string): WildLabel[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    fail(file, null, `not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const list = (doc as { labels?: unknown } | null)?.labels;
  if (!Array.isArray(list)) fail(file, null, 'must be an object with a "labels" array');
  const labels = list.map((entry, i) => checkEntry(entry, file, i));
  const seen = new Map<string, number>();
  labels.forEach((l, i) => {
    const key = siteKey(l);
    const first = seen.get(key);
    if (first !== undefined) fail(file, i, `same site as labels[${first}] (${l.package} ${l.file}:${l.line} ${l.ruleId})`);
    seen.set(key, i);
  });
  return labels;
}
