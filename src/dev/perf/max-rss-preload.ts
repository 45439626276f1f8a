// Preloaded into a benchmarked child (`node --import <this file>`): at exit, writes the process's peak
// resident set size (kB, from getrusage) and the CPU time it used (µs, user + system) to the file named
// by OTEL_AUDIT_MAXRSS_FILE. Measured from inside because the parent cannot read a finished child's
// peak RSS portably. CPU time is what a busy machine disturbs least: wall time on a shared machine
// measures the neighbours too.
import { writeFileSync } from 'node:fs';

export const MAXRSS_ENV = 'OTEL_AUDIT_MAXRSS_FILE';

const target = process.env[MAXRSS_ENV];
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(target, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
  });
}
