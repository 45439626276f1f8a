// The two ways `otel-audit load` stops short, told apart by the CLI's exit code: bad input (exit 2: the
// app is missing, does not start, exits, never listens; a preload or demo that does not exist) and an
// interruption (Ctrl-C / SIGTERM: every child stopped first).

export class LoadInputError extends Error {
  override name = 'LoadInputError';
}

export class LoadInterrupted extends Error {
  override name = 'LoadInterrupted';
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}: every process it started was stopped`);
  }
}
