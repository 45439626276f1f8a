// `otel-audit calibrate` writes a valid table, scan takes its figures and names it, and a table that
// cannot be read falls back to the built-in figures and says so. Shapes and sources only: no timings.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { audits } from '../../audits/index.js';
import { renderCalibration } from '../../src/cli/calibrate.js';
import { BUILT_IN_SOURCE, CACHE_DIR_ENV, COST_TABLE_FILE, costFor, costTable, costTableFile, parseCalibratedTable, type CalibratedTable } from '../../src/calibrate/cost-table.js';
import { scan } from '../../src/scan/scan.js';
import { runCli } from '../cli/run-cli.js';

const fixture = fileURLToPath(new URL('../../../test/fixtures/packages/tsc-cjs', import.meta.url));
const builtIn = new Map<string, number>(audits.map((a) => [a.id, a.estimatedCostNs]));

/** Runs a scan with the cache folder pointed at `dir` (the analyser reads the table when it starts). */
async function scanWithCache(dir: string) {
  const saved = process.env[CACHE_DIR_ENV];
  process.env[CACHE_DIR_ENV] = dir;
  try {
    return await scan([fixture], { workers: 1 });
  } finally {
    if (saved === undefined) delete process.env[CACHE_DIR_ENV];
    else process.env[CACHE_DIR_ENV] = saved;
  }
}

describe('otel-audit calibrate', () => {
  let dir: string;
  let table: CalibratedTable;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-calibrate-test-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('with a tiny --time writes a valid table with a positive figure for every audit', async () => {
    const cache = path.join(dir, 'cache');
    const r = await runCli(['calibrate', '--time', '5', '--format', 'json'], { env: { [CACHE_DIR_ENV]: cache } });
    assert.equal(r.code, 0, r.stderr);
    const file = path.join(cache, COST_TABLE_FILE);
    assert.ok(existsSync(file));
    table = parseCalibratedTable(readFileSync(file, 'utf8'));
    assert.deepEqual(JSON.parse(r.stdout), table, 'stdout is the stored table');
    assert.equal(table.machine.node, process.version);
    assert.ok(table.machine.cpu.length > 0 && table.machine.cpus > 0);
    for (const id of builtIn.keys()) {
      const entry = table.audits[id];
      assert.ok(entry && Number.isFinite(entry.ns) && entry.ns > 0, `figure for ${id}`);
      assert.ok(
        table.operations.some((o) => o.label === entry.operation),
        `${id} names a measured operation`,
      );
    }
    for (const o of table.operations) assert.ok(o.ns > 0 && o.samples > 0 && o.id.length > 0, o.id);
    assert.ok(table.reference.bareSpanNs !== null && table.reference.bareSpanNs > 0, 'bare span measured (sdk-trace-base is a devDependency)');
    assert.equal(new Set(table.operations.map((o) => o.id)).size, table.operations.length);
  });

  it('scan takes estimatedCostNs from the calibrated table and names it in costTable', async () => {
    const report = await scanWithCache(path.join(dir, 'cache'));
    assert.match(report.costTable, /^calibrated on \d{4}-\d{2}-\d{2} \(.+, node \d+\.\d+\.\d+\)$/);
    assert.ok(report.findings.length > 0);
    for (const f of report.findings) assert.equal(f.estimatedCostNs, table.audits[f.ruleId]!.ns, `${f.ruleId} at ${f.file}:${f.line}`);
  });

  it('renders the terminal table with every audit and operation', () => {
    const text = renderCalibration(table, Object.fromEntries(builtIn), '/x/cost-table.json');
    for (const id of builtIn.keys()) assert.match(text, new RegExp(`^${id} `, 'm'));
    for (const o of table.operations) assert.ok(text.includes(o.label), o.label);
    assert.match(text, /wrote \/x\/cost-table\.json/);
  });

  it('a usage error on --time exits 2', async () => {
    const r = await runCli(['calibrate', '--time', '0'], { env: { [CACHE_DIR_ENV]: path.join(dir, 'unused') } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--time/);
    assert.ok(!existsSync(path.join(dir, 'unused')));
  });
});

describe('cost table fallback', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-cost-table-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const withFile = (name: string, content: string | null): string => {
    const cache = path.join(dir, name);
    mkdirSync(cache, { recursive: true });
    if (content === null)
      mkdirSync(path.join(cache, COST_TABLE_FILE)); // a folder where the file should be
    else writeFileSync(path.join(cache, COST_TABLE_FILE), content);
    return cache;
  };

  it('no table: the built-in one, said as it always was', () => {
    const t = costTable(path.join(dir, 'none', COST_TABLE_FILE));
    assert.deepEqual([t.kind, t.source], ['built-in', BUILT_IN_SOURCE]);
    assert.equal(costFor(t, 'sync-fs', 15_000), 15_000);
  });

  it('OTEL_AUDIT_CACHE_DIR decides where the table is', () => {
    assert.equal(costTableFile({ [CACHE_DIR_ENV]: '/some/where' }), path.join('/some/where', COST_TABLE_FILE));
    assert.ok(costTableFile({}).endsWith(COST_TABLE_FILE));
  });

  const broken: Array<[string, string | null, RegExp]> = [
    ['corrupt JSON', '{ "schemaVersion": 1, "audits": ', /not valid JSON/],
    ['a wrong shape', JSON.stringify({ schemaVersion: 1, date: '2025-01-01T00:00:00Z', machine: { node: 'v20', cpu: 'x' }, audits: { 'sync-fs': { ns: -1 } }, operations: [] }), /sync-fs/],
    ['another schema version', JSON.stringify({ schemaVersion: 99 }), /schemaVersion/],
    ['an unreadable path', null, /unreadable \(EISDIR\)/],
  ];
  for (const [what, content, reason] of broken) {
    it(`${what}: built-in figures, and costTable says the table was ignored`, () => {
      const t = costTable(path.join(withFile(what.replace(/\W+/g, '-'), content), COST_TABLE_FILE));
      assert.equal(t.kind, 'built-in');
      assert.ok(t.source.startsWith(BUILT_IN_SOURCE));
      assert.match(t.source, /ignored the calibrated table/);
      assert.match(t.source, reason);
      assert.equal(costFor(t, 'sync-fs', 15_000), 15_000);
    });
  }

  it('scan with a corrupt table: never crashes, uses the built-in figures, and says so', async () => {
    const report = await scanWithCache(withFile('scan-corrupt', 'not json at all'));
    assert.match(report.costTable, /^built-in .*ignored the calibrated table .*not valid JSON/);
    assert.ok(report.findings.length > 0);
    for (const f of report.findings) assert.equal(f.estimatedCostNs, builtIn.get(f.ruleId));
  });
});
