// V8 block coverage without the inspector, for a child under Node 20's permission model, which refuses
// node:inspector outright (and with it NODE_V8_COVERAGE: Node writes no coverage files under
// --experimental-permission). V8's own runtime functions switch block counting on
// (`%DebugToggleBlockCoverage`) and collect the counts, resetting them (`%DebugCollectCoverage`) —
// the same counters the inspector's precise coverage reads. The `%` syntax is allowed only while the
// two functions that use it are compiled and first called, before the package under test is loaded:
// package code is parsed with it off, so it cannot call V8 internals (nor can it from here: the two
// functions stay in this module). Bytecode flushing is switched off for the process, or V8 could drop
// their bytecode and reparse them later with the syntax refused.
//
// What V8 returns is flatter than the inspector's answer: per script, its source text and one list of
// ranges, each function's range followed by its blocks. Scripts are matched to files by their text,
// and function ranges are told from block ranges by where the functions of the file are (a parse).
import { setFlagsFromString } from 'node:v8';
import type { ScriptCoverage } from './precise-coverage.js';
import { ts } from '../../util/ts.cjs';

interface V8Range {
  start: number;
  end: number;
  count: number;
}
type V8Script = V8Range[] & { script: unknown };

type Toggle = (on: boolean) => unknown;
type Collect = () => V8Script[];

function compileNatives(): { toggle: Toggle; collect: Collect } {
  setFlagsFromString('--no-flush-bytecode');
  setFlagsFromString('--allow-natives-syntax');
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- V8's % syntax exists only in source compiled while the flag is on
    const toggle = new Function('on', 'return %DebugToggleBlockCoverage(on)') as Toggle;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const collect = new Function('return %DebugCollectCoverage()') as Collect;
    // first calls compile their bodies (V8 compiles lazily) while the syntax is allowed
    toggle(true);
    collect();
    return { toggle, collect };
  } finally {
    setFlagsFromString('--no-allow-natives-syntax');
  }
}

/** Where a file's functions are: by end offset, the offsets their V8 range may start at (V8 starts a function at its `function` keyword, name or parameters). */
type FunctionEnds = Map<number, Array<[number, number]>>;

function functionEnds(file: string, text: string): FunctionEnds {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const ends: FunctionEnds = new Map();
  const add = (node: ts.Node, lastStart: number): void => {
    ends.set(node.end, [...(ends.get(node.end) ?? []), [node.getStart(sf), lastStart]]);
  };
  const visit = (node: ts.Node): void => {
    const body = ts.isFunctionLike(node) ? (node as ts.FunctionLikeDeclaration).body : undefined;
    if (body !== undefined) add(node, body.getStart(sf));
    // a class without a constructor of its own: V8 reports its default constructor over the class
    else if (ts.isClassLike(node)) add(node, node.members.pos);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return ends;
}

function isFunctionRange(r: V8Range, ends: FunctionEnds): boolean {
  return (ends.get(r.end) ?? []).some(([from, to]) => r.start >= from && r.start <= to);
}

/** The inspector's shape: each function's range first, then its blocks (siteCounts reads that shape). */
function toScriptCoverage(file: string, ranges: readonly V8Range[], ends: FunctionEnds, scriptId: number): ScriptCoverage {
  const functions: ScriptCoverage['functions'] = [];
  for (const r of ranges) {
    const range = { startOffset: r.start, endOffset: r.end, count: r.count };
    const current = functions[functions.length - 1];
    // the first range is a function whatever it is (the script's top level, when V8 lists it)
    if (current === undefined || isFunctionRange(r, ends)) functions.push({ functionName: '', ranges: [range], isBlockCoverage: true });
    else current.ranges.push(range);
  }
  return { scriptId: String(scriptId), url: file, functions };
}

export class NativeCoverage {
  private readonly byText = new Map<string, string[]>();
  private readonly ends = new Map<string, FunctionEnds>();

  private constructor(
    private readonly collect: Collect,
    files: readonly string[],
    private readonly sourceOf: (file: string) => string | undefined,
  ) {
    for (const file of files) {
      const text = sourceOf(file);
      if (text !== undefined) this.byText.set(text, [...(this.byText.get(text) ?? []), file]);
    }
  }

  /**
   * Switches block counting on. Call it before the package loads (V8 counts blocks only in functions
   * compiled after); `files` are the ones whose counts are wanted, `sourceOf` gives their text as V8
   * compiled it (a BOM stripped).
   */
  static start(files: readonly string[], sourceOf: (file: string) => string | undefined): NativeCoverage {
    return new NativeCoverage(compileNatives().collect, files, sourceOf);
  }

  /**
   * The counts since the previous take (or the start), for the scripts of the wanted files; V8 resets
   * them with every take. Files with the same text are told apart by nothing: each gets the counts of
   * the first script with that text.
   */
  take(): Promise<ScriptCoverage[]> {
    const out: ScriptCoverage[] = [];
    const done = new Set<string>();
    for (const [i, script] of this.collect().entries()) {
      const files = typeof script.script === 'string' ? this.byText.get(script.script) : undefined;
      for (const file of files ?? []) {
        if (done.has(file)) continue;
        done.add(file);
        out.push(toScriptCoverage(file, script, this.endsOf(file), i));
      }
    }
    return Promise.resolve(out);
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  private endsOf(file: string): FunctionEnds {
    let e = this.ends.get(file);
    if (e === undefined) {
      e = functionEnds(file, this.sourceOf(file) ?? '');
      this.ends.set(file, e);
    }
    return e;
  }
}
