// Path display for the terminal: locations are printed relative to the working directory (root joined
// with the report's root-relative path) so that terminals and editors can open them with a click.
import path from 'node:path';

export function joinRoot(root: string | undefined, file: string): string {
  if (root === undefined || root === '' || root === '.') return file;
  return path.posix.join(root.replace(/\\/g, '/'), file);
}

/** `file` relative to a package folder when it lies inside it (shorter call-path steps), else as is */
export function withinPackage(dir: string | undefined, file: string): string {
  if (dir === undefined || dir === '.' || dir === '') return file;
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}
