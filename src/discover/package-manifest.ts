// package.json as discovery reads it: only the fields that decide what Node loads and what a package
// depends on. Everything else stays untyped on purpose — the audit never trusts a manifest's shape.
import path from 'node:path';
import type { ReportError } from '../model/report.js';
import { errorMessage } from './fs-error-kind.js';
import { readRegularFile } from './read-regular-file.js';

/** No real manifest comes near this; a larger one is not read into memory. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export interface PackageManifest {
  name?: string;
  version?: string;
  main?: string;
  module?: string;
  types?: string;
  type?: string;
  /** the raw `exports` value (string, conditions object, subpath map or array); validated where used */
  exports?: unknown;
  imports?: unknown;
  /** npm/yarn workspaces: marks a monorepo root, which is a container rather than a package */
  workspaces?: unknown;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const STRING_FIELDS = ['name', 'version', 'main', 'module', 'types', 'type'] as const;
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'] as const;

/**
 * Reads and validates `<dir>/package.json`. Errors carry the absolute file path and `package: null`:
 * only the caller knows the scanned root to make them relative and the folder to name the package.
 */
export function readManifest(dir: string): { manifest: PackageManifest } | { error: ReportError } {
  const file = path.join(dir, 'package.json');
  const read = readRegularFile(file, MAX_MANIFEST_BYTES);
  if ('refused' in read) {
    const { kind, message } = read.refused;
    if (kind === 'missing' || kind === 'symlink-loop') return { error: { package: null, file, kind, message: `cannot read package.json: ${message}` } };
    // a package is there, but its manifest cannot be read (a FIFO, a link into /proc, no permission):
    // it is skipped, and says so in the kind a --fail-on run does not let pass
    return {
      error: { package: null, file, kind: kind === 'internal' ? 'package-json' : 'skipped-package', message: `package skipped: package.json ${message.replace(/^cannot read: /, 'cannot be read: ')}` },
    };
  }
  let text = read.text;
  // npm tolerates a byte order mark; JSON.parse does not.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { error: { package: null, file, kind: 'package-json', message: `malformed package.json: ${describeJsonError(errorMessage(err), text)}` } };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw;
    return { error: { package: null, file, kind: 'package-json', message: `malformed package.json: expected an object, got ${got}` } };
  }
  return { manifest: toManifest(raw as Record<string, unknown>) };
}

function toManifest(raw: Record<string, unknown>): PackageManifest {
  const manifest: PackageManifest = {};
  // Wrongly typed fields are dropped rather than failing the package: a bad `module` should not hide
  // the code that `main` loads.
  for (const key of STRING_FIELDS) {
    const value = raw[key];
    if (typeof value === 'string') manifest[key] = value;
  }
  for (const key of DEPENDENCY_FIELDS) {
    const deps = stringRecord(raw[key]);
    if (deps) manifest[key] = deps;
  }
  if ('exports' in raw) manifest.exports = raw.exports;
  if ('imports' in raw) manifest.imports = raw.imports;
  if ('workspaces' in raw) manifest.workspaces = raw.workspaces;
  if (typeof raw.private === 'boolean') manifest.private = raw.private;
  return manifest;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** V8 reports a character offset only; a line and column is what a person can find in an editor. */
function describeJsonError(message: string, text: string): string {
  if (text.trim() === '') return 'the file is empty';
  const match = /at position (\d+)/.exec(message);
  if (!match || /line \d+/.test(message)) return message;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
