// Which dependency specs vet lets npm fetch. Only registry specs (a version, a range, a dist-tag, or an
// `npm:` alias of one): they come from the user's own registry configuration. Every other kind names
// a place the package chose — a git repository (npm runs git for it, with whatever git program a
// config names), a local file or folder (`file:`, `link:`, a path: files of the user's machine), a URL
// (any host) — and is left out, listed as not installed with the reason.
import semver from 'semver';

export type SpecKind = 'registry' | 'git' | 'file' | 'url' | 'other';

const GIT = /^(?:git(?:\+[a-z]+)?:|github:|gitlab:|bitbucket:|gist:)/i;
const FILE = /^(?:file:|link:|portal:|workspace:|\.{0,2}\/|~\/|[a-zA-Z]:[\\/]|\\\\)/;
const URL_SPEC = /^[a-z][a-z0-9+.-]*:\/\//i;
/** `user/repo` or `user/repo#ref`: npm reads this as a GitHub repository */
const GITHUB_SHORTHAND = /^[^@:/\s][^:/\s]*\/[^/\s]+$/;
/** what npm accepts as a dist-tag: no path, scheme or range characters */
const TAG = /^[a-zA-Z][\w.-]*$/;

export function specKind(spec: string): SpecKind {
  const s = spec.trim();
  if (s.startsWith('npm:')) {
    // npm:name@range — the alias is a registry spec only when its own range is
    const at = s.lastIndexOf('@');
    const range = at > 'npm:'.length ? s.slice(at + 1) : '';
    return range === '' || specKind(range) === 'registry' ? 'registry' : 'other';
  }
  if (GIT.test(s)) return 'git';
  if (FILE.test(s)) return 'file';
  if (URL_SPEC.test(s)) return 'url';
  if (GITHUB_SHORTHAND.test(s)) return 'git';
  if (s === '' || s === '*' || semver.validRange(s) !== null || TAG.test(s)) return 'registry';
  return 'other';
}

const WHY: Record<Exclude<SpecKind, 'registry'>, string> = {
  git: 'a git dependency: not fetched (git would run with the configuration the package chose)',
  file: 'a local file or link dependency: not fetched (it names files on this machine)',
  url: 'a URL dependency: not fetched (only your registry is used)',
  other: 'not a registry spec: not fetched',
};

export const whyNotFetched = (kind: Exclude<SpecKind, 'registry'>): string => WHY[kind];
