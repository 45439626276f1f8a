// The library entry point: discover packages under each path, analyse each once, and assemble the
// Report (relative POSIX paths, source-mapped locations, deterministic order).
import fs from 'node:fs';
import path from 'node:path';
import { audits as allAudits } from '../audits/index.js';
import { entryFiles } from './discover/entry-files.js';
import { findPackages, type DiscoveredPackage } from './discover/find-packages.js';
import type { Audit } from './analysis/audit.js';
import { analysePackage, type RawFinding } from './analysis/analyse-package.js';
import { CallGraph } from './analysis/call-graph.js';
import { functionName } from './analysis/function-name.js';
import { packageFiles } from './analysis/package-files.js';
import { originalPosition } from './analysis/source-map.js';
import { Values } from './analysis/values.js';
import { Workspace } from './analysis/workspace.js';
import { contextualSeverity } from './policy/severity.js';
import { FREQUENCIES, SEVERITIES, type CallStep, type Finding, type PackageReport, type Report, type ReportError, type SourceLocation } from './report/model.js';
import { DEFAULT_MAX_FILE_BYTES, type ScanOptions } from './scan-options.js';
import { costTable } from './cost-table.js';
import { TOOL_VERSION } from './version.js';

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

function describe(f: RawFinding): string {
  const op = f.hit.detection.operation;
  switch (f.frequency) {
    case 'per-call':
      return `${op} runs on every call of ${f.hook ? `${f.hook.kind} ${f.hook.target}` : 'a hook'}${f.path === 'error' ? ' (error path only)' : ''}${f.conditional ? ' (behind a configuration flag)' : ''}`;
    case 'once':
      return `${op} is on the per-call path of ${f.hook ? f.hook.target : 'a hook'} but guarded to run once`;
    case 'init':
      return `${op} runs at module load or set-up`;
    default:
      return `${op} is not reached from any hook or set-up code in the analysed files`;
  }
}

function compare(a: Finding, b: Finding): number {
  return (
    a.package.localeCompare(b.package) ||
    a.root - b.root ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.reachedFrom ?? '').localeCompare(b.reachedFrom ?? '')
  );
}

