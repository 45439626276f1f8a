// The attacker's side of the security tests: a temp folder with a fake home (a ~/.npmrc holding a
// secret), a folder package code must not write to, an environment with fake tokens, and a listener on
// 127.0.0.1 that records every connection. Each test then asserts that nothing reached any of them.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Fake secrets: unique, so that finding one in any output is proof of a leak. */
export const SECRETS = {
  npmToken: 'npm_FAKEtokenDoNotLeak0001',
  githubToken: 'ghp_FAKEtokenDoNotLeak0002',
  inputToken: 'ghs_FAKEtokenDoNotLeak0003',
  npmrc: 'npmrc-FAKE-authtoken-0004',
} as const;

export interface Lab {
  root: string;
  /** HOME for the run: holds .npmrc with SECRETS.npmrc */
  home: string;
  /** where package code tries to write; must stay empty */
  outside: string;
  /** environment variables for the run: the fake tokens and HOME */
  env: Record<string, string>;
  /** the listener's port on 127.0.0.1 */
  port: number;
  /** connections the listener received, with what they sent */
  connections: () => string[];
  /** text that must not appear in any output */
  secrets: string[];
  close: () => Promise<void>;
}

export async function attackLab(): Promise<Lab> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-attack-'));
  const home = path.join(root, 'home');
  const outside = path.join(root, 'outside');
  mkdirSync(home);
  mkdirSync(outside);
  writeFileSync(path.join(home, '.npmrc'), `//registry.npmjs.org/:_authToken=${SECRETS.npmrc}\n`);
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let data = '';
    const index = received.push('') - 1;
    socket.setEncoding('utf8').on('data', (d: string) => {
      data += d;
      received[index] = data;
    });
    socket.on('error', () => undefined);
    // answer like a registry that has nothing: npm, curl and fetch all give up quickly
    socket.on('data', () => socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    root,
    home,
    outside,
    port,
    env: { HOME: home, USERPROFILE: home, NPM_TOKEN: SECRETS.npmToken, GITHUB_TOKEN: SECRETS.githubToken, INPUT_TOKEN: SECRETS.inputToken, NODE_AUTH_TOKEN: SECRETS.npmToken },
    connections: () => [...received],
    secrets: Object.values(SECRETS),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` (relative), to assert that nothing was written there. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Pids of live processes whose command line holds `marker` (Linux; [] elsewhere). */
export function processesWith(marker: string): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  return pids
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The secrets found in `text` (none, in a passing test). */
export function leakedSecrets(lab: Lab, text: string): string[] {
  return lab.secrets.filter((s) => text.includes(s));
}
