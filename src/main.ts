// `npm start`: the main job (src/demo/main-job.ts) printed to the terminal: two VSP programs JIT-compiled for
// this host, checked against the interpreter and measured. Exit status 0 when every check passed.
import { Terminal } from './cli/terminal.js';
import { runMainJob } from './demo/main-job.js';

process.exitCode = await runMainJob(new Terminal());
