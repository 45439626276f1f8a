// Per benchmarked hook with a CPU profile: the profile's call graph (self and total %, like gprof2dot
// draws it; the DOT comes from the bench's own analysis so the file and the page agree), a flame graph,
// and the top of the self-time table as text.
import { analyseProfile, shortLocation } from '../../profile/profile.js';
import type { HookProfile } from '../../profile/as-profile.js';
import { escapeHtml as h } from './escape.js';
import { flameGraphSvg } from './flame-graph.js';

const TOP_ROWS = 10;

/** `heading`: the section's title (the load page's profiles are of an app under load, not of hooks) */
export function renderProfiles(profiles: readonly HookProfile[], heading = 'Profiles of benchmarked hooks'): { html: string; graphs: Array<[string, string]> } {
  if (profiles.length === 0) return { html: '', graphs: [] };
  const graphs: Array<[string, string]> = [];
  const parts = profiles.map((p, i) => {
    const { top, dot } = analyseProfile(p.profile, { topN: TOP_ROWS });
    const graphId = `p-${i}`;
    graphs.push([graphId, dot]);
    const rows = top.map(
      (t) => `<tr><td class="num">${t.selfPct.toFixed(2)}</td><td class="num">${t.totalPct.toFixed(2)}</td><td>${h(t.function)}</td><td><code>${h(shortLocation(t.url, t.line))}</code></td></tr>`,
    );
    return `<article class="profile" id="profile-${i}" tabindex="0" aria-labelledby="profile-${i}-h">
<h3 id="profile-${i}-h">${h(p.label)}</h3>
<figure><figcaption>Call graph (total % and, in brackets, self % of the samples; calls seen)</figcaption>
<div class="graph profile-graph" data-graph="${graphId}" role="img" aria-label="${h(`Profile call graph of ${p.label}`)}"></div></figure>
<figure><figcaption>Flame graph (callers below, callees above; width is the share of samples)</figcaption>${flameGraphSvg(p.profile, p.label)}</figure>
<table class="top"><caption>Top ${top.length} functions by self time</caption><thead><tr><th scope="col">self %</th><th scope="col">total %</th><th scope="col">function</th><th scope="col">location</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</article>`;
  });
  return {
    html: `<section id="profiles" aria-labelledby="profiles-h">\n<h2 id="profiles-h">${h(heading)}</h2>\n${parts.join('\n')}\n</section>`,
    graphs,
  };
}
