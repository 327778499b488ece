/**
 * Loading configuration for a run: find hisops.yaml (--config, or upward from the working
 * directory), hand text, environment and flags to the pure resolver, and read secret files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveConfig, type ResolvedConfig } from '../core/config/index.js';
import { inputError } from '../core/errors.js';

export const CONFIG_FILE = 'hisops.yaml';

/** Sections that later jobs own; the resolver keeps them as data. */
export const EXTRA_SECTIONS = ['reconcile', 'trace', 'stuck', 'catalog', 'schema', 'rules', 'sandbox', 'notify', 'metrics'] as const;

export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const f = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(f)) return f;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function loadConfig(opts: { explicit?: string; cwd: string; env: Record<string, string | undefined>; flags: Record<string, string | number | boolean | undefined> }): ResolvedConfig {
  const explicit = opts.explicit ?? opts.env.HISOPS_CONFIG;
  let file: string | undefined;
  if (explicit) {
    file = path.resolve(opts.cwd, explicit);
    if (!fs.existsSync(file)) {
      throw inputError('CONFIG_MISSING', `No configuration file at ${file}`, 'Check the path given to --config (or HISOPS_CONFIG), or create one with hisops init.');
    }
  } else file = findConfigFile(opts.cwd);
  const text = file ? fs.readFileSync(file, 'utf8') : undefined;
  return resolveConfig({
    text,
    file,
    baseDir: file ? path.dirname(file) : opts.cwd,
    env: opts.env,
    flags: opts.flags,
    extraSections: EXTRA_SECTIONS,
  });
}

/** Read a secret named by its key: the environment value, or the first line of its file. */
export function readSecret(cfg: ResolvedConfig, key: 'his.password' | 'center.secret'): string | undefined {
  const v = cfg.values[key];
  if (v?.value !== undefined) return String(v.value);
  const fileKey = key === 'his.password' ? 'his.passwordFile' : 'center.secretFile';
  const f = cfg.values[fileKey]?.value;
  if (!f) return undefined;
  const p = path.resolve(cfg.baseDir, String(f));
  try {
    return fs.readFileSync(p, 'utf8').split(/\r?\n/)[0];
  } catch {
    throw inputError('SECRET_FILE', `Cannot read the secret file for ${key} at ${p}`, `Check that the file exists and is readable by this user, or set ${fileKey} to the right path.`);
  }
}
