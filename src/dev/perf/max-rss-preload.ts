// Preloaded into a benchmarked child (`node --import <this file>`): at exit, writes the process's peak
// resident set size (kB, from getrusage) to the file named by OTEL_AUDIT_MAXRSS_FILE. Measured from
// inside because the parent cannot read a finished child's peak RSS portably.
import { writeFileSync } from 'node:fs';

export const MAXRSS_ENV = 'OTEL_AUDIT_MAXRSS_FILE';

const target = process.env[MAXRSS_ENV];
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
