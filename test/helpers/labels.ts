// Reads the `// @expect …` labels of the fixture corpus (grammar: test/fixtures/packages/README.md).
// A label sits at the end of the line where the expensive expression starts and says which rule must
// report it there and how often it runs; a file starting with `// @duplicate-build` must yield nothing.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FREQUENCIES, type Frequency } from '../../src/model/report.js';

import { RULE_IDS } from '../../audits/index.js';

export interface Label {
  /** absolute path of the labelled file */
  file: string;
  /** 1-based */
  line: number;
  ruleId: string;
  frequency: Frequency;
  /** `path=error`: only runs when throwing or in a catch block */
  errorPath: boolean;
  /** `conditional`: behind a configuration or debug flag */
  conditional: boolean;
}

export interface LabelledFile {
  file: string;
  /** first line is `// @duplicate-build`: a copy of another build, must produce no findings */
  duplicateBuild: boolean;
  /** labels of a duplicate build are parsed (to catch typos) but not expected */
  labels: Label[];
}

const DUPLICATE_MARKER = /^\s*\/\/\s*@duplicate-build\s*$/;
// `// @expect` must be the last thing on the line
const EXPECT = /\/\/\s*@expect\s+(.*?)\s*$/;
const CODE_FILE = /\.(?:[cm]?js|[cm]?ts)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

function parseEntry(entry: string, file: string, line: number): Label {
  const where = `${file}:${line}`;
  const [ruleId, frequency, ...modifiers] = entry.trim().split(/\s+/);
  if (!ruleId || !(RULE_IDS as readonly string[]).includes(ruleId)) {
    throw new Error(`${where}: unknown rule id in label "${entry.trim()}"`);
  }
  if (!frequency || !(FREQUENCIES as readonly string[]).includes(frequency)) {
    throw new Error(`${where}: frequency must be one of ${FREQUENCIES.join('|')} in label "${entry.trim()}"`);
  }
  const label: Label = { file, line, ruleId, frequency: frequency as Frequency, errorPath: false, conditional: false };
  for (const modifier of modifiers) {
    if (modifier === 'path=error') label.errorPath = true;
    else if (modifier === 'conditional') label.conditional = true;
    else throw new Error(`${where}: unknown modifier "${modifier}" (path=error | conditional)`);
  }
  if ((label.errorPath || label.conditional) && label.frequency !== 'per-call') {
    throw new Error(`${where}: path=error and conditional only qualify per-call labels`);
  }
  return label;
}

/** The labels of one file's text. Throws on a malformed label, so that a typo cannot go unscored. */
export function parseLabels(text: string, file: string): LabelledFile {
  const lines = text.split(/\r?\n/);
  const duplicateBuild = DUPLICATE_MARKER.test(lines[0] ?? '');
  const labels: Label[] = [];
  lines.forEach((content, i) => {
    const match = EXPECT.exec(content);
    if (!match) {
      if (content.includes('@expect')) throw new Error(`${file}:${i + 1}: "@expect" must be a line comment at the end of the line`);
      return;
    }
    const entries = match[1]!.split(',');
    for (const entry of entries) labels.push(parseEntry(entry, file, i + 1));
    const keys = labels.filter((l) => l.line === i + 1).map((l) => l.ruleId);
    if (new Set(keys).size !== keys.length) throw new Error(`${file}:${i + 1}: the same rule twice on one line cannot be scored`);
  });
  return { file, duplicateBuild, labels };
}

async function codeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...(await codeFiles(full)));
    } else if (entry.isFile() && CODE_FILE.test(entry.name) && !DECLARATION.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/** Every JS/TS file under the directories (declarations and node_modules skipped), sorted, with its labels. */
export async function collectLabels(dirs: readonly string[]): Promise<LabelledFile[]> {
  const files = (await Promise.all(dirs.map(codeFiles))).flat().sort();
  return Promise.all(files.map(async (file) => parseLabels(await readFile(file, 'utf8'), file)));
}

/** Key for matching a finding to a label: absolute file, line and rule. */
export function siteKey(file: string, line: number, ruleId: string): string {
  return `${path.resolve(file)}:${line}:${ruleId}`;
}
