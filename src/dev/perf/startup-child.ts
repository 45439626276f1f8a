// The child `npm run bench:sandbox` starts to time a child's start-up: it loads the package given (its
// main entry, as a bench child does before it patches anything) and exits. Nothing else: the time from
// spawn to exit is Node's start, the sandbox's set-up (namespaces, file view, permission model) and the load.
import { createRequire } from 'node:module';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: startup-child PACKAGE_DIR');
try {
  createRequire(`${dir}/`)(dir);
} catch {
  // a package without a CommonJS entry still measures the start; what it loads is the same either side
}
