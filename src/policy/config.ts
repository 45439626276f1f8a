// Finds, reads and checks the policy file. Where it comes from, in order: `--config FILE`;
// `otel-audit.config.json` in the working directory; the `"otel-audit"` key of ./package.json; else
// no policy. Any problem in it is a usage error (exit 2) located at file:line:column, because a
// policy that is silently half-applied would pass or fail builds for reasons nobody can see.
// Comments and trailing commas are allowed (JSONC): a suppression's *why* often wants a note beside it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { UsageError } from './rule-selection.js';
import { validateConfig, type ConfigIssue, type PolicyConfig } from './config-schema.js';

export const CONFIG_FILE = 'otel-audit.config.json';
export const PACKAGE_KEY = 'otel-audit';

export interface LoadedPolicy {
  config: PolicyConfig;
  /** the file the policy came from, as shown in messages (null: no policy file) */
  source: string | null;
}

export const NO_POLICY: LoadedPolicy = { config: {}, source: null };

/** 1-based line and column (UTF-16 code units, like editors) of an offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The node at a JSON path, walking objects by key and arrays by index; the deepest found when it stops. */
function nodeAt(root: Node, path: ReadonlyArray<string | number>): Node {
  let node = root;
  for (const seg of path) {
    const next = node.type === 'array' ? node.children?.[Number(seg)] : findNodeAtLocation(node, [String(seg)]);
    if (next === undefined) return node;
    node = next;
  }
  return node;
}

function issueOffset(root: Node, issue: ConfigIssue): number {
  const node = nodeAt(root, issue.path);
  // a property's value node has the property as parent, whose first child is the key
  if (issue.target === 'key' && node.parent?.type === 'property') return node.parent.children?.[0]?.offset ?? node.offset;
  return node.offset;
}

const words = (code: string): string => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The first syntax error only: the ones after it are usually echoes of it (a missing `]` then `}`). */
function syntaxError(text: string, source: string, error: ParseError): UsageError {
  const { line, column } = lineColumn(text, error.offset);
  return new UsageError(`${source}:${line}:${column}: ${words(printParseErrorCode(error.error))}`);
}

/** One issue: the message is its line; several: one per line under a heading. */
function issuesError(lines: readonly string[]): UsageError {
  return new UsageError(lines.length === 1 ? lines[0]! : `invalid policy file\n${lines.join('\n')}`);
}

/**
 * Parses and validates a policy. `at` is the JSON path of the policy inside the file (['otel-audit']
 * for package.json): messages keep paths relative to the policy, positions relative to the file.
 */
export function parsePolicy(text: string, source: string, at: readonly string[] = []): PolicyConfig {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors[0] !== undefined) throw syntaxError(text, source, errors[0]);
  if (tree === undefined) throw new UsageError(`${source}:1:1: the file is empty`);
  const node = at.length === 0 ? tree : findNodeAtLocation(tree, [...at]);
  if (node === undefined) return {};
  const result = validateConfig(getNodeValue(node) as unknown);
  if (result.config !== null) return result.config;
  const located = result.issues.map((issue) => ({ issue, offset: issueOffset(node, issue) })).sort((a, b) => a.offset - b.offset);
  const lines = located.map(({ issue, offset }) => {
    const { line, column } = lineColumn(text, offset);
    return `${source}:${line}:${column}: ${issue.message}`;
  });
  throw issuesError(lines);
}

/** true when `text` parses as a JSON object with `key` at the top (a file that does not parse: true, so its error is shown) */
function hasTopLevelKey(text: string, key: string): boolean {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || tree === undefined || tree.type !== 'object') return true;
  return findNodeAtLocation(tree, [key]) !== undefined;
}

async function readIfPresent(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Finds and loads the policy (see the top of this file for the order). */
export async function loadPolicy(options: { cwd: string; file?: string | undefined }): Promise<LoadedPolicy> {
  if (options.file !== undefined) {
    const text = await readIfPresent(path.resolve(options.cwd, options.file));
    if (text === null) throw new UsageError(`policy file not found: ${options.file}`);
    return { config: parsePolicy(text, options.file), source: options.file };
  }
  const own = await readIfPresent(path.join(options.cwd, CONFIG_FILE));
  if (own !== null) return { config: parsePolicy(own, CONFIG_FILE), source: CONFIG_FILE };
  const manifest = await readIfPresent(path.join(options.cwd, 'package.json'));
  // A package.json without the key is not a policy, and one that does not even parse is the project's
  // business, not ours: only when it names our key is it read as a policy (and its errors ours to report).
  if (manifest === null || !manifest.includes(`"${PACKAGE_KEY}"`)) return NO_POLICY;
  // the text test is a cheap filter, not the answer: `"name": "otel-audit"` or a `bin` entry of that
  // name mention the key too; only a top-level key is a policy (else "policy package.json" would be
  // named as applied when nothing was)
  if (!hasTopLevelKey(manifest, PACKAGE_KEY)) return NO_POLICY;
  return { config: parsePolicy(manifest, 'package.json', [PACKAGE_KEY]), source: 'package.json' };
}
