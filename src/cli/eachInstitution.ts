/**
 * `--institution all` or `-i a,b`: the same command once per institution, in turn. A failure in one
 * does not stop the others; the exit code is the worst; --json prints one document whose data lists
 * each institution's own envelope.
 */
import { loadConfig } from './config.js';
import { defineMessages, translate, type Lang } from './i18n.js';
import { memoryIo, type Io } from './io.js';

defineMessages({
  'each.heading': { en: '== institution {name} ==', zh: '== 机构 {name} ==' },
  'each.summary': { en: '{name}: exit {exit}', zh: '{name}：退出码 {exit}' },
});

/** Worse first: a bug, an external failure, bad input, needs confirmation, findings, ok. */
const SEVERITY = [1, 5, 2, 4, 3, 0];
function worstExit(codes: readonly number[]): number {
  return codes.reduce((w, c) => (SEVERITY.indexOf(c) < SEVERITY.indexOf(w) ? c : w), 0);
}

/** Where --institution / -i sits in argv, and its value. */
function institutionArg(argv: string[]): { index: number; width: number; value: string } | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if ((a === '--institution' || a === '-i') && i + 1 < argv.length)
      return { index: i, width: 2, value: argv[i + 1]! };
    if (a.startsWith('--institution=')) return { index: i, width: 1, value: a.slice('--institution='.length) };
  }
  return undefined;
}

/** The institutions to run for, or undefined when the command names one (or none). */
export function institutionsToRun(
  argv: string[],
  io: Io,
): { names: string[]; at: { index: number; width: number } } | undefined {
  const arg = institutionArg(argv);
  if (!arg || (arg.value !== 'all' && !arg.value.includes(','))) return undefined;
  const ci = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  const explicit = ci < 0 ? undefined : argv[ci]!.includes('=') ? argv[ci]!.split('=')[1] : argv[ci + 1];
  const cfg = loadConfig({ explicit, cwd: io.cwd, env: io.env, flags: {} });
  const names =
    arg.value === 'all'
      ? cfg.institutionNames
      : arg.value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  return { names, at: arg };
}

export async function runEach(
  argv: string[],
  io: Io,
  lang: Lang,
  names: string[],
  at: { index: number; width: number },
  runOne: (argv: string[], io: Io) => Promise<number>,
): Promise<number> {
  const json = argv.includes('--json');
  const results: Array<{ institution: string; exit: number; envelope?: unknown }> = [];
  for (const name of names) {
    const one = [...argv.slice(0, at.index), '--institution', name, ...argv.slice(at.index + at.width)];
    if (json) {
      const mem = memoryIo({ env: io.env, cwd: io.cwd, now: io.now });
      const exit = await runOne(one, { ...mem, stderr: io.stderr });
      let envelope: unknown;
      try {
        envelope = JSON.parse(mem.out());
      } catch {
        envelope = mem.out();
      }
      results.push({ institution: name, exit, envelope });
    } else {
      io.stdout.write(translate(lang, 'each.heading', { name }) + '\n');
      results.push({ institution: name, exit: await runOne(one, io) });
    }
  }
  const exit = worstExit(results.map((r) => r.exit));
  if (json) {
    const command = argv
      .filter((a) => !a.startsWith('-'))
      .slice(0, 2)
      .join(' ');
    io.stdout.write(
      JSON.stringify(
        { ok: exit === 0, command, runId: '', data: { exit_code: exit, institutions: results } },
        null,
        2,
      ) + '\n',
    );
  } else if (names.length > 1) {
    io.stdout.write(
      results.map((r) => translate(lang, 'each.summary', { name: r.institution, exit: r.exit })).join('\n') + '\n',
    );
  }
  return exit;
}
