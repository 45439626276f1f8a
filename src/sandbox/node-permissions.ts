// The Node permission model's flags for a child: reads limited to the given paths, writes to its temp
// folder only, and — by leaving out --allow-child-process, --allow-worker and --allow-addons — no child
// processes, no worker threads, no native addons (nor WASI). Node 20 spells it
// `--experimental-permission`, later versions `--permission`.

export interface PermissionFlags {
  flags: string[];
  /** why the permission model is not applied (then `flags` is empty) */
  off?: string;
}

const has = (flag: string): boolean => process.allowedNodeEnvironmentFlags.has(flag);

/**
 * Whether a child can use the inspector (block coverage, profiles) without losing the permission model: yes
 * where Node has --allow-inspector, or where there is no permission model to lose; no on Node 20,
 * whose permission model refuses the inspector outright.
 */
export function inspectorKeepsPermissions(): boolean {
  if (!has('--permission') && !has('--experimental-permission')) return true;
  return has('--allow-inspector');
}

export function permissionFlags(read: readonly string[], write: readonly string[], options: { inspector?: boolean; fileView?: boolean } = {}): PermissionFlags {
  const modern = has('--permission');
  if (!modern && !has('--experimental-permission')) return { flags: [], off: `this Node (${process.version}) has no permission model` };
  // the inspector (CPU profiles, coverage) is refused under the permission model unless it can be allowed
  if (options.inspector === true && !has('--allow-inspector')) {
    // where the child has a file view of its own (file-isolation.ts), its file limits stand without the model
    const lost =
      options.fileView === true
        ? 'process and worker limits are off for these children (their file limits stand: a file view of their own)'
        : 'file, process and worker limits are off for these children';
    return { flags: [], off: `the inspector (--profile, coverage) is disabled by the permission model of Node ${process.version}: ${lost}` };
  }
  // the warning that the model is experimental would end up as the reason of every crash
  const quiet = has('--disable-warning') ? ['--disable-warning=ExperimentalWarning'] : [];
  const inspector = options.inspector === true ? ['--allow-inspector'] : [];
  // one path per flag: Node 20.20 reads a comma-separated list as one path (older 20.x split it)
  const flags = [modern ? '--permission' : '--experimental-permission', ...read.map((p) => `--allow-fs-read=${p}`), ...write.map((p) => `--allow-fs-write=${p}`), ...inspector, ...quiet];
  return { flags };
}
