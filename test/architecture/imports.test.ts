// The import graph against the layer rules (layers.ts): no import up or sideways between folders, no
// folder-level cycle, no file-level cycle. Read with TypeScript's own pre-processor (imports, exports
// from, dynamic import() and require of relative paths), so it sees exactly what the compiler sees.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from '../../src/util/ts.cjs';
import { LAYERS } from './layers.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(path.join(repo, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.(c|m)?ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** relative imports of a file, as repository paths of source files */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(repo, file), 'utf8'), true, true);
  const specs = [...info.importedFiles].map((f) => f.fileName).filter((s) => s.startsWith('.'));
  return specs.map((s) =>
    path.posix
      .normalize(path.posix.join(path.posix.dirname(file), s))
      .replace(/\.js$/, '.ts')
      .replace(/\.cjs$/, '.cts')
      .replace(/\.mjs$/, '.mts'),
  );
}

// the rules' tests (audits/tests) are tests, like test/: outside the layers
const files = [...sources('src'), ...sources('audits').filter((f) => !f.startsWith('audits/tests/'))];
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const folderOf = (f: string): string => path.posix.dirname(f);
const layerOf = (folder: string): number => LAYERS.findIndex((l) => l.includes(folder));

/** strongly connected components with more than one member (Tarjan) */
function cycles(nodes: Iterable<string>, edges: (n: string) => Iterable<string>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

describe('architecture', () => {
  it('every folder with code has a layer', () => {
    const missing = [...new Set(files.map(folderOf))].filter((d) => layerOf(d) === -1);
    assert.deepEqual(missing, [], 'add these folders to test/architecture/layers.ts (and README "Development")');
  });

  it('imports only go down the layers (or stay in their folder)', () => {
    const bad: string[] = [];
    for (const [file, imports] of graph) {
      const from = folderOf(file);
      for (const target of imports) {
        const to = folderOf(target);
        if (to === from) continue;
        if (layerOf(to) >= layerOf(from)) bad.push(`${file} → ${target} (${from} may not import ${to})`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('has no folder-level cycle', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, imports] of graph) {
      const set = folders.get(folderOf(file)) ?? new Set<string>();
      for (const t of imports) if (folderOf(t) !== folderOf(file)) set.add(folderOf(t));
      folders.set(folderOf(file), set);
    }
    assert.deepEqual(
      cycles(folders.keys(), (f) => folders.get(f) ?? []),
      [],
    );
  });

  it('has no file-level cycle', () => {
    assert.deepEqual(
      cycles(graph.keys(), (f) => graph.get(f) ?? []),
      [],
    );
  });

  it('resolves every relative import to a file', () => {
    const known = new Set(files);
    const dangling = [...graph].flatMap(([f, imports]) => imports.filter((t) => !known.has(t) && !t.endsWith('.json')).map((t) => `${f} → ${t}`));
    assert.deepEqual(dangling, []);
  });
});
