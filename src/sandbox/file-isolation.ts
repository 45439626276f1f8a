// A second file layer that does not depend on Node's permission model (which Node 20 drops as soon as a
// child needs the inspector: load's CPU profile, bench --profile). otel-audit lays out an empty skeleton
// of the view in a folder of the child's (prepareFileView: folders, empty files, links — no process
// started for it); inside the child's mount namespace (os-isolation.ts adds `unshare -m`) a shell script
// we ship binds what the child may see onto it and changes root into it:
// - the skeleton's own root read-only once built: nothing outside the listed folders exists for the
//   child — no home, no /root, no /tmp but its own folder, no /var, /run, /sys, no /proc of the host;
// - the system folders Node runs from (/usr, /bin, /lib…, a few /etc files, the node binary), the
//   packages, the node_modules above them and the tool: bound read-only at the same paths, so module
//   resolution and the reports' file names do not change;
// - the child's temp folder (and any write folder the caller asked for, e.g. --profile's): writable;
// - a link among them stays a link, to its real path (listed too, read-paths.ts): its own target may pass
//   through folders the view does not have (`fixtures/x/../../node_modules`);
// - the user's dotfiles (~/.npmrc, ~/.ssh, …) hidden when the user's home is itself a readable folder;
// - a /proc of its own pid namespace only, read-only, and a handful of device files;
// - then every capability dropped (bounding set emptied, no new privileges): as root, or as root of its
//   user namespace, the child could otherwise unmount or remount its way back out.
// Any step that fails stops the child before package code runs (exit 125): never a half-built view.
// Start-up is what it costs: one mount(8) per folder bound (measured by `npm run bench:sandbox`).
import { lstatSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Exit code of the script when it cannot build the view (the child then fails with its message). */
export const FILE_VIEW_FAILED = 125;

const DEVICES = ['null', 'zero', 'full', 'random', 'urandom'];

/**
 * The script: `$1` the skeleton, `$2` the working folder, then sections `--ro`, `--rw`, `--hide` of
 * absolute paths, `--`, and the command. Paths arrive as arguments, never parsed by the shell. A bind
 * that the kernel refuses non-recursively (a user namespace with locked submounts) is made recursive,
 * and every submount made read-only too, from mountinfo (octal escapes undone). nosuid and nodev are
 * added to every read-only remount: a user namespace may have them locked on, and may not drop them.
 */
const SCRIPT = String.raw`set -eu
root=$1 cwd=$2
shift 2
fail() { echo "otel-audit sandbox: $*" >&2; exit ${FILE_VIEW_FAILED}; }
mounts_under() {
  awk -v t="$1" '{ m = $5; gsub(/\\040/, " ", m); gsub(/\\011/, "\t", m); gsub(/\\134/, "\\", m); if (m == t || index(m, t "/") == 1) print m }' /proc/self/mountinfo
}
readonly_all() {
  mounts_under "$1" | while IFS= read -r m; do
    mount -o remount,bind,ro,nosuid,nodev "$m" 2>/dev/null || mount -o remount,bind,ro,nosuid,nodev,noexec "$m" || exit 1
  done
}
show() {
  t=$root$2
  if [ "$1" = ro ]; then mount --bind -o ro,nosuid,nodev "$2" "$t" 2>/dev/null && return 0
  else mount --bind "$2" "$t" 2>/dev/null && return 0; fi
  mount --rbind "$2" "$t" || fail "cannot show $2"
  [ "$1" = rw ] || readonly_all "$t" || fail "cannot make $2 read-only"
}
mount --bind "$root" "$root" || fail "cannot bind the view's root"
for f in ${DEVICES.join(' ')}; do mount --bind "/dev/$f" "$root/dev/$f" || fail "cannot show /dev/$f"; done
mode=ro
while [ $# -gt 0 ]; do
  p=$1
  shift
  case $p in
    --ro) mode=ro ;;
    --rw) mode=rw ;;
    --hide) mode=hide ;;
    --) break ;;
    *)
      if [ -L "$p" ] || [ ! -e "$p" ]; then :
      elif [ "$mode" != hide ]; then [ -e "$root$p" ] && show "$mode" "$p"
      elif [ -d "$root$p" ] && [ ! -L "$root$p" ]; then mount -t tmpfs -o ro,size=4k,mode=755 otel-audit-hidden "$root$p" || fail "cannot hide $p"
      elif [ -f "$root$p" ]; then mount --bind -o ro /dev/null "$root$p" || fail "cannot hide $p"
      fi ;;
  esac
done
mount -t proc -o ro,nosuid,nodev,noexec proc "$root/proc" 2>/dev/null || rmdir "$root/proc"
mount -o remount,bind,ro,nosuid,nodev "$root" 2>/dev/null || mount -o remount,bind,ro,nosuid,nodev,noexec "$root" || fail "cannot make the root read-only"
exec unshare --root="$root" --wd="$cwd" -- setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- "$@"`;

/** What Node itself runs from: system folders (links such as /bin → usr/bin stay links), a few /etc files, the node binary. */
export function systemReadPaths(): string[] {
  const system = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
  // users and hosts for os.userInfo() and localhost, the loader's cache, the time zone (Node has its own CA certificates)
  const etc = ['passwd', 'group', 'hosts', 'nsswitch.conf', 'ld.so.cache', 'localtime'].map((f) => `/etc/${f}`);
  const node = [process.execPath];
  try {
    node.push(realpathSync(process.execPath));
  } catch {
    // the path itself is listed
  }
  return [...system, ...etc, ...node];
}

/**
 * The folders to bind, fewest first: a path inside another one listed, on the same file system, is
 * already in the view through it (each bind costs the child's start-up a mount(8)); one on another file
 * system (a mount below) is bound on its own, since a plain bind does not carry the mounts below it.
 */
export function outermost(paths: readonly string[], deviceOf: (p: string) => number | undefined): string[] {
  const kept: string[] = [];
  for (const p of [...new Set(paths.map((q) => path.resolve(q)))].sort()) {
    const dev = deviceOf(p);
    if (dev === undefined) continue;
    if (kept.some((k) => inside(p, k) && deviceOf(k) === dev)) continue;
    kept.push(p);
  }
  return kept;
}

const inside = (p: string, dir: string): boolean => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/**
 * The user's dotfiles and dot-folders that a readable folder would show (the user's home, or a folder
 * above it, among `read`): hidden, except those on the way to something the child must read (a package
 * under ~/.nvm). `homes` are the folders to protect (the user's HOME and the account's home).
 */
export function hiddenDotfiles(read: readonly string[], homes: readonly string[], list: (dir: string) => string[]): string[] {
  const out = new Set<string>();
  for (const home of new Set(homes)) {
    if (!read.some((r) => inside(home, r))) continue;
    for (const name of list(home)) {
      if (!name.startsWith('.')) continue;
      const p = path.join(home, name);
      if (read.some((r) => inside(r, p))) continue;
      out.add(p);
    }
  }
  return [...out].sort();
}

/** The homes whose secrets the child must not read: $HOME and the account's own. */
export function userHomes(): string[] {
  const homes = [os.homedir()];
  if (process.env.HOME !== undefined && process.env.HOME !== '') homes.push(path.resolve(process.env.HOME));
  return [...new Set(homes)].filter((h) => path.dirname(h) !== h);
}

/** The file system a path is on (links not followed); undefined when it does not exist. */
function device(p: string): number | undefined {
  try {
    return lstatSync(p).dev;
  } catch {
    return undefined;
  }
}

export interface FileView {
  /** an empty folder to lay the skeleton in (the child's, removed with it) */
  root: string;
  /** the child's working folder: the same path inside (empty unless it is readable) */
  cwd: string;
  read: readonly string[];
  write: readonly string[];
  hide: readonly string[];
}

/**
 * Makes `rel` (a path inside the skeleton) a folder, a file or a link, creating its parents; never
 * through a link of the skeleton (a link points at the host's path: following it would write there).
 * False when a parent is a link: what it leads to is in the view by its real path already.
 */
function lay(root: string, target: string, kind: 'dir' | 'file' | { link: string }): boolean {
  const parts = target.split('/').filter((x) => x !== '');
  let at = root;
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part);
    const last = i === parts.length - 1;
    let stat;
    try {
      stat = lstatSync(at);
    } catch {
      stat = undefined;
    }
    if (stat?.isSymbolicLink()) return false;
    if (stat !== undefined) continue;
    if (!last || kind === 'dir') mkdirSync(at);
    else if (kind === 'file') writeFileSync(at, '', { flag: 'wx' });
    else symlinkSync(kind.link, at);
  }
  return true;
}

