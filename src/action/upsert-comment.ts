// One comment per pull request, kept up to date: the previous one is found by a hidden marker in its
// body and edited; a new one is created only when there is none. Re-runs and new pushes then update
// the same comment instead of piling up. Only a comment written by the Action's own identity is ever
// edited: anyone can post the marker, and the Action must not rewrite someone else's words (nor let
// them steer which comment carries the verdict).
import { paginate, request, type GitHubClient } from './github-api.js';

export const COMMENT_MARKER = '<!-- otel-audit -->';

export interface CommentTarget {
  owner: string;
  repo: string;
  number: number;
}

export interface UpsertResult {
  action: 'created' | 'updated';
  id: number;
  url: string | null;
}

interface IssueComment {
  id: number;
  body?: string;
  html_url?: string;
  user?: { login?: unknown } | null;
}

/** GitHub Actions' own token writes as this user; a GitHub App's as `<slug>[bot]` (given as an input). */
export const ACTIONS_BOT = 'github-actions[bot]';

/**
 * Who the token writes as: `author` when the workflow says, else GET /user (a personal token), else
 * the Actions bot (an installation token may not read /user).
 */
export async function commentAuthor(client: GitHubClient, author: string): Promise<string> {
  if (author !== '') return author;
  try {
    const me = (await request(client, 'GET', '/user')) as { login?: unknown } | null;
    if (typeof me?.login === 'string' && me.login !== '') return me.login;
  } catch {
    // an installation token: fall through
  }
  return ACTIONS_BOT;
}

function isComment(v: unknown): v is IssueComment {
  return typeof v === 'object' && v !== null && typeof (v as IssueComment).id === 'number';
}

export async function upsertComment(client: GitHubClient, target: CommentTarget, body: string, author: string, marker = COMMENT_MARKER): Promise<UpsertResult> {
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const comments = (await paginate(client, `/repos/${target.owner}/${target.repo}/issues/${target.number}/comments`)).filter(isComment);
  // the first one of ours carrying the marker: later duplicates (from a race of two runs) are left alone
  const previous = comments.find((c) => c.user?.login === author && typeof c.body === 'string' && c.body.includes(marker));
  if (previous !== undefined) {
    const updated = await request(client, 'PATCH', `/repos/${target.owner}/${target.repo}/issues/comments/${previous.id}`, { body: text });
    return { action: 'updated', id: previous.id, url: isComment(updated) ? (updated.html_url ?? null) : (previous.html_url ?? null) };
  }
  const created = await request(client, 'POST', `/repos/${target.owner}/${target.repo}/issues/${target.number}/comments`, { body: text });
  if (!isComment(created)) throw new Error('GitHub API: the created comment has no id');
  return { action: 'created', id: created.id, url: created.html_url ?? null };
}
