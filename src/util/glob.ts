// The one glob of otel-audit: picomatch compiles it, in one of three modes that differ only where the
// subject differs (README "Globs"):
// - `hooks` (`bench --hooks`, over `<package>:<target>`): `*` is any run of characters, `/` and `:`
//   included, since targets are module paths (picomatch's `bash` option);
// - `path` (policy `file`): `*` and `?` stay within a folder, `**` as a whole segment spans folders, a
//   pattern without `/` matches the file name in any folder (as in .gitignore), `\` is a separator;
// - `name` (policy `package`): as `path`, matched whole (`instrumentation-pg` is not
//   `@acme/instrumentation-pg`).
// Everywhere `?` is one character other than `/`, `{a,b}` either (nested, and `{1..3}`), and every
// other character is literal: `[`, `]`, `(`, `)`, `|`, `!` and an unbalanced brace too (no classes, no
// extglobs, no negation). Anchored at both ends, case-sensitive.
//
// Linear time. picomatch compiles `*` to a lazy `[^/]*?`; with several stars in a row of text a failing
// match retries every way of splitting the subject between them (`*a*a*a*a*a*a*b` against 60 `a`s
// takes seconds, against 10,000 for ever). So each star followed by a fixed-width chunk (literal
// characters, `?`, `/`) and another star takes the chunk's first occurrence and never gives it back —
// an atomic group, written `(?=(…))\k<…>` in JavaScript. That changes no answer: whatever a later
// occurrence could match, the next star can absorb the difference (it holds no `/` in path and name
// mode, since the star before the chunk held none either). A chunk of variable width (a brace group, a
// `**`) keeps picomatch's backtracking star; several `**` in one pattern are polynomial in the number
// of folders, which stays small.
import picomatch from 'picomatch';

export type GlobMode = 'hooks' | 'path' | 'name';

/** Stands for a star while picomatch compiles the rest; a private-use character no path holds. */
const STAR = '\uE000';
const STAR_REGEX: Record<GlobMode, string> = { hooks: '[\\s\\S]*?', path: '[^/]*?', name: '[^/]*?' };

interface Prepared {
  /** the pattern for picomatch, STAR for each star that is ours to compile */
  text: string;
  /** fixed[i]: the chunk after the i-th STAR is of fixed width (no brace group, no `**`) */
  fixed: boolean[];
}

function balancedBraces(pattern: string): boolean {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '{') depth++;
    else if (pattern[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The pattern with picomatch's extras made literal and the stars ours to compile marked. */
function prepare(pattern: string, mode: GlobMode): Prepared {
  let p = pattern;
  if (mode === 'path') {
    p = p.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!p.includes('/')) p = `**/${p}`;
  }
  const braces = balancedBraces(p);
  const fixed: boolean[] = [];
  const variable = (): void => {
    if (fixed.length > 0) fixed[fixed.length - 1] = false;
  };
  let text = '';
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '\\') {
      text += `\\${p[i + 1] ?? '\\'}`;
      i++;
    } else if ('[]()|'.includes(ch) || ((ch === '{' || ch === '}') && !braces)) {
      text += `\\${ch}`;
    } else if (ch === '{' || ch === '}') {
      depth += ch === '{' ? 1 : -1;
      variable();
      text += ch;
    } else if (ch === '*') {
      let end = i;
      while (p[end] === '*') end++;
      const wholeSegment = (i === 0 || p[i - 1] === '/') && (end === p.length || p[end] === '/');
      if (mode !== 'hooks' && end - i >= 2 && wholeSegment) {
        text += '**';
        variable();
      } else if (depth > 0) {
        // inside a brace group, which is of variable width anyway: picomatch's own star
        text += '*';
      } else {
        text += STAR;
        fixed.push(true);
      }
      i = end - 1;
    } else {
      text += ch;
    }
  }
  return { text, fixed };
}

const OPTIONS = { dot: true, noextglob: true, nonegate: true, fastpaths: false } as const;

function compile(pattern: string, mode: GlobMode): RegExp {
  const prepared = prepare(pattern, mode);
  const options = { ...OPTIONS, bash: mode === 'hooks' };
  const plain = (): RegExp => picomatch.makeRe(prepared.text.split(STAR).join('*'), options);
  if (pattern.includes(STAR)) return plain();
  const pieces = picomatch.makeRe(prepared.text, options).source.split(`\\${STAR}`).join(STAR).split(STAR);
  // picomatch did not keep one piece per star (it never happens with the options above): its own regex
  if (pieces.length !== prepared.fixed.length + 1) return plain();
  const star = STAR_REGEX[mode];
  let source = pieces[0]!;
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const atomic = i < pieces.length - 1 && prepared.fixed[i - 1] === true;
    source += atomic ? `(?=(?<s${i}>${star}${piece}))\\k<s${i}>` : `${star}${piece}`;
  }
  try {
    return new RegExp(source);
  } catch {
    return plain();
  }
}

const cache = new Map<string, RegExp>();

/** The compiled glob (cached: policy patterns are tried against every finding). */
export function globRegExp(pattern: string, mode: GlobMode): RegExp {
  const key = `${mode}\0${pattern}`;
  let re = cache.get(key);
  if (re === undefined) {
    re = compile(pattern, mode);
    cache.set(key, re);
  }
  return re;
}

export function matchesGlob(subject: string, pattern: string, mode: GlobMode): boolean {
  return globRegExp(pattern, mode).test(mode === 'path' ? subject.replace(/\\/g, '/') : subject);
}
