// `npm run bench`: every benchmark, as ratios against baselines measured in the same run. Areas add
// themselves to bench/suites.ts; this file runs them in order (`--quick`: smaller budgets).
import { runSuites } from '../src/bench/run-suites.js';
import { suites } from './suites.js';

await runSuites(suites, {
  quick: process.argv.includes('--quick'),
  log: (line) => void process.stdout.write(line + '\n'),
  onSuite: (s) => void process.stdout.write(`\n== ${s.name}: ${s.title}\n`),
});
