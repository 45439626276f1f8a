// The comment's last line when the result cache served anything: how much of each side came from it,
// so a reviewer knows why a bot run took seconds (and that those results were computed earlier, by the
// same tool on the same inputs).
import type { SideCacheStats } from './scan-sides.js';

function side(name: string, s: SideCacheStats): string | undefined {
  const parts: string[] = [];
  if (s.scan) parts.push(`${s.scan.hits} of ${s.scan.hits + s.scan.misses} packages`);
  if (s.bench) parts.push(`${s.bench.hits} of ${s.bench.hits + s.bench.misses} bench cases`);
  return parts.length === 0 ? undefined : `${name}: ${parts.join(' and ')}`;
}

/** `<sub>From the result cache: base … · head …</sub>`, or '' when no cache was used. */
export function cacheNote(base: SideCacheStats, head: SideCacheStats): string {
  const sides = [side('base', base), side('head', head)].filter((s): s is string => s !== undefined);
  return sides.length === 0 ? '' : `\n<sub>From the result cache (unchanged since an earlier run): ${sides.join(' · ')}.</sub>\n`;
}
