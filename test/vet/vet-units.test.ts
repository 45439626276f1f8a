// The pieces of vet without the CLI and without npm, in-process: input classification, tarball
// extraction (hostile archives crafted here), the verdict, the npm environment. What needs npm (pack,
// install) is in vet-package.int.test.ts.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
import { specKind } from '../../src/vet/dependency-spec.js';
import { npmEnv, npmErrorSummary } from '../../src/vet/npm.js';
import { unpack } from '../../src/vet/unpack.js';
import { extractTarball, TARBALL_LIMITS, TarballError, type TarballLimits, type TarballProblem } from '../../src/vet/extract-tarball.js';
import { classifyInput } from '../../src/vet/vet-input.js';
import { VetInputError } from '../../src/vet/vet-input-error.js';
import { vetVerdict } from '../../src/vet/vet-verdict.js';
import type { Report } from '../../src/model/report.js';
import { fixtureReport } from '../diff/diff-fixtures.js';
import { CLEAN_DIR, PER_CALL_DIR, REPO, tempDir } from './vet-helpers.js';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

/** one ustar entry (tar's own header encoder: valid checksum) + its data, for crafting hostile archives */
function tarEntry(name: string, body: string, type: 'File' | 'FIFO' | 'CharacterDevice' | 'SymbolicLink' | 'Link' = 'File', size = body.length, linkpath?: string): Buffer {
  const header = Buffer.alloc(512);
  new tar.Header({ path: name, mode: 0o644, size, type, linkpath, mtime: new Date(0), uid: 0, gid: 0 }).encode(header, 0);
  const data = Buffer.alloc(Math.ceil(body.length / 512) * 512);
  data.write(body);
  return Buffer.concat([header, data]);
}

/** writes a gzipped archive of `entries` (plus the end-of-archive blocks) and returns its path */
function archive(name: string, entries: Buffer[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)])));
  return file;
}

function rejects(file: string, problem: TarballProblem, limits: TarballLimits = TARBALL_LIMITS): void {
  const dest = path.join(dir, `out-${path.basename(file)}`);
  mkdirSync(dest, { recursive: true });
  assert.throws(
    () => extractTarball(file, dest, limits),
    (e: unknown) => e instanceof TarballError && e.problem === problem,
  );
}

describe('classifyInput', () => {
  it('tells folders, tarballs and npm specs apart', () => {
    assert.deepEqual(classifyInput(CLEAN_DIR), { kind: 'folder', path: CLEAN_DIR });
    writeFileSync(path.join(dir, 'some.tgz'), '');
    assert.equal(classifyInput(path.join(dir, 'some.tgz')).kind, 'tarball');
    assert.deepEqual(classifyInput('@opentelemetry/instrumentation-pg@0.50.0', dir), { kind: 'registry', spec: '@opentelemetry/instrumentation-pg@0.50.0' });
  });
  it('never sends a path-looking spec to the registry', () => {
    assert.throws(
      () => classifyInput('./nope', dir),
      (e: unknown) => e instanceof VetInputError && /not found/.test(e.message),
    );
    assert.throws(() => classifyInput('nope.tgz', dir), VetInputError);
    assert.throws(() => classifyInput(path.join(REPO, 'package.json')), /not a package/);
  });
  it('fetches registry packages only: git repositories and URLs are refused before npm sees them', () => {
    for (const spec of [
      'github:acme/instr',
      'acme/instr#main',
      'git+ssh://git@github.com/acme/instr.git',
      'https://example.com/instr',
      'instr@git+https://github.com/acme/instr.git',
      '@acme/instr@github:acme/instr',
    ]) {
      assert.throws(
        () => classifyInput(spec, dir),
        (e: unknown) => e instanceof VetInputError && /not a registry package/.test(e.message),
        spec,
      );
    }
    for (const spec of ['left-pad', 'left-pad@^1.3.0', '@opentelemetry/instrumentation-pg', '@opentelemetry/instrumentation-pg@latest', 'x@npm:left-pad@1.3.0'])
      assert.equal(classifyInput(spec, dir).kind, 'registry', spec);
  });
});

