import { defineConfig } from 'vitest/config';

// The native ARM64 suite (test-native-a64/). Run it with `node scripts/arm64.mjs` (npm run test:arm64): on an
// x86-64 host that starts vitest itself under qemu-aarch64-static with the arm64 node build.
// pool 'threads': vitest's 'forks' pool execs process.execPath (the arm64 node) for each worker, which the
// host kernel cannot run without a binfmt_misc registration for qemu; worker threads live inside the one
// emulated process and need nothing from the host.
export default defineConfig({
  test: {
    include: ['test-native-a64/**/*.test.ts'],
    pool: 'threads',
    // One file at a time: the leak check (lifetime.test.ts) reads process-wide figures (glibc heap, mappings)
    // that a second worker thread would disturb, and the machine this runs on has 2 shared cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