function kindOf(p: string): 'dir' | 'file' | { link: string } | undefined {
  try {
    const stat = lstatSync(p);
    if (stat.isSymbolicLink()) return { link: realpathSync(p) };
    return stat.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/**
 * Lays out the skeleton of the view in `view.root` (an empty folder of the child's, removed with it)
 * and returns the command, to put before `node …` inside a mount namespace, that binds what it shows
 * and enters it.
 */
export function prepareFileView(view: FileView): string[] {
  const root = view.root;
  mkdirSync(path.join(root, 'dev'));
  mkdirSync(path.join(root, 'proc'));
  for (const d of DEVICES) writeFileSync(path.join(root, 'dev', d), '');
  symlinkSync('/proc/self/fd', path.join(root, 'dev', 'fd'));
  // parents before children: a folder bound over its parent's copy, never under it
  const read = outermost(view.read, device);
  const write = [...new Set(view.write.map((p) => path.resolve(p)))].sort();
  for (const p of [...read, ...write].sort()) {
    const kind = kindOf(p);
    if (kind !== undefined) lay(root, p, kind);
  }
  // the working folder: itself where it is readable, else an empty folder of the same name
  lay(root, path.resolve(view.cwd), 'dir');
  return ['sh', '-c', SCRIPT, 'otel-audit-files', root, path.resolve(view.cwd), '--ro', ...read, '--rw', ...write, '--hide', ...[...new Set(view.hide)].sort(), '--'];
}
