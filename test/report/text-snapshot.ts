// Text snapshots for renderer output (Markdown), one file per snapshot under test/report/__snapshots__/
// so that a reviewer reads them as they render. As for the CLI snapshots: a missing one is written on
// the first local run (and fails in CI), UPDATE_SNAPSHOTS=1 rewrites them after a deliberate change.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled to dist/test/report/, the snapshots stay beside the sources in test/report/.
const DIR = fileURLToPath(new URL('../../../test/report/__snapshots__/', import.meta.url));

export async function matchTextSnapshot(name: string, actual: string): Promise<void> {
  const file = path.join(DIR, name);
  if (process.env.UPDATE_SNAPSHOTS === '1' || (!existsSync(file) && process.env.CI === undefined)) {
    await mkdir(DIR, { recursive: true });
    await writeFile(file, actual);
    return;
  }
  assert.ok(existsSync(file), `missing snapshot ${file}: run the tests once locally (or UPDATE_SNAPSHOTS=1) and commit it`);
  // line arrays: a failing diff points at the line that changed
  assert.deepEqual(actual.split('\n'), (await readFile(file, 'utf8')).split('\n'));
}