describe('tarball extraction (tar, with the checks a package tarball must pass)', () => {
  it('unpacks a package laid out as npm packs it (package/…) and finds it', async () => {
    await tar.c({ gzip: true, file: path.join(dir, 'laid-out.tgz'), cwd: PER_CALL_DIR, prefix: 'package' }, ['package.json', 'build']);
    const r = unpack(path.join(dir, 'laid-out.tgz'), path.join(dir, 'n'), 'p');
    assert.deepEqual([r.name, r.version, r.method, r.dir], ['fixture-tsc-cjs', '1.4.0', 'node-tar', path.join(dir, 'n', 'package')]);
  });
  // crafted rather than packed: tar's own packer (async, gzip) threw Z_STREAM_ERROR from a later tick
  // now and then while archiving the hard link — in the test's set-up, not in the extraction under test
  it('rejects symbolic and hard links', () => {
    rejects(archive('symlink.tgz', [tarEntry('package/a.js', 'x'), tarEntry('package/passwd', '', 'SymbolicLink', 0, '/etc/passwd')]), 'link');
    rejects(archive('hardlink.tgz', [tarEntry('package/a.js', 'x'), tarEntry('package/b.js', '', 'Link', 0, 'package/a.js')]), 'link');
  });
  it('rejects ../ and absolute paths', async () => {
    const src = path.join(dir, 'paths-src', 'inner');
    mkdirSync(src, { recursive: true });
    writeFileSync(path.join(dir, 'paths-src', 'evil.js'), 'x');
    await tar.c({ gzip: true, file: path.join(dir, 'dotdot.tgz'), cwd: src, preservePaths: true }, ['../evil.js']);
    rejects(path.join(dir, 'dotdot.tgz'), 'parent-path');
    await tar.c({ gzip: true, file: path.join(dir, 'absolute.tgz'), preservePaths: true }, [path.join(dir, 'paths-src', 'evil.js')]);
    rejects(path.join(dir, 'absolute.tgz'), 'absolute-path');
    rejects(archive('nested-dotdot.tgz', [tarEntry('package/lib/../../../evil.js', 'x')]), 'parent-path');
  });
  it('rejects devices and FIFOs', () => {
    rejects(archive('fifo.tgz', [tarEntry('package/pipe', '', 'FIFO')]), 'special-entry');
    rejects(archive('device.tgz', [tarEntry('package/tty', '', 'CharacterDevice')]), 'special-entry');
  });
  it('rejects more entries than the cap, a file over its cap, more bytes than the total cap, at the header that crosses it', () => {
    // the same empty file over and over: the count, not the bytes, crosses the cap
    const empty = tarEntry('package/e.js', '');
    rejects(
      archive(
        'many.tgz',
        Array.from({ length: TARBALL_LIMITS.entries + 1 }, () => empty),
      ),
      'too-many-entries',
    );
    // only the header: the cap stops extraction before the (absent) body would be read
    rejects(archive('huge.tgz', [tarEntry('package/huge.js', '', 'File', TARBALL_LIMITS.fileBytes + 1)]), 'file-too-large');
    // the total cap, lowered (the real one would take 200 MB of disk): two files of 600 bytes against 1,000
    const twoFiles = archive('two.tgz', [tarEntry('package/a.js', 'a'.repeat(600)), tarEntry('package/b.js', 'b'.repeat(600))]);
    rejects(twoFiles, 'too-large', { ...TARBALL_LIMITS, totalBytes: 1000 });
    mkdirSync(path.join(dir, 'two-ok'));
    extractTarball(twoFiles, path.join(dir, 'two-ok'), { ...TARBALL_LIMITS, totalBytes: 1200 });
  });
  it('a gzip bomb stops at the header that crosses a cap, before its bytes are written', () => {
    const zeros = (name: string, bytes: number): Buffer => {
      const header = Buffer.alloc(512);
      new tar.Header({ path: name, mode: 0o644, size: bytes, type: 'File', mtime: new Date(0), uid: 0, gid: 0 }).encode(header, 0);
      return Buffer.concat([header, Buffer.alloc(Math.ceil(bytes / 512) * 512)]);
    };
    // one file: 60 MB of zeros in a gzip of about 60 KB (the shape of the 3 MB → 3 GB)
    const one = path.join(dir, 'bomb.tgz');
    writeFileSync(one, gzipSync(Buffer.concat([zeros('package/bomb.js', 60 * 1024 * 1024), Buffer.alloc(1024)]), { level: 9 }));
    assert.ok(statSync(one).size < 200 * 1024, `${statSync(one).size} bytes`);
    rejects(one, 'file-too-large');
    assert.equal(existsSync(path.join(dir, 'out-bomb.tgz', 'package', 'bomb.js')), false);
    // many files each under the per-file cap: the total cap stops it (caps lowered: 4 × 3 MB against 10 MB)
    const many = path.join(dir, 'bomb-many.tgz');
    writeFileSync(many, gzipSync(Buffer.concat([...[1, 2, 3, 4].map((i) => zeros(`package/f${i}.js`, 3 * 1024 * 1024)), Buffer.alloc(1024)])));
    rejects(many, 'too-large', { ...TARBALL_LIMITS, fileBytes: 4 * 1024 * 1024, totalBytes: 10 * 1024 * 1024 });
    assert.equal(existsSync(path.join(dir, 'out-bomb-many.tgz', 'package', 'f4.js')), false);
  });
  it('rejects what is not a tarball', () => {
    rejects(archive('empty.tgz', []), 'not-a-tarball');
    writeFileSync(path.join(dir, 'text.tgz'), 'plain');
    rejects(path.join(dir, 'text.tgz'), 'not-a-tarball');
    writeFileSync(path.join(dir, 'ones.tgz'), gzipSync(Buffer.alloc(600, 1)));
    rejects(path.join(dir, 'ones.tgz'), 'not-a-tarball');
    assert.throws(() => unpack(path.join(dir, 'text.tgz'), path.join(dir, 'u'), 'p'), VetInputError);
  });
});

