// Writes a small package into a fresh temp folder so analysis tests can scan real files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempPackage(files: Record<string, string>, manifest: Record<string, unknown> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otel-audit-pkg-'));
  const pkg = { name: 'temp-instr', version: '1.0.0', main: 'index.js', ...manifest };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
