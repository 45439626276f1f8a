// Which cost table `estimatedCostNs` comes from. Today: the audits' built-in figures, measured on the
// reference machine (DESIGN.md); the bench issue adds `otel-audit calibrate`, whose stored table wins.
export interface CostTable {
  /** said in every report so a reader knows whose machine the nanoseconds are from */
  source: string;
}

export function costTable(): CostTable {
  return { source: 'built-in (reference machine, Node 20; see audits/README.md)' };
}
