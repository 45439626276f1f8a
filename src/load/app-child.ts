// One process of a load run — the app in one variant, or a demo's helper server — started with the
// probe preloaded, on a port otel-audit chose, and ready once it listens there. A start that fails says
// why in the words a user can act on: it exited (with its stderr's last lines), or it never listened on
// the port (with where it did listen, if anywhere: the app may not read PORT). Every one runs in the
// sandbox that bench children run in (src/sandbox): the app loads the instrumentation under audit, and
// a demo's helper server shares its network namespace.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sandboxedSpawn } from '../sandbox/sandboxed-spawn.js';
import type { SandboxReport } from '../sandbox/sandbox-report.js';
import { LOOPBACK } from './free-port.js';
import { LoadInputError } from './load-errors.js';
import type { ProcessGroup } from './process-group.js';
import { PROBE_ENV, isProbeMessage, type ProbeMessage, type ProbeRequest, type ProbeSettings } from './probe-protocol.js';

const PROBE = fileURLToPath(new URL('./probe.js', import.meta.url));
/** how much of the child's output is kept for error messages */
const TAIL_CHARS = 4000;
const TAIL_LINES = 15;

export interface ChildSpec {
  /** for messages: `app (with)`, `fake-openai` */
  name: string;
  entry: string;
  cwd: string;
  /** node options after the probe (a preload) */
  execArgv: string[];
  env: Record<string, string>;
  port: number;
  /** the variable that gives the app its port */
  portEnv: string;
  role: ProbeSettings['role'];
  startTimeoutMs: number;
  /** folders it loads code from: they, the node_modules folders above them and otel-audit are readable */
  packages: readonly string[];
  sandbox: ChildSandbox;
}

export interface ChildSandbox {
  /** --unsafe-run: the user's environment, files and network */
  unsafe: boolean;
  /** it runs the CPU profile (node:inspector): on Node 20, without the permission model */
  inspector: boolean;
  /** the load generator's process, whose network namespace it joins; undefined: the host's network */
  networkOf: number | undefined;
}

type Distribute<T> = T extends { id: number } ? Omit<T, 'id'> : never;
export type ProbeCall = Distribute<ProbeRequest>;

export class AppChild {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private output = '';
  /** every address the child listened on (the app may listen elsewhere than on its port) */
  readonly listens: Array<{ address: string; port: number }> = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly spec: ChildSpec,
    readonly process: ChildProcess,
    /** its own temp folder (HOME, TMPDIR; the one place it may write under the permission model) */
    readonly tempDir: string,
    /** what its sandbox applied */
    readonly sandbox: SandboxReport,
  ) {
    const keep = (d: string): void => {
      this.output = (this.output + d).slice(-TAIL_CHARS);
    };
    process.stdout?.setEncoding('utf8').on('data', keep);
    process.stderr?.setEncoding('utf8').on('data', keep);
    process.on('message', (m: unknown) => this.onMessage(m));
    this.exited = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        for (const p of this.pending.values()) p.reject(new Error(`${spec.name} exited`));
        this.pending.clear();
        // its last words may still be in the pipes: wait for them, briefly (a grandchild may hold them open)
        const settle = setTimeout(() => resolve({ code, signal }), 200);
        process.once('close', () => {
          clearTimeout(settle);
          resolve({ code, signal });
        });
      });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** the last lines the child wrote (stdout and stderr together, as they came) */
  tail(): string {
    return this.output.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
  }

  private onMessage(m: unknown): void {
    if (!isProbeMessage(m)) return;
    const msg: ProbeMessage = m;
    if (msg.otelAuditLoad === 'listening') {
      this.listens.push({ address: msg.address, port: msg.port });
      return;
    }
    const p = this.pending.get(msg.id);
    if (p === undefined) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(`${this.spec.name}: ${msg.error}`));
  }

  /** Asks the probe; rejects when the child exits first. */
  call<T>(request: ProbeCall): Promise<T> {
    if (!this.running || !this.process.connected) return Promise.reject(new Error(`${this.spec.name} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.process.send({ ...request, id });
    });
  }

  /** Throws the start-failure error of a child that is no longer running. */
  assertRunning(during: string): void {
    if (this.running) return;
    const how = this.process.signalCode !== null ? `was killed by ${this.process.signalCode}` : `exited with code ${this.process.exitCode}`;
    throw new LoadInputError(`${this.spec.name} ${how} ${during}${this.tailText()}`);
  }

  tailText(): string {
    const t = this.tail();
    return t === '' ? ' (it wrote nothing)' : `; its last output:\n${t.replace(/^/gm, '  | ')}`;
  }
}

/** Starts the child and resolves once it listens on its port; rejects (LoadInputError) otherwise, the child stopped. */
export async function startChild(spec: ChildSpec, group: ProcessGroup): Promise<AppChild> {
  const sb = sandboxedSpawn({
    script: spec.entry,
    cwd: spec.cwd,
    env: { ...spec.env, [PROBE_ENV]: JSON.stringify({ role: spec.role } satisfies ProbeSettings) },
    // never otel-audit's own flags (loaders, --inspect): the probe first, then the variant's preload
    nodeArgs: ['--import', pathToFileURL(PROBE).href, ...spec.execArgv],
    packages: spec.packages,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
    unsafe: spec.sandbox.unsafe,
    inspector: spec.sandbox.inspector,
    ...(spec.sandbox.networkOf !== undefined ? { joinNetworkOf: spec.sandbox.networkOf } : {}),
  });
  const child = sb.child;
  group.add(child, sb.dispose);
  const app = new AppChild(spec, child, sb.tempDir, sb.report);
  const spawnError = new Promise<never>((_, reject) => child.once('error', (err) => reject(new LoadInputError(`${spec.name} could not be started: ${err.message}`))));
  await Promise.race([waitListening(app), spawnError]);
  return app;
}

function waitListening(app: AppChild): Promise<void> {
  const { spec } = app;
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const poll = setInterval(() => {
      if (app.listens.some((l) => l.port === spec.port)) finish();
    }, 20);
    const timer = setTimeout(() => {
      const elsewhere = app.listens.filter((l) => l.port !== spec.port).map((l) => `${l.address}:${l.port}`);
      const where = elsewhere.length > 0 ? ` (it listened on ${elsewhere.join(', ')}: does it take its port from ${spec.portEnv}?)` : '';
      finish(new LoadInputError(`${spec.name} did not listen on ${LOOPBACK}:${spec.port} within ${(spec.startTimeoutMs / 1000).toFixed(0)} s${where}${app.tailText()}`));
    }, spec.startTimeoutMs);
    void app.exited.then(({ code, signal }) => {
      const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
      finish(new LoadInputError(`${spec.name} ${how} before it listened on ${LOOPBACK}:${spec.port}${app.tailText()}`));
    });
  });
}
