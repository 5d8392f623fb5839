#!/usr/bin/env node
// The `vsp` command (package.json "bin"): runs the compiled CLI (dist/src/cli/vsp.js) through bin/launch.mjs.
import { launch } from './launch.mjs';

await launch('vsp');
