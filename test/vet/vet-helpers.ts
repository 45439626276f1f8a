// Packs fixture packages with npm into a temp folder (what `npm publish` would upload), for vet tests.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmPack } from '../../src/vet/npm.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const PER_CALL_DIR = path.join(REPO, 'test/fixtures/packages/tsc-cjs');
export const CLEAN_DIR = path.join(REPO, 'test/fixtures/vet/tsc-cjs-clean');
export const FAKE_BENCH = new URL('../../../test/fixtures/vet/fake-bench.mjs', import.meta.url);

export function tempDir(prefix = 'otel-audit-vet-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function pack(dir: string, dest: string): Promise<string> {
  const r = await npmPack(dir, dest, { offline: true, cwd: REPO });
  if (!r.ok || r.tarball === undefined) throw new Error(`npm pack ${dir} failed: ${r.message}`);
  return r.tarball;
}
