// The few GitHub REST calls the action makes, on the global fetch (injectable, so tests stub it and
// never touch the network). Errors carry the status and GitHub's message.

export type Fetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; json: () => Promise<unknown>; text: () => Promise<string> }>;

export interface GitHubClient {
  apiUrl: string;
  token: string;
  fetch: Fetch;
}

export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function request(client: GitHubClient, method: string, route: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
    'User-Agent': 'otel-audit-action',
    ...(client.token ? { Authorization: `Bearer ${client.token}` } : {}),
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
  };
  const res = await client.fetch(`${client.apiUrl.replace(/\/$/, '')}${route}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new GitHubApiError(`GitHub API ${method} ${route}: ${res.status} ${message}`.trim(), res.status);
  }
  return res.status === 204 ? null : res.json();
}

/** Every page of a list endpoint (per_page=100), up to `maxPages`. */
export async function paginate(client: GitHubClient, route: string, maxPages = 30): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const sep = route.includes('?') ? '&' : '?';
    const items = await request(client, 'GET', `${route}${sep}per_page=100&page=${page}`);
    if (!Array.isArray(items)) break;
    out.push(...(items as unknown[]));
    if (items.length < 100) break;
  }
  return out;
}

/** Paths of the files a pull request changes (GitHub lists up to 3,000). */
export async function pullRequestFiles(client: GitHubClient, owner: string, repo: string, number: number): Promise<string[]> {
  const files = await paginate(client, `/repos/${owner}/${repo}/pulls/${number}/files`);
  return files.flatMap((f) => {
    const name = (f as { filename?: unknown } | null)?.filename;
    return typeof name === 'string' ? [name] : [];
  });
}
