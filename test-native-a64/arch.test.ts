// The suite runs on the arm64 node build (under qemu-user on an x86-64 host, see scripts/arm64.mjs), and
// src/exec sees an AArch64 Linux host.
import { describe, expect, it } from 'vitest';
import { host } from '../src/exec/index.js';

describe('arm64 runtime', () => {
  it('is the arm64 node build', () => {
    expect(process.arch, 'run this suite with `node scripts/arm64.mjs`').toBe('arm64');
    expect(process.platform).toBe('linux');
  });

  it.runIf(process.env.DYNASM_ARM64_HOST_NODE)('matches the host node version exactly', () => {
    expect(process.versions.node).toBe(process.env.DYNASM_ARM64_HOST_NODE);
  });

  it('src/exec detects an AArch64 Linux host', () => {
    expect(host).toEqual({ arch: 'a64', os: 'linux', appleJit: false });
  });
});
