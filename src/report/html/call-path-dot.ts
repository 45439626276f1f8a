// A finding's evidence as a Graphviz graph: hook → function → … → operation, each node with its
// file:line (and the original TS location when a source map gave one). The page renders it with
// viz.js; the same steps are listed as text beside it for readers without JavaScript or a screen.
import type { Finding, HookInfo } from '../../model/report.js';
import { withinPackage } from '../../model/report-paths.js';

/** Quoted DOT string: backslashes first, so Graphviz's `\N`, `\G` escapes cannot come from the data. */
const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ')}"`;
const label = (lines: string[]): string => lines.map((l) => quote(l).slice(1, -1)).join('\\n');

/** What each node of the graph says, top to bottom: also what the text list beside it shows. */
export interface PathNode {
  role: 'hook' | 'step' | 'operation';
  title: string;
  where: string | null;
  original: string | null;
}

export function callPathNodes(f: Finding, hook: HookInfo | undefined, dir: string | undefined): PathNode[] {
  const at = (file: string, line: number): string => `${withinPackage(dir, file)}:${line}`;
  const nodes: PathNode[] = [];
  if (f.hook !== null) nodes.push({ role: 'hook', title: `${f.hook.kind} ${f.hook.target}`, where: hook ? at(hook.file, hook.line) : null, original: null });
  for (const s of f.callPath) {
    nodes.push({ role: 'step', title: s.function, where: at(s.file, s.line), original: s.original ? at(s.original.file, s.original.line) : null });
  }
  nodes.push({ role: 'operation', title: f.operation, where: `${at(f.file, f.line)}:${f.column}`, original: f.original ? at(f.original.file, f.original.line) : null });
  return nodes;
}

const STYLE: Record<PathNode['role'], string> = {
  // blue for the instrumentation's entry, red for the expensive operation: the picture that found the
  // original bug (a red region fed from a blue one); the words in the labels carry the same meaning
  hook: 'fillcolor="#dbeafe", color="#1d4ed8"',
  step: 'fillcolor="#ffffff", color="#475569"',
  operation: 'fillcolor="#fee2e2", color="#b91c1c", penwidth=2',
};

/** the node's name, which the SVG shows as its <title> (the hover text): numbered, so never shared */
const nodeId = (i: number, n: PathNode): string => quote(`${i + 1}. ${n.title}`);

export function callPathDot(nodes: readonly PathNode[]): string {
  const out = [
    'digraph callpath {',
    '  graph [rankdir=TB, nodesep=0.2, ranksep=0.3, bgcolor="transparent"];',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, margin="0.14,0.06"];',
    '  edge [color="#475569", arrowsize=0.7];',
  ];
  nodes.forEach((n, i) => {
    const kind = n.role === 'hook' ? 'hook' : n.role === 'operation' ? 'operation' : null;
    const lines = [kind === null ? n.title : `${kind}: ${n.title}`, ...(n.where ? [n.where] : []), ...(n.original ? [`[${n.original}]`] : [])];
    out.push(`  ${nodeId(i, n)} [label="${label(lines)}", ${STYLE[n.role]}];`);
  });
  for (let i = 1; i < nodes.length; i++) out.push(`  ${nodeId(i - 1, nodes[i - 1]!)} -> ${nodeId(i, nodes[i]!)};`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
