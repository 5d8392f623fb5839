// `npm run bench`: every benchmark, as ratios against baselines measured in the same run. It is `vsp bench`
// (src/cli/vsp-bench.ts) and takes the same flags: `npm run bench -- --json`, `--svg FILE`, `--suite NAME`,
// `--quick`, `--list`, `--help`. Areas add their suites to bench/suites.ts.
import { benchCommand } from '../src/cli/vsp-bench.js';
import { processCliIO } from '../src/cli/vsp-command.js';

process.exitCode = await benchCommand.run(process.argv.slice(2), processCliIO);
