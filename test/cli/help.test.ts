/** Every command's --help ends with examples, in English and in Chinese. */
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram, main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

function walk(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => [[...prefix, c.name()], ...walk(c, [...prefix, c.name()])]);
}

const { program } = await buildProgram(memoryIo());
const paths = walk(program);

describe('help', () => {
  it('has every job group', () => {
    const groups = program.commands.map((c) => c.name());
    for (const g of [
      'init',
      'config',
      'doctor',
      'demo',
      'schema',
      'catalog',
      'mapping',
      'center',
      'reconcile',
      'settle',
      'policy',
      'trace',
    ])
      expect(groups).toContain(g);
  });

  it.each(paths.map((p) => [p.join(' ')]))('hisops %s --help ends with examples', async (p) => {
    const io = memoryIo();
    const code = await main([...p.split(' '), '--help'], io);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/Examples:\n(\s+\$ .*hisops .+\n)+\s*$/);
    const zh = memoryIo();
    await main(['--lang', 'zh-CN', ...p.split(' '), '--help'], zh);
    expect(zh.out()).toMatch(/示例：\n(\s+\$ .*hisops .+\n)+\s*$/);
  });
});