export async function scan(paths: string[], options: ScanOptions = {}): Promise<Report> {
  const now = options.now ?? Date.now;
  const started = now();
  const audits: readonly Audit[] = options.rules ? allAudits.filter((a) => options.rules!.includes(a.id)) : allAudits;
  const ws = new Workspace(audits, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const values = new Values(ws);
  const graph = new CallGraph(values);
  const crossPackage = options.crossPackage ?? true;
  const errors: ReportError[] = [];
  // discovery hands back realpaths: relate files to the real root too, or a root behind a symlink breaks
  const roots = paths.map((p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  });

  const discovered: Array<{ pkg: DiscoveredPackage; root: number }> = [];
  roots.forEach((root, i) => {
    options.onProgress?.({ phase: 'discover', done: i, total: roots.length });
    const found = findPackages(root);
    errors.push(...found.errors);
    for (const pkg of found.packages) discovered.push({ pkg, root: i });
  });

  // The same name@version installed in several places (nested node_modules copies, or reachable from
  // two paths) is the same code: analysed and reported once, the other places listed as `copies`.
  const byId = new Map<string, { pkg: DiscoveredPackage; root: number; copies: string[] }>();
  for (const d of discovered) {
    const id = `${d.pkg.name}@${d.pkg.version}`;
    const first = byId.get(id);
    if (!first) byId.set(id, { ...d, copies: [] });
    else if (first.pkg.dir !== d.pkg.dir) first.copies.push(posix(path.relative(roots[d.root]!, d.pkg.dir)));
  }
  const unique = [...byId.values()];

  const rel = (root: number, file: string): string => posix(path.relative(roots[root]!, file)) || '.';
  const texts = new Map<string, string>();
  const original = (root: number, file: string, line: number, column: number): SourceLocation | null => {
    let text = texts.get(file);
    if (text === undefined) {
      text = ws.load(file)?.sf.text ?? '';
      texts.set(file, text);
    }
    const o = originalPosition(file, text, line, column);
    return o ? { file: rel(root, o.file), line: o.line } : null;
  };

  const packages: PackageReport[] = [];
  const raw: Array<{ f: RawFinding; root: number }> = [];
  const entries = unique.map(({ pkg }) => {
    const entry = entryFiles(pkg);
    errors.push(...entry.errors);
    ws.registerPackage(pkg.name, pkg.dir, entry.files);
    return entry;
  });
  unique.forEach(({ pkg, root, copies }, i) => {
    const pkgId = `${pkg.name}@${pkg.version}`;
    options.onProgress?.({ phase: 'analyse', done: i, total: unique.length, current: pkgId });
    const entry = entries[i]!;
    const files = packageFiles(pkg.dir, entry.files, ws);
    const analysis = analysePackage(pkg.dir, files, { ws, values, graph, crossPackage });
    packages.push({
      name: pkg.name,
      version: pkg.version,
      root,
      dir: rel(root, pkg.dir),
      files: files.map((f) => rel(root, f)),
      entry: entry.mode,
      ...(copies.length > 0 ? { copies: copies.sort() } : {}),
      hooks: analysis.hooks.map((h) => {
        const sf = h.site.getSourceFile();
        return { id: h.id, kind: h.kind, target: h.target, file: rel(root, sf.fileName), line: sf.getLineAndCharacterOfPosition(h.site.getStart()).line + 1, resolved: h.fns.length > 0 };
      }),
    });
    for (const f of analysis.findings) raw.push({ f, root });
  });
  // Code reached per call from another scanned package is per-call, whatever its own package's
  // analysis said (a helper called from both setup and per-call code is per-call).
  const onHookPath = (f: RawFinding): boolean => f.frequency === 'per-call' || f.frequency === 'once';
  const hookNodes = new Set(raw.filter(({ f }) => onHookPath(f)).map(({ f }) => f.hit.detection.node));
  const findings = raw
    .filter(({ f }) => onHookPath(f) || !hookNodes.has(f.hit.detection.node))
    .map(({ f, root }) => toFinding(f, root, rel, original));
  errors.push(...ws.errors);

  findings.sort(compare);
  packages.sort((a, b) => a.name.localeCompare(b.name) || a.root - b.root || a.dir.localeCompare(b.dir));
  errors.sort((a, b) => (a.package ?? '').localeCompare(b.package ?? '') || (a.file ?? '').localeCompare(b.file ?? '') || a.kind.localeCompare(b.kind) || a.message.localeCompare(b.message));
  const relErrors = errors.map((e) => ({ ...e, file: e.file && path.isAbsolute(e.file) ? rel(0, e.file) : e.file }));

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Report['summary']['bySeverity'];
  const byFrequency = Object.fromEntries(FREQUENCIES.map((s) => [s, 0])) as Report['summary']['byFrequency'];
  for (const f of findings) {
    bySeverity[f.severity]++;
    byFrequency[f.frequency]++;
  }
  const analysed = new Set(packages.flatMap((p) => p.files.map((f) => `${p.root}:${f}`)));
  const pkgFiles = new Set(packages.flatMap((p) => p.files.map((f) => path.resolve(roots[p.root]!, f))));
  const dependencyFiles = ws.loadedUnits.filter((u) => !pkgFiles.has(u.path)).map((u) => rel(0, u.path)).sort();
  const bytes = ws.loadedUnits.reduce((sum, u) => sum + u.bytes, 0);
  return {
    schemaVersion: 1,
    tool: { name: 'otel-audit', version: TOOL_VERSION },
    root: paths[0] ?? '.',
    roots: paths,
    costTable: costTable().source,
    packages,
    dependencyFiles,
    findings,
    errors: relErrors,
    summary: {
      packages: packages.length,
      files: analysed.size,
      parsedFiles: ws.loadedUnits.length,
      bytes,
      hooks: packages.reduce((n, p) => n + p.hooks.length, 0),
      findings: findings.length,
      perCall: byFrequency['per-call'],
      bySeverity,
      byFrequency,
      errors: relErrors.length,
      durationMs: now() - started,
    },
  };
}

function toFinding(f: RawFinding, root: number, rel: (root: number, file: string) => string, original: (root: number, file: string, line: number, column: number) => SourceLocation | null): Finding {
  const { audit, detection } = f.hit;
  const sf = f.unit.sf;
  const lc = sf.getLineAndCharacterOfPosition(detection.node.getStart(sf));
  const line = lc.line + 1;
  const column = lc.character + 1;
  const callPath: CallStep[] = f.chain.map((step, i) => {
    const s = step.fn.getSourceFile();
    const at = i === f.chain.length - 1 ? detection.node : (step.via ?? step.fn);
    const l = s.getLineAndCharacterOfPosition(at.getStart(s));
    return { function: functionName(step.fn), file: rel(root, s.fileName), line: l.line + 1, original: original(root, s.fileName, l.line + 1, l.character + 1) };
  });
  const severity = f.frequency === 'per-call' ? contextualSeverity(audit.defaultSeverity, f) : 'info';
  const finding: Finding = {
    ruleId: audit.id,
    severity,
    frequency: f.frequency,
    package: f.unit.pkgId,
    root,
    file: rel(root, f.unit.path),
    line,
    column,
    original: original(root, f.unit.path, line, column),
    hook: f.hook ? { id: f.hook.id, kind: f.hook.kind, target: f.hook.target } : null,
    callPath,
    operation: detection.operation,
    message: describe(f),
    estimatedCostNs: audit.estimatedCostNs,
  };
  if (f.reachedFrom) finding.reachedFrom = f.reachedFrom;
  if (f.frequency === 'per-call') {
    finding.path = f.path;
    if (f.conditional) finding.conditional = true;
  }
  return finding;
}