describe('vetVerdict', () => {
  const report = fixtureReport();
  const deps = { source: 'npm' as const, detail: 'installed' };
  const noBench = { status: 'skipped' as const, detail: 'bench skipped (--no-bench)' };
  const clean: Report = { ...report, findings: report.findings.filter((f) => f.frequency !== 'per-call'), errors: [] };

  it('fail: per-call findings at or above failOn come first, warnings after', () => {
    const v = vetVerdict({ report, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: null } });
    assert.equal(v.verdict, 'fail');
    assert.deepEqual(
      v.reasons.map((r) => `${r.level} ${r.finding?.severity}`),
      ['fail high', 'fail high', 'fail high', 'warn low', 'warn low'],
    );
  });
  it('pass when nothing per call is left; warn on what weakens the verdict', () => {
    assert.equal(vetVerdict({ report: clean, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: null } }).verdict, 'pass');
    const notInstalled = vetVerdict({ report: clean, bench: noBench, dependencies: { source: 'not-installed', detail: 'npm failed' }, policy: { failOn: 'high', budgetNs: null } });
    assert.deepEqual(
      notInstalled.reasons.map((r) => r.code),
      ['dependencies'],
    );
    const unchecked = vetVerdict({ report: clean, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: 1000 } });
    assert.deepEqual([unchecked.verdict, unchecked.reasons[0]!.code], ['warn', 'budget-unchecked']);
    const noHooks = vetVerdict({ report: { ...clean, packages: clean.packages.map((p) => ({ ...p, hooks: [] })) }, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: null } });
    assert.deepEqual(
      noHooks.reasons.map((r) => r.code),
      ['no-hooks'],
    );
  });
});

