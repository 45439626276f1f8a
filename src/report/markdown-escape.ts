// Markdown for GitHub from strings a package chose (hook targets and function names are string
// literals of the scanned code; file names and messages too). Each must stay text: never end a code
// span, start a heading, a link, an image or raw HTML, mention a user (@name), reference an issue
// (#12), or autolink a URL. One set of helpers for every Markdown view (scan, diff, vet).
import { visible } from '../util/visible.js';

/** Zero-width space: breaks what GitHub would link (mentions, issue references, bare URLs) without changing the text read. */
const ZWSP = '\u200b';

/** `@name`, `#12`, `GH-12`, `owner/repo#12`, `https://…`, `www.…`: nothing GitHub links on its own. */
function unlink(text: string): string {
  return text
    .replace(/([@#])/g, `$1${ZWSP}`)
    .replace(/(GH)-/gi, `$1${ZWSP}-`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

const entities = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Text in a paragraph, list item or table cell: no markup, no HTML, no links, on one line. */
export function mdText(text: string): string {
  // `[` and `]` escaped, no link or image can start; `<` is an entity, no autolink or HTML either
  return unlink(entities(visible(text)).replace(/([\\`*_[\]|~])/g, '\\$1'));
}

/** Text inside raw HTML (a `<summary>`): entities only, and nothing GitHub links. */
export function mdHtml(text: string): string {
  return unlink(entities(visible(text)));
}

/**
 * An inline code span: its fence is longer than any run of backticks in the text (so nothing in it
 * can close it), padded with spaces when the text touches a backtick or a space; control characters
 * and newlines shown as escapes (a newline would end the span's line, a blank line the paragraph).
 * In a table cell, `|` keeps its backslash (GitHub splits cells before reading code spans).
 */
export function mdCode(text: string, cell = false): string {
  let body = visible(text);
  if (cell) body = body.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || /^[ `]|[ `]$/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
