// The CPU time a child process has used, measured from outside it: the sum over its threads of the
// time the kernel scheduled them (`/proc/<pid>/task/<tid>/schedstat`, nanoseconds). It is what the
// parent checks a child's own figures against — the child cannot rewrite the kernel's accounting.
// Linux only; elsewhere there is no such clock and the check is said to be unavailable.
import { readdirSync, readFileSync } from 'node:fs';

/** Nanoseconds of CPU the live threads of `pid` have run, or null (not Linux, or the process is gone). */
export function threadCpuNs(pid: number): number | null {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  let total = 0;
  for (const tid of tids) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended between the listing and the read: its time is lost either way
    }
  }
  return total;
}

/** The parent pid of `pid` from /proc/<pid>/stat (the field after the command, which may hold spaces). */
function parentOf(pid: string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * The process that actually runs node under `pid`: `pid` itself when nothing is put in front of node,
 * else the descendant the namespace wrapper (`unshare -f`) forked. Found by walking /proc once.
 */
export function innermostChild(pid: number): number {
  let current = pid;
  for (let depth = 0; depth < 4; depth++) {
    let procs: string[];
    try {
      procs = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
    } catch {
      return current;
    }
    const child = procs.find((p) => parentOf(p) === current);
    if (child === undefined) return current;
    current = Number(child);
  }
  return current;
}
