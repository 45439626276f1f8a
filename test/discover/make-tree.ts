// Builds a file tree in a fresh temp folder for one test. Trees are made at test time rather than
// committed: node_modules folders are git-ignored, and symlinks (loops included) must be real ones.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** path → file content (objects are written as JSON), or { symlink: target } for a link. */
export type TreeSpec = Record<string, string | object | { symlink: string }>;

export function makeTree(spec: TreeSpec): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'otel-audit-discover-')));
  addToTree(root, spec);
  return root;
}

export function addToTree(root: string, spec: TreeSpec): void {
  for (const [rel, content] of Object.entries(spec)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (typeof content === 'object' && content !== null && 'symlink' in content && typeof content.symlink === 'string') {
      fs.symlinkSync(content.symlink, full);
      continue;
    }
    if (rel.endsWith('/')) {
      fs.mkdirSync(full, { recursive: true });
      continue;
    }
    fs.writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** `{ name, version }` package.json content, plus any other fields. */
export function manifest(name: string, version = '1.0.0', extra: object = {}): object {
  return { name, version, ...extra };
}
