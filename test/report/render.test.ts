import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderColor } from '../../src/report/render-color.js';
import { renderJson } from '../../src/report/render-json.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { renderSarif } from '../../src/report/render-sarif.js';
import { renderProgress } from '../../src/report/render-progress.js';
import { renderTerminal } from '../../src/report/render-terminal.js';
import { FORMATS, render } from '../../src/api/render.js';
import { sampleReport } from './sample-report.js';

describe('render', () => {
  it('dispatches on the format', () => {
    for (const f of ['terminal', 'json', 'markdown', 'sarif'] as const) assert.ok(FORMATS.includes(f), f);
    assert.equal(render(sampleReport(), { format: 'json' }), renderJson(sampleReport()));
    assert.equal(render(sampleReport(), { format: 'markdown' }), renderMarkdown(sampleReport()));
    assert.equal(render(sampleReport(), { format: 'sarif', all: true }), renderSarif(sampleReport(), { all: true }));
    assert.equal(render(sampleReport(), { format: 'terminal', all: true }), renderTerminal(sampleReport(), { all: true }));
  });
});

describe('renderProgress', () => {
  it('shows phase, done/total and the current package on one line', () => {
    const line = renderProgress({ phase: 'analyse', done: 3, total: 12, current: 'pkg@1.0.0' });
    assert.match(line, /^analyse 3\/12\b.*pkg@1\.0\.0$/);
    assert.ok(!line.includes('\n'));
  });

  it('never wraps: cut to the terminal width', () => {
    const line = renderProgress({ phase: 'analyse', done: 1, total: 2, current: 'x'.repeat(200) }, 40);
    assert.ok(line.length <= 39);
    assert.ok(renderProgress({ phase: 'discover', done: 0, total: 1, current: 'pkg@1.0.0' }, 0).includes('pkg@1.0.0'), 'a size-less pty gets 80 columns');
  });
});

describe('renderProgress, bench and vet lines', () => {
  it('shows phase, cases done/total, the time left and the current hook', () => {
    assert.equal(
      renderProgress({ phase: 'measure', done: 12, total: 334, current: 'pkg@1.0.0 pg:Client.prototype.query', remainingMs: 250_400 }),
      'measure 12/334 3% 4m10s left  pkg@1.0.0 pg:Client.prototype.query',
    );
    assert.equal(renderProgress({ phase: 'measure again', done: 1, total: 3, remainingMs: 9_600 }), 'measure again 1/3 33% 10s left');
    // nothing left to say when the last case is done, or before anything is known
    assert.equal(renderProgress({ phase: 'measure', done: 3, total: 3, remainingMs: 0 }), 'measure 3/3 100%');
    assert.equal(renderProgress({ phase: 'list', done: 0, total: 0 }), 'list 0/0');
  });
  it('a step without counts (vet) is the phase alone', () => {
    assert.equal(renderProgress({ phase: 'scanning pkg@1.0.0…' }), 'scanning pkg@1.0.0…');
  });
  it('never wraps: cut to the terminal width', () => {
    const line = renderProgress({ phase: 'measure', done: 1, total: 2, current: 'x'.repeat(200), remainingMs: 1_000 }, 40);
    assert.equal(line.length, 39);
    assert.ok(line.endsWith('…'));
  });
});

describe('renderColor', () => {
  const tty = { flag: true, isTTY: true, toFile: false, env: {} };
  it('colours a TTY only', () => {
    assert.equal(renderColor(tty), true);
    assert.equal(renderColor({ ...tty, isTTY: false }), false);
    assert.equal(renderColor({ ...tty, isTTY: false, env: { CI: 'true' } }), false, 'CI alone does not colour a pipe');
  });
  it('honours --no-color, files, NO_COLOR, FORCE_COLOR and TERM=dumb', () => {
    assert.equal(renderColor({ ...tty, flag: false }), false);
    assert.equal(renderColor({ ...tty, toFile: true }), false);
    assert.equal(renderColor({ ...tty, env: { NO_COLOR: '1' } }), false);
    assert.equal(renderColor({ ...tty, env: { TERM: 'dumb' } }), false);
    assert.equal(renderColor({ ...tty, isTTY: false, env: { FORCE_COLOR: '1' } }), true);
    assert.equal(renderColor({ ...tty, flag: false, env: { FORCE_COLOR: '1' } }), false, 'the flag wins');
  });
});
