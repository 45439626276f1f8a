// Temporary folders for one test file, all removed after its tests: call at the top level of the file.
import { after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDirs(): { make(prefix: string): string; track(dir: string): string } {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    make: (prefix) => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    track: (dir) => {
      dirs.push(dir);
      return dir;
    },
  };
}
