// A report of app size, generated: `count` findings over 300 instrumentation packages, shaped like a
// scan of a whole node_modules — a few per-call findings (one in fifty) among many reached from no hook,
// and sites shared by many findings (a dependency's helper reached from several packages' hooks), so
// the same code excerpt stands behind many cards. Deterministic: the same count gives the same report.
import type { Finding, PackageReport, Report, Severity } from '../../src/model/report.js';
import { excerptKey, type Excerpt } from '../../src/report/html/excerpt.js';

const PACKAGES = 300;
const SITES = 2000;
const SEVERITIES: Severity[] = ['high', 'medium', 'low'];
const RULES = ['sync-fs', 'env-read', 'version-lookup', 'stack-capture'];
const OPERATIONS: Record<string, string> = { 'sync-fs': 'fs.readFileSync', 'env-read': 'process.env', 'version-lookup': 'require.resolve', 'stack-capture': 'new Error().stack' };

const siteFile = (site: number): string => `dep-${site % 100}/lib/helper-${Math.floor(site / 100)}.js`;
const siteLine = (site: number): number => 10 + (site % 40) * 7;

export function largeReport(count: number): { report: Report; excerpts: Map<string, Excerpt> } {
  const packages: PackageReport[] = Array.from({ length: PACKAGES }, (_, p) => ({
    name: `@app/instr-${p}`,
    version: '1.0.0',
    root: 0,
    dir: `@app/instr-${p}`,
    files: [`@app/instr-${p}/build/index.js`],
    entry: 'entry-points' as const,
    hooks: [
      { id: `wrap:lib-${p}:Client.prototype.query`, kind: 'wrap' as const, target: `lib-${p}:Client.prototype.query`, file: `@app/instr-${p}/build/index.js`, line: 40, resolved: true },
      { id: `wrap:lib-${p}:Client.prototype.connect`, kind: 'wrap' as const, target: `lib-${p}:Client.prototype.connect`, file: `@app/instr-${p}/build/index.js`, line: 60, resolved: true },
    ],
  }));
  const findings: Finding[] = [];
  for (let i = 0; i < count; i++) {
    const p = i % PACKAGES;
    const site = (i * 7) % SITES;
    const ruleId = RULES[site % RULES.length]!;
    const perCall = i % 50 === 0;
    const hook = packages[p]!.hooks[i % 2]!;
    const file = siteFile(site);
    const line = siteLine(site);
    findings.push({
      ruleId,
      severity: perCall ? SEVERITIES[(i / 50) % 3]! : 'info',
      frequency: perCall ? 'per-call' : i % 3 === 0 ? 'init' : 'unknown',
      package: `dep-${site % 100}@2.0.0`,
      root: 0,
      file,
      line,
      column: 5,
      original: null,
      hook: perCall ? { id: hook.id, kind: hook.kind, target: hook.target } : null,
      reachedFrom: `@app/instr-${p}@1.0.0`,
      callPath: perCall
        ? [
            { function: `patched${p}`, file: packages[p]!.files[0]!, line: hook.line },
            { function: `step${i}`, file: `@app/instr-${p}/build/util.js`, line: 12 },
            { function: `helper${site}`, file, line },
          ]
        : [],
      operation: OPERATIONS[ruleId]!,
      message: `${OPERATIONS[ruleId]!} in helper${site} (finding ${i})`,
      estimatedCostNs: 15_000,
      ...(perCall ? { path: 'normal' as const } : {}),
    });
  }
  findings.sort((a, b) => a.package.localeCompare(b.package) || a.file.localeCompare(b.file) || a.line - b.line);
  const excerpts = new Map<string, Excerpt>();
  for (let site = 0; site < SITES; site++) {
    const line = siteLine(site);
    const lines = Array.from({ length: 7 }, (_, k) => (k === 3 ? `  const value = ${OPERATIONS[RULES[site % RULES.length]!]!}; // site ${site}` : `  // helper ${site}, line ${line - 3 + k}`));
    // keyed as the renderer looks excerpts up: the path joined to the report's root
    const shown = `node_modules/${siteFile(site)}`;
    excerpts.set(excerptKey(shown, line), { path: shown, line, start: line - 3, lines });
  }
  const bySeverity = { high: 0, medium: 0, low: 0, info: 0 };
  const byFrequency = { 'per-call': 0, once: 0, init: 0, unknown: 0 };
  for (const f of findings) {
    bySeverity[f.severity]++;
    byFrequency[f.frequency]++;
  }
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'otel-audit', version: '0.0.0-test' },
    root: 'node_modules',
    roots: ['node_modules'],
    costTable: 'built-in',
    packages,
    dependencyFiles: [],
    findings,
    errors: [],
    summary: {
      packages: PACKAGES,
      files: PACKAGES,
      parsedFiles: PACKAGES,
      bytes: 0,
      hooks: PACKAGES * 2,
      findings: count,
      perCall: byFrequency['per-call'],
      bySeverity,
      byFrequency,
      errors: 0,
      durationMs: 0,
    },
  };
  return { report, excerpts };
}
