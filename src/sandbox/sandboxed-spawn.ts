// Starts a Node child that runs package code (bench children, load's app) inside the sandbox:
// - an environment reduced to an allow-list, HOME and TMPDIR in a temp folder of its own (child-env.ts);
// - the Node permission model: reads of the given paths and the tool only, writes to its temp folder
//   only, no child processes, no workers, no addons (node-permissions.ts);
// - on Linux, network and pid namespaces and death with otel-audit (os-isolation.ts), and a mount
//   namespace with a file view of its own (file-isolation.ts): the same reads and writes as the permission
//   model allows, enforced by the kernel — so they hold where the permission model is off (the inspector
//   on Node 20), and back it up where it is on;
// - its own process group (session), killed as a whole at the end: nothing it started outlives it.
// `unsafe: true` (`--unsafe-run`) starts it as before, with everything the user has: for a trusted
// local package whose code needs more (a network, a file outside its folder).
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxEnv } from './child-env.js';
import { prepareFileView, hiddenDotfiles, systemReadPaths, userHomes } from './file-isolation.js';
import { permissionFlags } from './node-permissions.js';
import { joinNetworkPrefix, osIsolation } from './os-isolation.js';
import { innermostChild, threadCpuNs } from './process-cpu.js';
import { readPathsFor } from './read-paths.js';
import type { SandboxReport } from './sandbox-report.js';

export interface SandboxRequest {
  /** the script node runs, and its arguments */
  script: string;
  args?: readonly string[];
  /** node's own flags (e.g. --expose-gc) */
  nodeArgs?: readonly string[];
  /** package folders the child loads: they, the node_modules folders above them and the tool are readable */
  packages: readonly string[];
  /** more folders it may write to besides its temp folder (e.g. a --profile folder) */
  write?: readonly string[];
  /** it needs node:inspector (CPU profiles, coverage) */
  inspector?: boolean;
  stdio: StdioOptions;
  serialization?: 'json' | 'advanced';
  /** variables set on purpose by the caller (never copied from the user's environment) */
  env?: Readonly<Record<string, string>>;
  /** `--unsafe-run`: no sandbox at all */
  unsafe?: boolean;
  /** the child's working folder (default: otel-audit's) */
  cwd?: string;
  /**
   * join the network namespace of this live process (itself started with `osIsolation().prefix`) instead
   * of a new one: load's app beside its load generator. Only where `osIsolation().network`.
   */
  joinNetworkOf?: number;
}

export interface SandboxedChild {
  child: ChildProcess;
  /** the child's own temp folder (HOME, TMPDIR, the only place it may write); removed by dispose() */
  tempDir: string;
  /** what was applied, and what could not be */
  report: SandboxReport;
  /** CPU time the child has used so far, measured from outside it (ns), or null where unmeasurable */
  cpuNs: () => number | null;
  /** kills the child's whole process group (and so its namespace), then removes its temp folder */
  dispose: () => void;
}

/** Process groups still alive: killed if otel-audit exits first (Ctrl-C, an error) */
const live = new Set<number>();
let exitHook = false;

function killGroup(pid: number): void {
  try {
    // the negative pid is the group: the child and anything it started that stayed in it
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function killAll(): void {
  for (const pid of live) killGroup(pid);
}

function onExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', killAll);
  // where the kernel does not kill them with otel-audit (no setpriv --pdeathsig), a signal that ends
  // otel-audit ends its children first, then takes its default course
  if (osIsolation().parentDeath) return;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

export function unsafeReport(): SandboxReport {
  return {
    enabled: false,
    environment: 'inherited',
    permissionModel: false,
    network: false,
    pidNamespace: false,
    files: false,
    limits: ['--unsafe-run: package code ran with your environment, files, network and processes'],
  };
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The file view of a child: the system and its reads read-only, its writes writable, the user's dotfiles hidden. */
function fileViewFor(root: string, cwd: string, read: readonly string[], write: readonly string[]): string[] {
  const hide = hiddenDotfiles(read, userHomes(), listDir);
  return prepareFileView({ root, cwd, read: [...systemReadPaths(), ...read], write, hide });
}

export function sandboxedSpawn(request: SandboxRequest): SandboxedChild {
  const tempDir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'otel-audit-sandbox-')));
  const nodeArgs = [...(request.nodeArgs ?? [])];
  let command = process.execPath;
  let args: string[];
  let report: SandboxReport;
  let env: NodeJS.ProcessEnv;
  /** where its file view is built (a mount point inside its namespace only) */
  let fsRoot: string | undefined;
  if (request.unsafe === true) {
    args = [...nodeArgs, request.script, ...(request.args ?? [])];
    env = { ...process.env, ...request.env };
    report = unsafeReport();
  } else {
    const isolation = osIsolation();
    const read = readPathsFor(request.packages);
    const write = [tempDir, ...(request.write ?? [])];
    // its temp folder is its own to read back, too
    const permission = permissionFlags([...read, tempDir], write, { inspector: request.inspector === true, fileView: isolation.files });
    const prefix = request.joinNetworkOf !== undefined && isolation.network ? joinNetworkPrefix(request.joinNetworkOf) : [...isolation.prefix];
    if (isolation.files) {
      // a folder that does not exist yet cannot be shown in the view: the caller's write folders (--profile's) are made now
      for (const dir of request.write ?? []) mkdirSync(dir, { recursive: true });
      fsRoot = mkdtempSync(path.join(os.tmpdir(), 'otel-audit-root-'));
      prefix.push(...fileViewFor(fsRoot, request.cwd ?? process.cwd(), read, write));
    }
    const full = [...prefix, process.execPath, ...permission.flags, ...nodeArgs, request.script, ...(request.args ?? [])];
    command = full[0]!;
    args = full.slice(1);
    env = sandboxEnv(process.env, tempDir, request.env);
    report = {
      enabled: true,
      environment: 'allow-list',
      permissionModel: permission.off === undefined,
      network: isolation.network,
      pidNamespace: isolation.pidNamespace,
      files: isolation.files,
      limits: [...(permission.off === undefined ? [] : [permission.off]), ...isolation.limits],
    };
  }
  // detached: a session and process group of its own, so one kill reaches everything in it, and the
  // user's Ctrl-C (sent to otel-audit's group) is handled by otel-audit, which then kills it
  const child = spawn(command, args, {
    stdio: request.stdio,
    env,
    ...(request.cwd !== undefined ? { cwd: request.cwd } : {}),
    detached: process.platform !== 'win32',
    ...(request.serialization ? { serialization: request.serialization } : {}),
  });
  const pid = child.pid;
  if (pid !== undefined) {
    live.add(pid);
    onExit();
  }
  let inner: number | undefined;
  const cpuNs = (): number | null => {
    if (pid === undefined) return null;
    inner ??= request.unsafe === true ? pid : innermostChild(pid);
    return threadCpuNs(inner);
  };
  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    if (pid !== undefined) {
      killGroup(pid);
      live.delete(pid);
    }
    rmSync(tempDir, { recursive: true, force: true });
    if (fsRoot !== undefined) rmSync(fsRoot, { recursive: true, force: true });
  };
  return { child, tempDir, report, cpuNs, dispose };
}
