// iced-x86 (Rust → WASM) as a third opinion: decode an encoding and format it in Intel syntax, with a
// rip-relative operand shown as its absolute target (the decoder's ip is the instruction's address).
import { createRequire } from 'node:module';

/* eslint-disable @typescript-eslint/no-explicit-any */
const require = createRequire(import.meta.url);
const iced: any = require('iced-x86');

/** iced's Intel text of the single instruction `bytes` at `ip`, or `undecodable`/`more than one`. */
export function icedText(bytes: Uint8Array, ip: bigint): string {
  const d = new iced.Decoder(64, bytes, iced.DecoderOptions.None);
  const f = new iced.Formatter(iced.FormatterSyntax.Intel);
  try {
    d.ip = ip;
    const ins = d.decode();
    try {
      if (ins.code === iced.Code.INVALID) return 'undecodable';
      if (ins.length !== bytes.length) return `more than one instruction (first ${ins.length} bytes)`;
      return f.format(ins);
    } finally {
      ins.free();
    }
  } finally {
    f.free();
    d.free();
  }
}
