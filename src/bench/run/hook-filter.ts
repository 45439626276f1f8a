// `--hooks GLOB` over `<package>:<target>` (the glob's `hooks` mode: `*` crosses `/` and `:`), and
// the package part of it, which keeps a package's own notes when the pattern names that package.
import { matchesGlob } from '../../util/glob.js';

export interface HookFilter {
  hook: (id: string) => boolean;
  package: (name: string) => boolean;
}

/** The package part of a `<package>:<target>` glob: before the first `:` outside braces; without a `:`, the pattern may stand for `<package>*`. */
export function packagePattern(glob: string): string {
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ':' && depth === 0) return glob.slice(0, i);
  }
  return glob.endsWith('*') ? glob : `${glob}*`;
}

export function hookFilter(glob: string): HookFilter {
  const pkg = packagePattern(glob);
  return { hook: (id) => matchesGlob(id, glob, 'hooks'), package: (name) => matchesGlob(name, pkg, 'hooks') };
}
