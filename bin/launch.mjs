// Shared by the `dynasm` and `vsp` commands: in a source checkout (src/ beside bin/), first let the
// bootstrap install what is missing and compile TypeScript when a source is newer than dist/; then run
// the compiled CLI's main(argv) and exit with its status.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export async function launch(name) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const bootstrap = join(root, 'scripts', 'bootstrap.mjs');
  if (existsSync(join(root, 'src')) && existsSync(bootstrap)) {
    const r = spawnSync(process.execPath, [bootstrap, '--build'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DYNASM_BOOTSTRAP_QUIET: '1' } });
    if (r.status !== 0) process.exit(2);
  }
  const cli = join(root, 'dist', 'src', 'cli', `${name}.js`);
  if (!existsSync(cli)) {
    process.stderr.write(`${name}: ${cli} is missing; run \`npm run build\` first\n`);
    process.exit(2);
  }
  const { main } = await import(pathToFileURL(cli).href);
  process.exitCode = await main(process.argv.slice(2));
}
