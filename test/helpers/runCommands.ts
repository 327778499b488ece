/**
 * Run argv in-process on a fresh program, adding the commands a test needs when main's lazy
 * registration left them out; help counts as exit 0 and a commander usage error as exit 2, as from the binary.
 */
import { CommanderError, type Command } from 'commander';
import type { App } from '../../src/cli/app.js';
import type { memoryIo } from '../../src/cli/io.js';
import { buildProgram } from '../../src/main.js';

type Register = (program: Command, app: App) => unknown;

export async function runCommands(
  io: ReturnType<typeof memoryIo>,
  argv: string[],
  commands: Record<string, Register>,
): Promise<{ code: number; out: string; err: string }> {
  const { program, app } = await buildProgram(io, argv);
  for (const [name, register] of Object.entries(commands)) {
    if (!program.commands.some((c) => c.name() === name)) register(program, app);
  }
  let code: number;
  try {
    await program.parseAsync(argv, { from: 'user' });
    code = app.exitCode;
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.code === 'commander.helpDisplayed' || e.code === 'commander.help' ? 0 : 2;
  }
  return { code, out: io.out(), err: io.err() };
}
