/**
 * Which policy files a command uses: --policy FILE (repeatable), else the files named in
 * hisops.yaml (`rules.policies`), else the shipped examples in templates/policies/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../cli/context.js';
import { templatesDir } from './templates.js';

export function policyPaths(ctx: Ctx, given: string[] | undefined): string[] {
  if (given && given.length) return given.map((p) => path.resolve(ctx.cwd, p));
  const fromConfig = (ctx.config().sections['rules'] as { policies?: unknown } | undefined)?.policies;
  if (Array.isArray(fromConfig) && fromConfig.length)
    return fromConfig.map((p) => path.resolve(ctx.config().baseDir, String(p)));
  return shippedPolicyPaths();
}

/** The example policies shipped in templates/policies/. */
export function shippedPolicyPaths(): string[] {
  const dir = path.join(templatesDir(), 'policies');
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'sandbox.yaml')
    .sort()
    .map((f) => path.join(dir, f));
}

export const readText = (p: string): Promise<string> => fs.promises.readFile(p, 'utf8');

export function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}
