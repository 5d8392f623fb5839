// The machine lines of a JIT listing that belong to the VSP instructions (src/jit/listing.ts), for tests
// that compare the code two compile options give the same program.
import type { LoadedProgram } from '../../src/vsp/container.js';
import type { CompiledProgram } from '../../src/jit/compiler.js';
import { formatJitListing } from '../../src/jit/listing.js';

/** The listed machine lines of the VSP instructions of `compiled` (the runtime left out). */
export async function listingBody(compiled: CompiledProgram, loaded: LoadedProgram): Promise<string[]> {
  const listing = await formatJitListing(compiled, loaded, { runtime: false });
  return listing.split('\n').filter((l) => /^ {4}[0-9a-f]{8} {2}/.test(l));
}
