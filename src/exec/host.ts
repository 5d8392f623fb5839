// Which native target this process runs on, as the JIT sees it: architecture plus OS conventions.
export type NativeArch = 'a64' | 'x64';

export interface HostTarget {
  /** The JIT backend that matches the CPU, or null when there is none (the library falls back to the interpreter). */
  arch: NativeArch | null;
  os: 'linux' | 'darwin' | 'other';
  /** Apple Silicon macOS: executable memory needs MAP_JIT and per-thread write protection toggling. */
  appleJit: boolean;
}

export function detectHost(platform: string = process.platform, cpu: string = process.arch): HostTarget {
  const arch: NativeArch | null = cpu === 'x64' ? 'x64' : cpu === 'arm64' ? 'a64' : null;
  const os = platform === 'linux' ? 'linux' : platform === 'darwin' ? 'darwin' : 'other';
  return { arch, os, appleJit: os === 'darwin' && arch === 'a64' };
}

export const host: HostTarget = detectHost();
