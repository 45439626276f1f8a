// Pairs the findings of two reports by fingerprint. Several findings can share a fingerprint (the
// same operation twice in one function, init code without a call path): within such a group, those
// at the very same place pair first, then the rest in file/line order; what is left over on one side
// is new (head) or fixed (base). Counting this way keeps "3 reads became 2" a single fixed finding.
import type { Finding } from '../model/report.js';
import type { FindingChange, UnchangedFinding } from './diff-model.js';
import { fingerprint } from '../model/fingerprint.js';

export interface FindingMatch {
  new: FindingChange[];
  fixed: FindingChange[];
  unchanged: UnchangedFinding[];
}

const place = (f: Finding): string => `${f.file}:${f.line}:${f.column}`;

export function byLocation(a: Finding, b: Finding): number {
  return a.package.localeCompare(b.package) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

function groupByFingerprint(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of [...findings].sort(byLocation)) {
    const key = fingerprint(f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

function pairGroup(key: string, base: Finding[], head: Finding[], out: FindingMatch): void {
  const restBase: Finding[] = [];
  const headLeft = [...head];
  for (const b of base) {
    const i = headLeft.findIndex((h) => place(h) === place(b));
    if (i < 0) {
      restBase.push(b);
      continue;
    }
    out.unchanged.push({ fingerprint: key, base: b, head: headLeft[i]!, moved: false });
    headLeft.splice(i, 1);
  }
  const n = Math.min(restBase.length, headLeft.length);
  for (let i = 0; i < n; i++) out.unchanged.push({ fingerprint: key, base: restBase[i]!, head: headLeft[i]!, moved: true });
  for (const f of restBase.slice(n)) out.fixed.push({ fingerprint: key, finding: f });
  for (const f of headLeft.slice(n)) out.new.push({ fingerprint: key, finding: f });
}

export function matchFindings(base: readonly Finding[], head: readonly Finding[]): FindingMatch {
  const out: FindingMatch = { new: [], fixed: [], unchanged: [] };
  const baseGroups = groupByFingerprint(base);
  const headGroups = groupByFingerprint(head);
  for (const key of new Set([...baseGroups.keys(), ...headGroups.keys()])) {
    pairGroup(key, baseGroups.get(key) ?? [], headGroups.get(key) ?? [], out);
  }
  // deterministic output whatever the hash order: head's place for new/unchanged, base's for fixed
  out.new.sort((a, b) => byLocation(a.finding, b.finding));
  out.fixed.sort((a, b) => byLocation(a.finding, b.finding));
  out.unchanged.sort((a, b) => byLocation(a.head, b.head));
  return out;
}
