// Escaping for the three contexts the HTML report writes untrusted text into: element text and
// attribute values, JSON data blocks, and inline scripts. Report strings come from the scanned code
// (function names, messages, file names): a package can put `</script>` into any of them.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * JSON for a `<script type="application/json">` block. `<`, `>` and `&` become `\u003c`… so no
 * `</script>` or `<!--` can end or change the element; U+2028/9 are escaped because code that
 * evaluates the text as JavaScript (older engines, copy-paste into a console) treats them as newlines.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * JavaScript source for an inline `<script>`. Only `</script` and `<!--` change how the HTML parser
 * reads script text; both can only sit in strings, regexes or comments of valid code, where `\x3C` is
 * the same character (and valid in `u`-flag regexes, unlike `\!` or `\<`).
 */
export function inlineScript(source: string): string {
  return source.replace(/<(?=\/script|!--)/gi, '\\x3C');
}

/**
 * JSON for a `<script type="application/json">` block of markup (card-deck.ts): where scriptJson's
 * `\u003c` for every `<` would triple the size of HTML, this escapes only what can end or change the
 * element — `</script` and `<!--` — and U+2028/9. The browser's JSON.parse reads both the same.
 */
export function scriptJsonOfMarkup(value: unknown): string {
  return JSON.stringify(value)
    .replace(/<(?=\/script|!--)/gi, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