describe('npmErrorSummary', () => {
  it('keeps what npm says, without the notarget prefix and the generic hint', () => {
    const stderr = [
      'npm error code ETARGET',
      'npm error notarget No matching version found for @opentelemetry/instrumentation-dns@99.0.0.',
      "npm error notarget In most cases you or one of your dependencies are requesting a package version that doesn't exist.",
      'npm error A complete log of this run can be found in: /root/.npm/_logs/x.log',
    ].join('\n');
    assert.equal(npmErrorSummary({ code: 1, stdout: '', stderr }), 'ETARGET: No matching version found for @opentelemetry/instrumentation-dns@99.0.0.');
  });
});

describe('npmEnv', () => {
  it('drops the caller project npm exports (install must never land in the user project)', () => {
    const env = npmEnv({ PATH: '/bin', npm_config_local_prefix: '/work/project', npm_package_name: 'x', npm_config_cache: '/c' });
    assert.equal(env.npm_config_local_prefix, undefined);
    assert.equal(env.npm_package_name, undefined);
    assert.equal(env.npm_config_cache, '/c');
    assert.equal(env.npm_config_update_notifier, 'false');
  });

  it("passes no token: only an allow-list, plus what the user's own .npmrc names as ${VAR} (never the Action's token)", () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-npmenv-'));
    try {
      writeFileSync(path.join(home, '.npmrc'), '//registry.example/:_authToken=${REGISTRY_TOKEN}\n//x/:_authToken=${INPUT_TOKEN}\n');
      const env = npmEnv({
        PATH: '/bin',
        HOME: home,
        https_proxy: 'http://proxy',
        NPM_TOKEN: 'a',
        GITHUB_TOKEN: 'b',
        INPUT_TOKEN: 'c',
        AWS_SECRET_ACCESS_KEY: 'd',
        REGISTRY_TOKEN: 'e',
        npm_config__authToken: 'f',
        npm_config_registry: 'http://r/',
      });
      assert.deepEqual(Object.keys(env).sort(), ['HOME', 'PATH', 'REGISTRY_TOKEN', 'https_proxy', 'npm_config_audit', 'npm_config_fund', 'npm_config_registry', 'npm_config_update_notifier']);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('specKind: only registry dependencies are fetched', () => {
  it('tells registry specs from git, file, link and URL ones', () => {
    const kinds = Object.fromEntries(
      [
        '^1.2.0',
        '1.x',
        '*',
        '',
        'latest',
        'next',
        'npm:left-pad@^1.3.0',
        'npm:@scope/x',
        'git+ssh://git@h/x.git',
        'git://h/x',
        'github:u/r',
        'u/r#main',
        'file:../x',
        'link:../x',
        './x',
        '/abs/x',
        '~/x',
        'http://127.0.0.1/x.tgz',
        'https://h/x.tgz',
        'npm:x@file:../y',
      ].map((s) => [s, specKind(s)]),
    );
    assert.deepEqual(kinds, {
      '^1.2.0': 'registry',
      '1.x': 'registry',
      '*': 'registry',
      '': 'registry',
      latest: 'registry',
      next: 'registry',
      'npm:left-pad@^1.3.0': 'registry',
      'npm:@scope/x': 'registry',
      'git+ssh://git@h/x.git': 'git',
      'git://h/x': 'git',
      'github:u/r': 'git',
      'u/r#main': 'git',
      'file:../x': 'file',
      'link:../x': 'file',
      './x': 'file',
      '/abs/x': 'file',
      '~/x': 'file',
      'http://127.0.0.1/x.tgz': 'url',
      'https://h/x.tgz': 'url',
      'npm:x@file:../y': 'other',
    });
  });
});
