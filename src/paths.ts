// Where the package's own files live, wherever this module runs from (src/ under vitest, dist/src/ when built).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'spec'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`dynasm-ts: cannot find the package root above ${start}`);
    dir = up;
  }
}

/** Absolute path of the package root (the folder holding package.json and spec/). */
export const packageRoot: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** Absolute path of a file inside the package, from path segments relative to the root. */
export function packagePath(...segments: string[]): string {
  return join(packageRoot, ...segments);
}
