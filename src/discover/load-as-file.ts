// Node's LOAD_AS_FILE / LOAD_AS_DIRECTORY for a `main` field or a package root: the exact name, then
// the extensions require() adds, then index files.
import fs from 'node:fs';
import path from 'node:path';

const FILE_SUFFIXES = ['', '.js', '.json', '.node'];
const INDEX_FILES = ['index.js', 'index.json', 'index.node'];

export function loadAsFile(base: string): string | undefined {
  for (const suffix of FILE_SUFFIXES) {
    if (isFile(base + suffix)) return base + suffix;
  }
  for (const index of INDEX_FILES) {
    const candidate = path.join(base, index);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

export function isFile(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // ELOOP, EACCES: not a file Node could load either
  }
}

export function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}
