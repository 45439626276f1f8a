// The pieces of vet without the CLI and without npm, in-process: input classification, tarball
// extraction (hostile archives crafted here), the verdict, the npm environment. What needs npm (pack,
// install) is in vet-package.int.test.ts.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
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
function tarEntry(name: string, body: string, type: 'File' | 'FIFO' | 'CharacterDevice' = 'File', size = body.length): Buffer {
  const header = Buffer.alloc(512);
  new tar.Header({ path: name, mode: 0o644, size, type, mtime: new Date(0), uid: 0, gid: 0 }).encode(header, 0);
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
  assert.throws(() => extractTarball(file, dest, limits), (e: unknown) => e instanceof TarballError && e.problem === problem);
}

describe('classifyInput', () => {
  it('tells folders, tarballs and npm specs apart', () => {
    assert.deepEqual(classifyInput(CLEAN_DIR), { kind: 'folder', path: CLEAN_DIR });
    writeFileSync(path.join(dir, 'some.tgz'), '');
    assert.equal(classifyInput(path.join(dir, 'some.tgz')).kind, 'tarball');
    assert.deepEqual(classifyInput('@opentelemetry/instrumentation-pg@0.50.0', dir), { kind: 'registry', spec: '@opentelemetry/instrumentation-pg@0.50.0' });
  });
  it('never sends a path-looking spec to the registry', () => {
    assert.throws(() => classifyInput('./nope', dir), (e: unknown) => e instanceof VetInputError && /not found/.test(e.message));
    assert.throws(() => classifyInput('nope.tgz', dir), VetInputError);
    assert.throws(() => classifyInput(path.join(REPO, 'package.json')), /not a package/);
  });
});

describe('tarball extraction (tar, with the checks a package tarball must pass)', () => {
  it('unpacks a package laid out as npm packs it (package/…) and finds it', async () => {
    await tar.c({ gzip: true, file: path.join(dir, 'laid-out.tgz'), cwd: PER_CALL_DIR, prefix: 'package' }, ['package.json', 'build']);
    const r = unpack(path.join(dir, 'laid-out.tgz'), path.join(dir, 'n'), 'p');
    assert.deepEqual([r.name, r.version, r.method, r.dir], ['fixture-tsc-cjs', '1.4.0', 'node-tar', path.join(dir, 'n', 'package')]);
  });
  it('rejects symbolic and hard links', async () => {
    const src = path.join(dir, 'links-src');
    mkdirSync(path.join(src, 'package'), { recursive: true });
    writeFileSync(path.join(src, 'package', 'a.js'), 'x');
    symlinkSync('/etc/passwd', path.join(src, 'package', 'passwd'));
    await tar.c({ gzip: true, file: path.join(dir, 'symlink.tgz'), cwd: src }, ['package/a.js', 'package/passwd']);
    rejects(path.join(dir, 'symlink.tgz'), 'link');
    linkSync(path.join(src, 'package', 'a.js'), path.join(src, 'package', 'b.js'));
    await tar.c({ gzip: true, file: path.join(dir, 'hardlink.tgz'), cwd: src }, ['package/a.js', 'package/b.js']);
    rejects(path.join(dir, 'hardlink.tgz'), 'link');
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
    rejects(archive('many.tgz', Array.from({ length: TARBALL_LIMITS.entries + 1 }, () => empty)), 'too-many-entries');
    // only the header: the cap stops extraction before the (absent) body would be read
    rejects(archive('huge.tgz', [tarEntry('package/huge.js', '', 'File', TARBALL_LIMITS.fileBytes + 1)]), 'file-too-large');
    // the total cap, lowered (the real one would take 200 MB of disk): two files of 600 bytes against 1,000
    const twoFiles = archive('two.tgz', [tarEntry('package/a.js', 'a'.repeat(600)), tarEntry('package/b.js', 'b'.repeat(600))]);
    rejects(twoFiles, 'too-large', { ...TARBALL_LIMITS, totalBytes: 1000 });
    mkdirSync(path.join(dir, 'two-ok'));
    extractTarball(twoFiles, path.join(dir, 'two-ok'), { ...TARBALL_LIMITS, totalBytes: 1200 });
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
    assert.deepEqual(v.reasons.map((r) => `${r.level} ${r.finding?.severity}`), ['fail high', 'fail high', 'fail high', 'warn low', 'warn low']);
  });
  it('pass when nothing per call is left; warn on what weakens the verdict', () => {
    assert.equal(vetVerdict({ report: clean, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: null } }).verdict, 'pass');
    const notInstalled = vetVerdict({ report: clean, bench: noBench, dependencies: { source: 'not-installed', detail: 'npm failed' }, policy: { failOn: 'high', budgetNs: null } });
    assert.deepEqual(notInstalled.reasons.map((r) => r.code), ['dependencies']);
    const unchecked = vetVerdict({ report: clean, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: 1000 } });
    assert.deepEqual([unchecked.verdict, unchecked.reasons[0]!.code], ['warn', 'budget-unchecked']);
    const noHooks = vetVerdict({ report: { ...clean, packages: clean.packages.map((p) => ({ ...p, hooks: [] })) }, bench: noBench, dependencies: deps, policy: { failOn: 'high', budgetNs: null } });
    assert.deepEqual(noHooks.reasons.map((r) => r.code), ['no-hooks']);
  });
});

describe('npmErrorSummary', () => {
  it('keeps what npm says, without the notarget prefix and the generic hint', () => {
    const stderr = [
      'npm error code ETARGET',
      'npm error notarget No matching version found for @opentelemetry/instrumentation-dns@99.0.0.',
      'npm error notarget In most cases you or one of your dependencies are requesting a package version that doesn\'t exist.',
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
});

