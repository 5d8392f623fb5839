#!/usr/bin/env node
// The `dynasm` command (package.json "bin"): runs the compiled CLI in dist/ (npm run build).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli', 'dynasm.js');
if (!existsSync(cli)) {
  process.stderr.write(`dynasm: ${cli} is missing; run \`npm run build\` first\n`);
  process.exit(2);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
