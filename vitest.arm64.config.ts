import { defineConfig } from 'vitest/config';

// The native ARM64 suite (test-native-a64/). Run it with `node scripts/arm64.mjs` (npm run test:arm64): on an
// x86-64 host that starts vitest itself under qemu-aarch64-static with the arm64 node build.
// pool 'threads': vitest's 'forks' pool execs process.execPath (the arm64 node) for each worker, which the
// host kernel cannot run without a binfmt_misc registration for qemu; worker threads live inside the one
// emulated process and need nothing from the host.
// Two projects:
//   exec  src/exec's tests (arch, native-code, memory, lifetime), each file isolated: the leak check in
//         lifetime.test.ts reads process-wide figures (glibc heap, executable mappings) that code mapped by
//         another file, and unmapped by the GC in the middle of an interval, would disturb;
//   jit   the VSP JIT run natively (jit-*.test.ts), files sharing one module graph (isolate: false): under qemu
//         every isolated file pays ~20 s to load the JIT, the interpreter and the CLI again and to warm V8 up,
//         and with it shared the five per-opcode files, the conformance cases and the rest take a fraction.
// groupOrder runs exec first, then jit. (vitest puts an isolated one-worker project left at groupOrder 0 in a
// group of its own that runs LAST; after the JIT tests, with their worker thread's heap in the same process,
// the leak check's self-check once saw a 4,000 x malloc(64) leak as 86 KB.)
export default defineConfig({
  test: {
    pool: 'threads',
    // One file at a time: the leak check (lifetime.test.ts) reads process-wide figures (glibc heap, mappings)
    // that a second worker thread would disturb, and the machine this runs on has 2 shared cores.
    fileParallelism: false,
    setupFiles: ['test/support/setup-fast-check.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'exec',
          include: ['test-native-a64/**/*.test.ts'],
          exclude: ['test-native-a64/**/jit-*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: { name: 'jit', include: ['test-native-a64/**/jit-*.test.ts'], isolate: false, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
