// The `vsp` command: dispatches to a table of subcommands. Each subcommand lives in its own module
// (src/cli/vsp-<name>.ts); adding one is one line in SUBCOMMANDS.
import { pathToFileURL } from 'node:url';
import { asmCommand, ASM_USAGE } from './vsp-asm.js';
import { benchCommand } from './vsp-bench.js';
import { processCliIO, type VspCliIO, type VspSubcommand } from './vsp-command.js';
import { disasmCommand, DISASM_USAGE } from './vsp-disasm.js';
import { jitCommand } from './vsp-jit.js';
import { runCommand } from './vsp-run.js';

export const SUBCOMMANDS: readonly VspSubcommand[] = [
  runCommand,
  jitCommand,
  { name: 'asm', usage: ASM_USAGE.replace(/^usage: /, ''), summary: 'assemble a text program (spec 7) into a .silc container', run: asmCommand },
  { name: 'disasm', usage: DISASM_USAGE.replace(/^usage: /, ''), summary: "print a container's program as canonical text (spec 7.1)", run: disasmCommand },
  benchCommand,
];

export function vspHelp(): string {
  const lines = ['usage: vsp COMMAND [ARGS]', '', 'The VSP (Virtual Sil Processor) tools.', '', 'commands:'];
  for (const c of SUBCOMMANDS) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push('', 'vsp COMMAND --help shows the details of one command.');
  return lines.join('\n') + '\n';
}

/** Runs `vsp` with the arguments after the program name; returns the exit status. */
export async function main(argv: readonly string[], io: VspCliIO = processCliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(vspHelp());
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    io.stdout(vspHelp());
    return 0;
  }
  const cmd = SUBCOMMANDS.find((c) => c.name === name);
  if (cmd === undefined) {
    io.stderr(`vsp: unknown command ${name}\n${vspHelp()}`);
    return 2;
  }
  return cmd.run(rest, io);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
