// Oracle flags of the FP / SIMD differential tests: the defaults of test/oracles/assemble.ts plus half
// precision (FEAT_FP16) and the cryptographic extensions (AES, SHA1/256, SHA512/SHA3). A module of its own so that the tests' vi.mock factories can import it without
// importing the mocked module itself.
export const ORACLE_FLAGS = {
  gnu: ['-march=armv8.5-a+memtag+fp16+crypto+sha3'],
  llvm: ['-triple=aarch64', '-mattr=+lse,+v8.5a,+mte,+spe,+fullfp16,+aes,+sha2,+sha3'],
} as const;
