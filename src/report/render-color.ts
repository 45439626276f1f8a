// Whether terminal output gets ANSI colours. Decided once by the CLI from its environment and handed to
// the (pure) renderer: colours only for a TTY, never into a file, and the NO_COLOR / FORCE_COLOR
// conventions honoured. (picocolors' own guess also turns colours on whenever CI is set, which would put
// escape codes into CI logs and snapshots; hence our own rule.)

export interface ColorContext {
  /** false after --no-color */
  flag: boolean;
  isTTY: boolean;
  /** output goes to --output FILE */
  toFile: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export function renderColor(ctx: ColorContext): boolean {
  if (!ctx.flag || ctx.toFile) return false;
  if (ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '') return false;
  if (ctx.env.FORCE_COLOR !== undefined && ctx.env.FORCE_COLOR !== '0') return true;
  return ctx.isTTY && ctx.env.TERM !== 'dumb';
}
