// vitest setup file: fast-check properties use the run's seed (test/support/seed.ts), so CI is
// reproducible and DYNASM_SEED replays any run.
import fc from 'fast-check';
import { seed } from './seed.js';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
