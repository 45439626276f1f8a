// Strings from scanned packages (hook targets, function names, file names, messages) reach terminals
// and Markdown. A control character there is an instruction, not text: ESC starts a sequence that
// clears the screen, sets the window title or writes the clipboard (OSC 52); a newline in a Markdown
// code span ends it; a bidirectional override makes text read otherwise than it is. `visible` shows
// every such character as an escape (`\n`, `\x1b`, `\u202e`) so it is seen, never obeyed.

/** C0 and C1 controls, DEL, zero-width and bidirectional formatting characters, line/paragraph separators, BOM */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function visible(text: string): string {
  return text.replace(INVISIBLE, escapeOne);
}

/** A copy of `value` with every string in it made visible (arrays and plain objects walked). */
export function visibleDeep<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => visibleDeep(v)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[visible(k)] = visibleDeep(v);
    return out as T;
  }
  return value;
}
