// Runs one benchmarked child process (Node start-up and module loading included, as a user sees it)
// and measures its wall time and peak RSS (via the max-rss preload).
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { MAXRSS_ENV } from './max-rss-preload.js';

export interface ChildRun {
  wallMs: number;
  peakRssMb: number;
  /** user + system CPU time of the child */
  cpuMs: number;
  stdout: string;
}

export interface ChildSpec {
  label: string;
  args: string[];
  cwd: string;
  preload: string;
  rssFile: string;
  /** more environment for the child (e.g. where a memory preload writes) */
  env?: Record<string, string>;
  /** more modules preloaded after the peak-RSS one */
  extraPreloads?: string[];
}

export async function measureChild(spec: ChildSpec): Promise<ChildRun> {
  await rm(spec.rssFile, { force: true });
  const env = { ...process.env, ...spec.env, [MAXRSS_ENV]: spec.rssFile };
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const preloads = [spec.preload, ...(spec.extraPreloads ?? [])].flatMap((p) => ['--import', p]);
    const child = spawn(process.execPath, [...preloads, ...spec.args], { cwd: spec.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`${spec.label} exited with ${code}: ${stderr.trim().slice(0, 2000)}`);
  const [kb, cpuUs] = (await readFile(spec.rssFile, 'utf8').catch(() => '')).trim().split(' ').map(Number);
  if (kb === undefined || !Number.isFinite(kb) || kb <= 0) throw new Error(`${spec.label}: no peak RSS recorded in ${spec.rssFile}`);
  return { wallMs, peakRssMb: kb / 1024, cpuMs: (cpuUs ?? Number.NaN) / 1000, stdout };
}
