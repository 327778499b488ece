/**
 * Loading configuration for a run: find hisops.yaml (--config, or upward from the working
 * directory), hand text, environment and flags to the pure resolver, and read secret files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveConfig, SECRET_SOURCES, type ResolvedConfig, type SecretKey } from '../core/config/index.js';
import { inputError } from '../core/errors.js';

const CONFIG_FILE = 'hisops.yaml';

/** Sections that later jobs own; the resolver keeps them as data. */
const EXTRA_SECTIONS = [
  'reconcile',
  'trace',
  'stuck',
  'catalog',
  'schema',
  'rules',
  'sandbox',
  'notify',
  'metrics',
  'watch',
] as const;

function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const f = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(f)) return f;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function loadConfig(opts: {
  explicit?: string;
  cwd: string;
  env: Record<string, string | undefined>;
  flags: Record<string, string | number | boolean | undefined>;
}): ResolvedConfig {
  const explicit = opts.explicit ?? opts.env.HISOPS_CONFIG;
  let file: string | undefined;
  if (explicit) {
    file = path.resolve(opts.cwd, explicit);
    if (!fs.existsSync(file)) {
      throw inputError(
        'CONFIG_MISSING',
        `No configuration file at ${file}`,
        'Check the path given to --config (or HISOPS_CONFIG), or create one with hisops init.',
      ).zh(`配置文件 ${file} 不存在`, '请检查 --config（或 HISOPS_CONFIG）给出的路径，或用 hisops init 创建配置文件。');
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
export function readSecret(cfg: ResolvedConfig, key: SecretKey): string | undefined {
  const v = cfg.values[key];
  if (v?.value !== undefined) return String(v.value);
  const fileKey = SECRET_SOURCES.find((s) => s[0] === key)![2];
  const f = cfg.values[fileKey]?.value;
  if (!f) return undefined;
  const p = path.resolve(cfg.baseDir, String(f));
  try {
    return fs.readFileSync(p, 'utf8').split(/\r?\n/)[0];
  } catch {
    throw inputError(
      'SECRET_FILE',
      `Cannot read the secret file for ${key} at ${p}`,
      `Check that the file exists and is readable by this user, or set ${fileKey} to the right path.`,
    ).zh(`无法读取 ${key} 的密钥文件 ${p}`, `请确认该文件存在且当前用户可读，或将 ${fileKey} 设为正确的路径。`);
  }
}

/**
 * The `lang:` of the configuration file, read before the program is built (help text depends on
 * it). It is read as the top-level line `lang: …`, without loading the YAML parser, so that
 * `hisops --help` stays fast; `lang:` is global, so a wrong institution or key elsewhere does
 * not hide it. A file that cannot be read gives no language here, and the command itself
 * reports the problem when it loads the configuration.
 */
export function configFileLang(opts: {
  explicit?: string;
  cwd: string;
  env: Record<string, string | undefined>;
}): string | undefined {
  try {
    const explicit = opts.explicit ?? opts.env.HISOPS_CONFIG;
    const file = explicit ? path.resolve(opts.cwd, explicit) : findConfigFile(opts.cwd);
    if (!file) return undefined;
    return /^lang:[ \t]*["']?([A-Za-z_.-]+)/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}
