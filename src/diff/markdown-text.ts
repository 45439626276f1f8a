// Markdown for GitHub-flavoured tables and code spans in the diff's views: package names, targets and
// call paths contain `|`, `<`, `*`, `_`, backticks, newlines and control characters, any of which
// would break a table row, start formatting, or break out of a code span. The escaping itself is the
// one every Markdown view shares (src/report/markdown-escape.ts).
import { mdCode, mdText } from '../report/markdown-escape.js';

/** Text safe inside a table cell (pipes and line breaks escaped, HTML, emphasis, links and mentions neutralised). */
export const cell = (text: string): string => mdText(text);

/** An inline code span that survives backticks in its content; pipes escaped for table cells. */
export const code = (text: string): string => mdCode(text, true);

export function table(header: readonly string[], rows: readonly string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** GitHub's limit for an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
