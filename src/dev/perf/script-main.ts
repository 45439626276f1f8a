// What the perf scripts (`npm run bench:*`) share: a positive number option, and running main with
// exit code 2 and the stack on an internal error.

/** `--name N` from argv, a positive number, else `fallback`. */
export function numberOption(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} takes a positive number`);
  return n;
}

/** Runs a script's main: its result is the exit code; a throw prints `<script>: <stack>` and exits 2. */
export function runScript(script: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${script}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
