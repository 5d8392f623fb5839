// `npm run bench`: every benchmark, as ratios against baselines measured in the same run.
// Areas add themselves to bench/suites.ts; this file only runs them in order and prints the results.
import { suites } from './suites.js';

for (const suite of suites) {
  console.log(`\n== ${suite.name}`);
  await suite.run();
}
