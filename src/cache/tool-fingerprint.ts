// Which otel-audit computed a cached result. The version alone is not enough: between releases (a
// checkout being worked on, a build from main) the code changes under the same version, and a result
// from other code must not be served. So: the version, a digest of the compiled code itself (the
// analysis, the audits, the bench — everything under dist/ but the maintainer scripts and the rules'
// tests), and the versions of the dependencies that shape results (the parser, the source-map reader).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../util/version.js';
import { digest, digestOf } from './digest.js';
import { listFiles } from './list-files.js';

/** dist/ of this build (this file is dist/src/cache/tool-fingerprint.js) */
const DIST = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
/** packages whose version changes what the analysis or the bench computes */
const SHAPING_DEPENDENCIES = ['@ts-morph/common', '@jridgewell/trace-mapping', 'benny', '@opentelemetry/sdk-trace-base'];

function versionOf(name: string): string | null {
  try {
    return (require(`${name}/package.json`) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

let fingerprint: string | undefined;

/** Computed once per process (about 200 small files). */
export function toolFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const files = ['src', 'audits'].flatMap((d) => listFiles(path.join(DIST, d), (name) => name === 'dev' || name === 'tests')).filter((f) => /\.(c|m)?js$/.test(f));
  const code = files.map((f) => `${path.relative(DIST, f).split(path.sep).join('/')}\0${digest(fs.readFileSync(f))}`);
  fingerprint = digestOf({ version: TOOL_VERSION, code: digest(code.join('\n')), dependencies: SHAPING_DEPENDENCIES.map((d) => [d, versionOf(d)]) });
  return fingerprint;
}
