// What the operating system offers to isolate a child beyond what Node's permission model does, found
// once per process by trying it. On Linux, `unshare` puts the child in new namespaces:
// - network: only its own loopback (brought up with `ip`, so a scenario's server on 127.0.0.1 works);
//   no route out, and 127.0.0.1 is not the host's, so a listener of the user's is out of reach;
// - pid: the child is pid 1 of its namespace and cannot see, let alone signal, otel-audit or any other
//   process of the user; when it dies, everything it started dies with it.
// - mount (where the file view of file-isolation.ts can be built in it): the child sees the system, its
//   packages and the tool read-only and its temp folder, nothing else — file limits that hold where Node's
//   permission model is off (the inspector on Node 20).
// As root the namespaces are created directly; otherwise inside a user namespace (`unshare -r`), when
// the kernel allows unprivileged ones. `setpriv --pdeathsig` makes the kernel kill the child when
// otel-audit dies, however it dies. Elsewhere (macOS, Windows, a kernel or container that refuses)
// none of this applies, and the report says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareFileView, systemReadPaths } from './file-isolation.js';

export interface OsIsolation {
  /** command and arguments to put before `node …` (empty: none available) */
  prefix: string[];
  network: boolean;
  pidNamespace: boolean;
  /** the namespace's loopback is up (127.0.0.1 works inside) */
  loopback: boolean;
  /** the child is killed by the kernel when otel-audit dies */
  parentDeath: boolean;
  /** a mount namespace in which the file view (file-isolation.ts) is built: `prefix` makes it, the caller adds the view */
  files: boolean;
  /** why something is missing, for the report */
  limits: string[];
}

let cached: OsIsolation | undefined;

const works = (command: string, args: readonly string[]): boolean => {
  const r = spawnSync(command, [...args], { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
};

const firstLine = (command: string, args: readonly string[]): string => {
  const r = spawnSync(command, [...args], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return r.error.message;
  return (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n')[0] ?? '';
};

/** Brings the namespace's loopback up, then runs the rest of the arguments (no shell parses our paths). */
const LOOPBACK_UP = ['sh', '-c', 'ip link set lo up 2>/dev/null; exec "$0" "$@"'];

function probe(): OsIsolation {
  const none = (why: string): OsIsolation => ({ prefix: [], network: false, pidNamespace: false, loopback: false, parentDeath: false, files: false, limits: [why] });
  if (process.platform !== 'linux') return none(`no network or pid namespace on ${process.platform}: package code can reach the network and signal otel-audit`);
  const root = process.getuid?.() === 0;
  const unshare = ['unshare', ...(root ? [] : ['-r']), '-n', '-p', '-f', '--kill-child', '--'];
  if (!works(unshare[0]!, [...unshare.slice(1), 'true'])) {
    return none(`unshare refused (${firstLine(unshare[0]!, [...unshare.slice(1), 'true'])}): package code can reach the network and signal otel-audit`);
  }
  const limits: string[] = [];
  const loopback = works(unshare[0]!, [...unshare.slice(1), 'sh', '-c', 'ip link set lo up']);
  if (!loopback) limits.push('no `ip` command to bring the namespace loopback up: scenarios that serve on 127.0.0.1 fail');
  const parentDeath = works('setpriv', ['--pdeathsig', 'KILL', '--', 'true']);
  if (!parentDeath) limits.push('no setpriv --pdeathsig: a child outlives otel-audit if otel-audit is killed with SIGKILL');
  const files = fileViewWorks(root);
  if (files !== true) limits.push(`no file view of its own (${files}): where the permission model is off, package code can read your files and write outside its temp folder`);
  const withMount = files === true ? [unshare[0]!, '-m', ...unshare.slice(1)] : unshare;
  const prefix = [...(parentDeath ? ['setpriv', '--pdeathsig', 'KILL', '--'] : []), ...withMount, ...(loopback ? LOOPBACK_UP : [])];
  return { prefix, network: true, pidNamespace: true, loopback, parentDeath, files: files === true, limits };
}

/**
 * Builds a file view once, as a child would get it, and checks from outside that Node ran in it and
 * wrote to its folder only: true, or why not (no mount namespace, a kernel that refuses a mount, no
 * `unshare --root` or `setpriv` in an older util-linux).
 */
function fileViewWorks(root: boolean): true | string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-probe-'));
  try {
    const view = path.join(dir, 'root');
    const writable = path.join(dir, 'w');
    mkdirSync(view);
    mkdirSync(writable);
    const check = `require('fs').writeFileSync(${JSON.stringify(path.join(writable, 'ok'))}, ''); try { require('fs').writeFileSync(${JSON.stringify(path.join(dir, 'out'))}, '') } catch {}`;
    const command = ['unshare', ...(root ? [] : ['-r']), '-m', '-p', '-f', '--kill-child', '--', ...prepareFileView({ root: view, cwd: '/', read: systemReadPaths(), write: [writable], hide: [] })];
    const r = spawnSync(command[0]!, [...command.slice(1), process.execPath, '-e', check], { encoding: 'utf8', timeout: 10_000, env: { PATH: process.env.PATH ?? '' } });
    if (r.error) return r.error.message;
    if (r.status !== 0) return (r.stderr || `exit ${r.status}`).trim().split('\n')[0] ?? '';
    if (!existsSync(path.join(writable, 'ok'))) return 'the child could not write to its folder';
    if (existsSync(path.join(dir, 'out'))) return 'the child could write outside its folder';
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The prefix that puts a child into the network namespace of the live process `pid` (one started with
 * `osIsolation().prefix`) and into a pid namespace of its own: how `load` runs its app beside its load
 * generator, which no other network reaches. Outside a user namespace (root) `nsenter -n` suffices;
 * otherwise the namespace belongs to the user namespace `unshare -r` made, which must be entered first,
 * keeping the user's credentials (nsenter's setgroups is refused there): entering a user namespace gives
 * every capability in it, and the user is its root by `unshare -r`'s map, so the child may still make its
 * pid namespace.
 */
export function joinNetworkPrefix(pid: number): string[] {
  const isolation = osIsolation();
  const root = process.getuid?.() === 0;
  return [
    ...(isolation.parentDeath ? ['setpriv', '--pdeathsig', 'KILL', '--'] : []),
    'nsenter',
    '-t',
    String(pid),
    ...(root ? [] : ['-U', '--preserve-credentials']),
    '-n',
    '--',
    'unshare',
    ...(isolation.files ? ['-m'] : []),
    '-p',
    '-f',
    '--kill-child',
    '--',
  ];
}

export function osIsolation(): OsIsolation {
  cached ??= probe();
  return cached;
}
