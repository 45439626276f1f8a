// The HTML report's stylesheet, inlined. Severity is always a word as well as a colour; focus is always
// visible; print drops the controls and keeps cards whole.
export const PAGE_STYLE = `
:root { color-scheme: light; --fg: #0f172a; --muted: #475569; --line: #cbd5e1; --bg: #ffffff; --panel: #f8fafc;
  --high: #b91c1c; --medium: #b45309; --low: #0369a1; --info: #475569; --bar: #2563eb; --ref: #dc2626; --focus: #7c3aed; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
a { color: #1d4ed8; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: 8px; top: -48px; background: var(--fg); color: #fff; padding: 8px 12px; border-radius: 4px; z-index: 10; }
.skip:focus { top: 8px; }
header.page { background: #0f172a; color: #f8fafc; padding: 16px 24px; }
header.page h1 { margin: 0 0 4px; font-size: 22px; }
header.page p { margin: 0; color: #cbd5e1; font-size: 13px; }
header.page code { color: #f8fafc; }
nav.toc { padding: 8px 24px; border-bottom: 1px solid var(--line); background: var(--panel); font-size: 14px; }
nav.toc a { margin-right: 16px; }
main { max-width: 1280px; margin: 0 auto; padding: 8px 24px 48px; }
h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.note { color: var(--muted); font-size: 14px; margin: 4px 0 8px; }
dl.stats { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
dl.stats div { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 110px; background: var(--panel); }
dl.stats dt { font-size: 12px; color: var(--muted); }
dl.stats dd { margin: 0; font-size: 20px; font-weight: 600; }
ul.sev-counts { list-style: none; padding: 0; display: flex; gap: 8px; flex-wrap: wrap; margin: 0; }
button { font: inherit; cursor: pointer; }
.sev-count { border: 2px solid currentColor; background: #fff; border-radius: 6px; padding: 4px 12px; }
.sev-count .n { font-weight: 700; font-size: 18px; }
.sev-count.sev-high { color: var(--high); } .sev-count.sev-medium { color: var(--medium); } .sev-count.sev-low { color: var(--low); } .sev-count.sev-info { color: var(--info); }
.sev-badge { display: inline-block; min-width: 64px; text-align: center; text-transform: uppercase; font-size: 12px; font-weight: 700; letter-spacing: .04em;
  color: #fff; border-radius: 4px; padding: 1px 6px; vertical-align: 2px; }
.sev-badge.sev-high { background: var(--high); } .sev-badge.sev-medium { background: var(--medium); } .sev-badge.sev-low { background: var(--low); } .sev-badge.sev-info { background: var(--info); }
.evidence-badge { display: inline-block; font-size: 12px; font-weight: 600; border: 1px solid currentColor; border-radius: 4px; padding: 0 6px; vertical-align: 2px; color: var(--muted); }
.evidence-badge.ev-both, .evidence-badge.ev-runtime { color: #166534; } .evidence-badge.ev-static-not-seen { color: #92400e; border-style: dashed; }
button.link { background: none; border: 0; padding: 0; color: #1d4ed8; text-decoration: underline; text-align: left; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
thead th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.ranking th[scope=row] { width: 34%; font-weight: 500; }
td.bar-cell { position: relative; width: 40%; min-width: 160px; }
td.bar-cell .bar { display: block; height: 16px; margin-top: 3px; background: var(--bar); border-radius: 2px; }
td.bar-cell .ref { position: absolute; top: 0; bottom: 0; border-left: 2px dashed var(--ref); }
.stack { display: flex; gap: 1px; margin-top: 3px; }
.stack .seg { display: block; height: 16px; }
.seg.sev-high { background: var(--high); } .seg.sev-medium { background: var(--medium); } .seg.sev-low { background: var(--low); } .seg.sev-info { background: #94a3b8; }
.scroll { overflow-x: auto; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; padding: 10px 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
form.filters label { display: block; font-size: 12px; color: var(--muted); }
form.filters .check { display: flex; gap: 6px; align-items: center; padding-bottom: 4px; }
form.filters .check label { font-size: 14px; color: var(--fg); }
select, input[type=search] { font: inherit; font-size: 14px; padding: 3px 6px; border: 1px solid #94a3b8; border-radius: 4px; background: #fff; max-width: 22em; }
input[type=search] { width: 18em; }
#filter-status { color: var(--muted); font-size: 14px; }
article.finding, article.profile { border: 1px solid var(--line); border-left: 6px solid var(--info); border-radius: 6px; padding: 10px 14px; margin: 12px 0; background: #fff; }
article.finding.sev-high { border-left-color: var(--high); } article.finding.sev-medium { border-left-color: var(--medium); } article.finding.sev-low { border-left-color: var(--low); }
article.finding h3, article.finding h4 { margin: 0; color: var(--fg); font-size: 16px; }
article.finding[data-lazy] { min-height: 16rem; }
.rule-title { font-weight: 400; color: var(--muted); }
.where { margin: 2px 0; font-size: 13px; overflow-wrap: anywhere; }
.orig { color: var(--muted); }
.message { margin: 6px 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; font-size: 14px; }
dl.facts div { display: contents; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.evidence { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr); gap: 12px; align-items: start; }
@media (max-width: 900px) { .evidence { grid-template-columns: minmax(0, 1fr); } }
figure { margin: 8px 0; }
figcaption { font-size: 12px; color: var(--muted); margin-bottom: 4px; overflow-wrap: anywhere; }
.graph { overflow-x: auto; }
.graph svg { max-width: 100%; height: auto; }
.profile-graph svg { max-width: none; }
.profile-graph { max-height: 640px; overflow: auto; border: 1px solid #e2e8f0; }
.graph-error { color: var(--high); font-size: 13px; }
figure.drawn .path-steps { display: none; }
.path-steps { font-size: 13px; margin: 0; padding-left: 22px; }
.path-steps .role { font-size: 11px; text-transform: uppercase; color: var(--muted); }
.path-steps code { overflow-wrap: anywhere; }
figure.excerpt pre { margin: 0; padding: 6px 0; background: var(--panel); border: 1px solid #e2e8f0; border-radius: 4px; overflow-x: auto; }
figure.excerpt code { display: block; white-space: pre; }
.ln { display: inline-block; color: #94a3b8; padding: 0 8px; user-select: none; }
.marker { color: var(--high); }
mark { display: inline-block; min-width: 100%; background: #fee2e2; color: inherit; }
figure.excerpt summary { font-size: 13px; color: var(--muted); }
.fix { margin: 8px 0 0; padding: 6px 10px; background: #f0fdf4; border-left: 4px solid #15803d; }
svg.flame { display: block; font: 12px ui-monospace, Menlo, Consolas, monospace; }
svg.flame rect { stroke: #fff; stroke-width: 0.5; }
svg.flame text { fill: #0f172a; pointer-events: none; }
table.top caption { text-align: left; font-size: 12px; color: var(--muted); }
ul.errors { font-size: 14px; }
footer { color: var(--muted); font-size: 13px; margin-top: 32px; }
/* diff and vet pages: verdicts are a word and a symbol first, a colour second */
p.verdict { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; margin: 8px 0; padding: 10px 14px; border: 2px solid var(--info); border-radius: 6px; font-size: 16px; background: var(--panel); }
p.verdict .verdict-word { font-size: 20px; letter-spacing: .04em; }
.verdict-pass { border-color: #15803d !important; } .verdict-pass .verdict-word { color: #15803d; }
.verdict-warn { border-color: var(--medium) !important; } .verdict-warn .verdict-word { color: var(--medium); }
.verdict-fail { border-color: var(--high) !important; } .verdict-fail .verdict-word { color: var(--high); }
ul.stat-list { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 8px; }
.stat { display: inline-block; border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px; background: var(--panel); text-align: left; color: var(--fg); }
.stat .k { display: block; font-size: 12px; color: var(--muted); }
.stat .n { font-size: 20px; font-weight: 600; }
button.stat:hover { border-color: var(--bar); }
ul.reasons { list-style: none; padding: 0; margin: 8px 0; }
ul.reasons li { margin: 4px 0; padding-left: 4px; }
.level { display: inline-block; min-width: 52px; text-align: center; text-transform: uppercase; font-size: 12px; font-weight: 700; border-radius: 4px; padding: 1px 6px; border: 2px solid currentColor; }
.level-fail { color: var(--high); } .level-warn { color: var(--medium); }
.change-badge { display: inline-block; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; border: 2px solid currentColor; border-radius: 4px; padding: 0 6px; margin-right: 6px; vertical-align: 2px; }
.change-badge.change-new { color: var(--high); } .change-badge.change-fixed { color: #15803d; } .change-badge.change-unchanged { color: var(--muted); }
article.finding.change-fixed { background: #f8fafc; }
.change-group > h3 { margin-top: 24px; }
table.bench-changes td { vertical-align: middle; }
.verdict-cell { white-space: nowrap; font-weight: 600; }
tr.v-regression .verdict-cell { color: var(--high); } tr.v-improvement .verdict-cell { color: #15803d; }
.verdict-symbol { display: inline-block; width: 1.1em; text-align: center; }
td.change-bars { position: relative; width: 28%; min-width: 180px; }
.cb { display: block; height: 9px; margin: 3px 0; border-radius: 2px; }
.cb.base { background: repeating-linear-gradient(135deg, #64748b 0 3px, #cbd5e1 3px 6px); }
.cb.head { background: var(--bar); }
.cb.head.v-regression { background: var(--high); } .cb.head.v-improvement { background: #15803d; }
.cb.none { height: 9px; }
td.change-bars .zone { position: absolute; top: 2px; bottom: 2px; background: rgba(71, 85, 105, .18); border-left: 1px dotted var(--muted); border-right: 1px dotted var(--muted); }
td.change-bars .ref { position: absolute; top: 0; bottom: 0; border-left: 2px dashed var(--ref); }
.bar, .seg, .cb, .zone, .ref, .sev-badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
[hidden] { display: none !important; }
@media print {
  .skip, nav.toc, form.filters, .filter-status, .sev-count { display: none !important; }
  button.stat { border: 1px solid #000; }
  header.page { background: none; color: #000; padding: 0; }
  header.page p, header.page code { color: #000; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  article.finding, article.profile, figure, tr { break-inside: avoid; }
  .profile-graph { max-height: none; overflow: visible; border: 0; }
  .evidence { grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr); }
  button.link { color: #000; text-decoration: none; }
}
`;
