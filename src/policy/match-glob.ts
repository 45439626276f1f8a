// Glob patterns for the policy's `package` and `file` fields, without a dependency: `*` and `?` stay
// inside one path segment, `**` spans segments, and a pattern without `/` matches the last segment
// anywhere (as in .gitignore), so `utils.js` or `*.cjs` need no `**/` in front. Package names are
// matched whole (`anywhere` false): `instrumentation-pg` must not match `@acme/instrumentation-pg`.

const cache = new Map<string, RegExp>();

function escape(ch: string): string {
  return /[\\^$.|+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
}

export function globToRegExp(glob: string, anywhere = true): RegExp {
  const key = `${anywhere ? 1 : 0}${glob}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (anywhere && !pattern.includes('/')) pattern = `**/${pattern}`;
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      // `**/` matches zero or more whole folders; a trailing or inner `**` anything at all
      src += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (ch === '*') src += '[^/]*';
    else if (ch === '?') src += '[^/]';
    else src += escape(ch);
  }
  const re = new RegExp(`^${src}$`);
  cache.set(key, re);
  return re;
}

export function matchesGlob(value: string, glob: string, anywhere = true): boolean {
  return globToRegExp(glob, anywhere).test(value.replace(/\\/g, '/'));
}
