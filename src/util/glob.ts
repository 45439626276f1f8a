// `--hooks GLOB`: a tiny glob for `<package>:<target>` strings. `*` is any run of characters — `/`
// and `:` included, since targets are module paths — `?` one character, `{a,b}` either; the rest is
// literal (an unbalanced brace too). Anchored at both ends, case-sensitive (module and method names are).

const escape = (ch: string): string => ch.replace(/[\\^$.|+?*()[\]{}]/g, '\\$&');

function balanced(glob: string): boolean {
  let depth = 0;
  for (const ch of glob) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

export function globToRegExp(glob: string): RegExp {
  const braces = balanced(glob);
  let out = '';
  let depth = 0;
  for (const ch of glob) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (braces && ch === '{') {
      depth++;
      out += '(?:';
    } else if (braces && ch === '}') {
      depth--;
      out += ')';
    } else if (ch === ',' && depth > 0) out += '|';
    else out += escape(ch);
  }
  return new RegExp(`^${out}$`);
}

/** The package part of a `<package>:<target>` glob (before the first `:` outside braces), as a RegExp. */
export function packageGlob(glob: string): RegExp {
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ':' && depth === 0) return globToRegExp(`${glob.slice(0, i)}`);
  }
  // no `:` — the pattern may still stand for `<package>*`
  return globToRegExp(glob.endsWith('*') ? glob : `${glob}*`);
}
