// The analysis' span start of a hook (syntax nodes) as report data: relative files, 1-based lines,
// each condition's text and what it needs (src/analysis/span-start.ts).
import type { RawSpanStart } from '../analysis/span-start.js';
import { conditionText } from '../analysis/span-start.js';
import type { SpanStart } from '../model/package-report.js';
import type { ts } from '../util/ts.cjs';

function place(node: ts.Node, rel: (file: string) => string): { file: string; line: number } {
  const sf = node.getSourceFile();
  return { file: rel(sf.fileName), line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 };
}

/** 1-based line and column of a node's first character. */
function position(node: ts.Node): { line: number; column: number } {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { line: line + 1, column: character + 1 };
}

export function toSpanStart(raw: RawSpanStart | null, rel: (file: string) => string): SpanStart | null {
  if (raw === null) return null;
  return {
    ...place(raw.call, rel),
    conditions: raw.conditions.map((c) => ({ expression: conditionText(c.node), mustBe: c.mustBe, ...place(c.node, rel), needs: c.needs, onward: position(c.onward) })),
    ...(raw.argumentsRead > 0 ? { argumentsRead: raw.argumentsRead } : {}),
  };
}
