// The registry: every audit the scanner runs. A test asserts each one has a test file and README docs.
// Order: the most specific rule first (version-lookup owns manifest reads that sync-fs and
// metadata-parse step aside for), then by how often the rule matters in practice.
import type { Audit } from '../src/analysis/audit.js';
import { childProcess } from './child-process.js';
import { dynamicRequire } from './dynamic-require.js';
import { envRead } from './env-read.js';
import { metadataParse } from './metadata-parse.js';
import { osQuery } from './os-query.js';
import { regexCompile } from './regex-compile.js';
import { stackCapture } from './stack-capture.js';
import { syncFs } from './sync-fs.js';
import { versionLookup } from './version-lookup.js';

export const audits: readonly Audit[] = [
  versionLookup,
  syncFs,
  metadataParse,
  stackCapture,
  envRead,
  dynamicRequire,
  childProcess,
  osQuery,
  regexCompile,
];

export function auditById(id: string): Audit | undefined {
  return audits.find((a) => a.id === id);
}
