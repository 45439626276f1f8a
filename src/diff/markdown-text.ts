// Markdown escaping for GitHub-flavoured tables and code spans: package names, targets and call paths
// contain `|`, `<`, `*`, `_` and backticks, any of which would break a table row or start formatting.

/** Text safe inside a table cell (pipes and line breaks escaped, HTML and emphasis neutralised). */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (ch) => (ch === '<' ? '&lt;' : '&gt;')).replace(/[*_]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks in its content; pipes escaped for table cells. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

export function table(header: readonly string[], rows: readonly string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** GitHub's limit for an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
