// The one glob (src/util/glob.ts), in its three modes, and its linear-time compilation of stars.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { matchesGlob, type GlobMode } from '../../src/util/glob.js';

describe('glob, hooks mode (bench --hooks over <package>:<target>)', () => {
  const id = '@opentelemetry/instrumentation-pg:pg/lib/client.js:prototype.query';
  const m = (pattern: string, subject = id): boolean => matchesGlob(subject, pattern, 'hooks');
  it('* crosses / and :', () => {
    assert.ok(m('*pg:*query'));
    assert.ok(m('@opentelemetry/instrumentation-pg:*'));
    assert.ok(m('**query'), 'a run of stars is one star');
    assert.ok(!m('*pg:*connect'));
  });
  it('takes {a,b} alternatives and ? as one character', () => {
    assert.ok(m('*:*.{query,connect}'));
    assert.ok(m('@opentelemetry/instrumentation-p?:*'));
    assert.ok(!m('@opentelemetry?instrumentation-pg:*'), '? is not a /');
  });
  it('treats regular expression characters, brackets and unbalanced braces literally', () => {
    assert.ok(m('a.b(c)', 'a.b(c)'));
    assert.ok(!m('a.b', 'axb'));
    assert.ok(m('x{y', 'x{y'));
    assert.ok(m('[ab]', '[ab]'));
    assert.ok(!m('[ab]', 'a'));
    assert.ok(m('a|b', 'a|b'));
    assert.ok(m('!x', '!x'), 'no negation');
  });
});

describe('glob, path mode (policy file)', () => {
  const m = (subject: string, pattern: string): boolean => matchesGlob(subject, pattern, 'path');
  it('matches as documented', () => {
    assert.equal(m('a/b/utils.js', 'utils.js'), true, 'a pattern without / matches the file name anywhere');
    assert.equal(m('a/b/utils.js', 'b/*.js'), false, 'a pattern with a slash is anchored');
    assert.equal(m('a/b/utils.js', 'a/**/utils.js'), true);
    assert.equal(m('a/utils.js', 'a/**/utils.js'), true, '** matches zero folders');
    assert.equal(m('a/b/c.js', 'a/*'), false, '* stays in its segment');
    assert.equal(m('a/b/c.js', 'a/**'), true);
    assert.equal(m('x.cjs', '*.?js'), true);
    assert.equal(m('a/x.cjs', '*.{js,cjs}'), true);
    assert.equal(m('a+b.js', 'a+b.js'), true, 'regex characters are literal');
    assert.equal(m('build/src/utils.js', './build/**/*.js'), true, 'a leading ./ is dropped');
    assert.equal(m('build\\src\\utils.js', 'build\\src\\*.js'), true, '\\ is a separator on either side');
  });
});

describe('glob, name mode (policy package)', () => {
  const m = (subject: string, pattern: string): boolean => matchesGlob(subject, pattern, 'name');
  it('matches the whole name, * within the scope or the name', () => {
    assert.equal(m('@opentelemetry/instrumentation-pg', '@opentelemetry/instrumentation-*'), true);
    assert.equal(m('@acme/instrumentation-pg', 'instrumentation-pg'), false);
    assert.equal(m('@acme/instrumentation-pg', '*pg'), false, '* does not cross the scope');
    assert.equal(m('fixture-tsc-cjs@1.4.0', 'fixture-tsc-cjs@1.4.*'), true);
  });
});

describe('glob, linear time', () => {
  it('rejects *a*a*a*a*a*a*b against 10,000 characters (it completes and is false in every mode)', () => {
    const subject = 'a'.repeat(10_000);
    for (const mode of ['path', 'name', 'hooks'] as GlobMode[]) assert.equal(matchesGlob(subject, '*a*a*a*a*a*a*b', mode), false, mode);
    assert.equal(matchesGlob(`${subject}b`, '*a*a*a*a*a*a*b', 'name'), true);
  });

  // The atomic stars change no answer: every pattern over a small alphabet, against every subject,
  // agrees with picomatch's own (backtracking) regex under the same options.
  it('answers as picomatch does on exhaustive small cases', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (alphabet: string, max: number): string => Array.from({ length: 1 + next(max) }, () => alphabet[next(alphabet.length)]).join('');
    const cases: [GlobMode, string, string[]][] = [];
    for (let i = 0; i < 400; i++) {
      const mode = (['hooks', 'name', 'path'] as GlobMode[])[i % 3]!;
      // path mode: a pattern with a / (the anchoring picomatch does not do itself)
      const pattern = mode === 'path' ? `${word('ab*?', 4)}/${word('ab*?', 5)}` : word('ab*?/', 8);
      const subjects = Array.from({ length: 12 }, () => (mode === 'hooks' ? word('ab/', 9) : `${word('ab', 4)}/${word('ab', 5)}`));
      cases.push([mode, pattern, subjects]);
    }
    for (const [mode, pattern, subjects] of cases) {
      // picomatch's own star never matches an empty path segment; our subjects have none
      const reference = picomatch(pattern.replace(/\*+/g, '*'), { dot: true, bash: mode === 'hooks' });
      for (const s of subjects) assert.equal(matchesGlob(s, pattern, mode), reference(s), `${mode} ${pattern} ${s}`);
    }
  });
});
