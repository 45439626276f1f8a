// Where a wrapper was installed (src/bench/harness/install-sites.ts): the package's own line that
// called `_wrap` — directly or through `_massWrap` — not a line of the instrumentation base class.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { installSiteOf, recordInstallSites } from '../../src/bench/harness/install-sites.js';
import type { InstrumentationLike } from '../../src/bench/harness/instrumentation-like.js';
import { tempPackage } from '../helpers/temp-package.js';

type Fn = (...a: unknown[]) => unknown;
type Wrap = (owner: Record<string, Fn>, name: string, factory: (original: Fn) => Fn) => Fn;

// the base class lives in the package's node_modules, as @opentelemetry/instrumentation does
const BASE = [
  'exports.Base = class Base {',
  '  _wrap = (owner, name, factory) => { const w = factory(owner[name]); owner[name] = w; return w; };',
  '  _massWrap = (owners, names, factory) => { for (const o of owners) for (const n of names) this._wrap(o, n, factory); };',
  '  setTracerProvider() {}',
  '  enable() {}',
  '  disable() {}',
  '};',
  '',
].join('\n');
const OWN = [
  "const { Base } = require('base');",
  'exports.make = () => new Base();',
  'exports.patch = (inst, a, b) => {',
  "  inst._wrap(a, 'query', (o) => function query() { return o(); });",
  "  inst._wrap(b, 'query', (o) => function other() { return o(); });",
  "  inst._massWrap([a], ['end'], (o) => function end() { return o(); });",
  '};',
  // an instrumentation that keeps one inner instrumentation per major and lets them wrap
  'exports.makeOuter = () => { const outer = new Base(); outer.inner = new Base(); return outer; };',
  "exports.patchInner = (outer, a) => outer.inner._wrap(a, 'query', (o) => function inner() { return o(); });",
  '',
].join('\n');
const dir = tempPackage({ 'lib/patch.js': OWN, 'node_modules/base/index.js': BASE, 'node_modules/base/package.json': '{"name":"base","main":"index.js"}' }, { main: 'lib/patch.js' });
after(() => rmSync(dir, { recursive: true, force: true }));

describe('install sites', () => {
  it("names the package's line of each _wrap call, through _massWrap too; nothing before recording starts", () => {
    const mod = createRequire(import.meta.url)(path.join(dir, 'lib/patch.js')) as { make: () => InstrumentationLike & { _wrap: Wrap }; patch: (inst: unknown, a: object, b: object) => void };
    const noop: Fn = () => undefined;
    const before = { query: noop };
    mod.patch(mod.make(), before, { query: noop });
    assert.equal(installSiteOf(before.query), undefined);
    const inst = mod.make();
    recordInstallSites(inst, dir);
    const a = { query: noop, end: noop };
    const b = { query: noop };
    mod.patch(inst, a, b);
    assert.deepEqual(
      [a.query, b.query, a.end].map((fn) => installSiteOf(fn)),
      [
        { file: 'lib/patch.js', line: 4 },
        { file: 'lib/patch.js', line: 5 },
        { file: 'lib/patch.js', line: 6 },
      ],
    );
  });

  it('names the lines of the wrappers an inner instrumentation kept in a field installs', () => {
    const mod = createRequire(import.meta.url)(path.join(dir, 'lib/patch.js')) as { makeOuter: () => InstrumentationLike; patchInner: (outer: unknown, a: object) => void };
    const outer = mod.makeOuter();
    recordInstallSites(outer, dir);
    const a = { query: (() => undefined) as Fn };
    mod.patchInner(outer, a);
    assert.deepEqual(installSiteOf(a.query), { file: 'lib/patch.js', line: 9 });
  });
});
