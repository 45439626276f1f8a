// What a pull request that bumps one package does to an installed tree, done in place and undone: a
// new version in its package.json and new content in the files the scan analysed (a comment added at
// the end of each). The originals are kept in memory and written back by the returned function, also
// when the process is interrupted.
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function bumpPackage(dir: string, files: readonly string[]): () => void {
  const targets = [path.join(dir, 'package.json'), ...files];
  const originals = targets.map((f) => ({ file: f, data: readFileSync(f), stat: statSync(f) }));
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', restore);
    for (const o of originals) {
      writeFileSync(o.file, o.data);
      utimesSync(o.file, o.stat.atime, o.stat.mtime);
    }
  };
  const onSignal = (): void => {
    restore();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', restore);
  try {
    const manifest = JSON.parse(originals[0]!.data.toString('utf8')) as { version?: string };
    writeFileSync(targets[0]!, JSON.stringify({ ...manifest, version: `${manifest.version ?? '0.0.0'}-bumped` }, null, 2));
    for (const f of files) writeFileSync(f, Buffer.concat([readFileSync(f), Buffer.from('\n// bumped by npm run bench:scan\n')]));
  } catch (err) {
    restore();
    throw err;
  }
  return restore;
}
