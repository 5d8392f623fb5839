#!/usr/bin/env node
// The `dynasm` command (package.json "bin"): runs the compiled CLI (dist/src/cli/dynasm.js) through bin/launch.mjs.
import { launch } from './launch.mjs';

await launch('dynasm');
