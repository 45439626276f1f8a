// A stand-in for the GitHub REST API on a stubbed fetch: records every request, answers from routes.
import type { Fetch } from '../../src/action/github-api.js';

export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

export type Route = (call: Call) => { status: number; body: unknown } | undefined;

export function stubGitHub(routes: Route[]): { fetch: Fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: Fetch = async (url, init) => {
    const u = new URL(url);
    const call: Call = { method: init?.method ?? 'GET', path: `${u.pathname}${u.search}`, body: init?.body === undefined ? undefined : JSON.parse(init.body), headers: init?.headers ?? {} };
    calls.push(call);
    for (const route of routes) {
      const answer = route(call);
      if (answer !== undefined) {
        return { ok: answer.status < 300, status: answer.status, json: async () => answer.body, text: async () => JSON.stringify(answer.body) };
      }
    }
    return { ok: false, status: 404, json: async () => ({ message: 'Not Found' }), text: async () => '{"message":"Not Found"}' };
  };
  return { fetch, calls };
}

/** GET …/pulls/42/files answering with these file names. */
export const prFiles =
  (names: string[]): Route =>
  (c) =>
    c.method === 'GET' && c.path.startsWith('/repos/acme/checkout-service/pulls/42/files') ? { status: 200, body: names.map((filename) => ({ filename, status: 'modified' })) } : undefined;

/** GET …/issues/42/comments, paged by 100; `login` is the author (default: the Actions bot). */
export const comments =
  (all: Array<{ id: number; body: string; login?: string }>): Route =>
  (c) => {
    if (c.method !== 'GET' || !c.path.startsWith('/repos/acme/checkout-service/issues/42/comments')) return undefined;
    const page = Number(new URL(`https://x${c.path}`).searchParams.get('page') ?? '1');
    const items = all
      .slice((page - 1) * 100, page * 100)
      .map(({ login, ...x }) => ({ ...x, user: { login: login ?? 'github-actions[bot]', type: 'Bot' }, html_url: `https://github.com/acme/checkout-service/pull/42#issuecomment-${x.id}` }));
    return { status: 200, body: items };
  };

export const created: Route = (c) =>
  c.method === 'POST' && c.path === '/repos/acme/checkout-service/issues/42/comments'
    ? { status: 201, body: { id: 9001, html_url: 'https://github.com/acme/checkout-service/pull/42#issuecomment-9001' } }
    : undefined;

export const updated: Route = (c) =>
  c.method === 'PATCH' && c.path.startsWith('/repos/acme/checkout-service/issues/comments/')
    ? { status: 200, body: { id: Number(c.path.split('/').pop()), html_url: 'https://github.com/acme/checkout-service/pull/42#issuecomment-updated' } }
    : undefined;
