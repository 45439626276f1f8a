// Every file under a folder, recursively, sorted; folders `skip` names are not entered, symlinked
// folders are not followed (they can loop) and unreadable folders are passed over.
import fs from 'node:fs';
import path from 'node:path';

export function listFiles(dir: string, skip: (folderName: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(current, e.name);
      if (e.isDirectory()) {
        if (!skip(e.name)) walk(full);
      } else if (e.isFile()) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}
