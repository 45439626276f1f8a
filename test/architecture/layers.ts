// The layer rules of the code base, lowest first: a folder may import from its own files and from
// folders of LOWER layers only, never up and never sideways. The pipeline reads top to bottom:
// discover → analysis → audits → scan → bench → report → diff → api → vet/action/load → cli.
// README "Development" shows the same map; test/architecture/imports.test.ts enforces it.
export const LAYERS: ReadonlyArray<readonly string[]> = [
  ['src/util', 'src/sandbox'], // the compiler handle, the tool's version, formatting, globs; the sandbox for package code (bench, load): no knowledge of reports
  ['src/model'], // the Report model: schema, types, parse, fingerprint; imports nothing of ours but util
  ['src/profile', 'src/discover'], // CPU-profile analysis; packages and files on disk
  ['src/cache'], // the result cache's store: entries on disk, digests (files read as discover reads them), the tool's fingerprint
  ['src/analysis'], // parse, hooks, call graph, frequency
  ['audits'], // the rules, on the analysis' contract
  ['src/policy', 'src/calibrate'], // the policy file and its verdict; the cost table
  ['src/scan'], // the scan pipeline: plan, analyse (workers), merge
  ['src/bench/protocol'], // what the bench parent and children say to each other
  ['src/bench/timing', 'src/bench/harness'], // benny rounds; mocks, patching, invoking
  ['src/bench/counters', 'src/bench/scenarios', 'src/bench/coverage'], // op counters; fidelity scenarios; V8 block coverage
  ['src/bench/child'], // a bench child process: list or measure one case
  ['src/bench/run'], // the bench parent: children, slow spells, the join
  ['src/report'], // pure renderers (report in, string out)
  ['src/report/html'], // the HTML page, built on the renderers' helpers
  ['src/report/load'], // the load report's views (terminal, markdown, the HTML page with its flame graphs)
  ['src/render-inputs'], // what renderers take besides the report, read from disk
  ['src/diff'], // two reports compared, and its renderers
  ['src/api'], // the library's pipeline: audit(), render()
  ['src/vet', 'src/load'], // vet a package; load-test a service
  ['src/action'], // the GitHub Action
  ['src/cli', 'src/dev/perf', 'src/dev/reports'], // commands; maintainer scripts (not published)
  ['src/dev'], // maintainer entry points built on the scripts beside them (score:wild)
  ['src'], // index.ts (the library's front door) and cli.ts (the bin)
];
