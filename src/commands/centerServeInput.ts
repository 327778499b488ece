/**
 * What `hisops center serve` reads from its command line, checked: the numbers (port, seed, --for,
 * --utc-offset), the division, the ledger file, the repeatable --institution, the fault rules
 * (inline or @file), the policy files and the x-tif check.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../cli/context.js';
import { inputError } from '../core/errors.js';
import type * as RulesModule from '../core/rules/index.js';

/** The options `serve` reads here (the rest are the 国密 channel's and the run's own). */
export interface ServeInputOptions {
  port?: string;
  data?: string;
  seed?: string;
  policy?: string[];
  admdvs?: string;
  utcOffset?: string;
  for?: string;
  tifPaasid?: string;
}

/** Where and how the sandbox listens, and for how long. */
export interface ServeSettings {
  institutions: string[];
  port: number;
  seed: number;
  seconds: number | undefined;
  utcOffsetMinutes: number | undefined;
  admdvs: string;
  dataFile: string;
}

/** The settings of a serve run, every number and code checked before anything is opened. */
export function serveSettings(ctx: Ctx, o: ServeInputOptions, argv: readonly string[]): ServeSettings {
  const institutions = institutionsOf(argv);
  const port = intOption(o.port, 'port', 0, 65535, 8700);
  const seed = intOption(o.seed, 'seed', 0, 2 ** 32 - 1, 1);
  const seconds =
    o.for === undefined ? undefined : intOption(String(o.for).replace(/^(\d+)s$/, '$1'), 'for', 1, 365 * 24 * 3600, 60);
  const utcOffsetMinutes = o.utcOffset === undefined ? undefined : intOption(o.utcOffset, 'utc-offset', -720, 840, 480);
  const admdvs = o.admdvs ?? '430100';
  if (!/^\d{6}$/.test(admdvs))
    throw inputError(
      'CENTER_SERVE_OPTION',
      `--admdvs ${admdvs} is not a six-digit division code`,
      'Give the division the sandbox serves, e.g. --admdvs 430100 (it must match center.mdtrtarea_admvs).',
    ).zh(
      `--admdvs ${admdvs} 不是六位行政区划代码`,
      '请给出沙箱所服务的统筹区，例如 --admdvs 430100（须与 center.mdtrtarea_admvs 一致）。',
    );
  const dataFile = path.resolve(ctx.cwd, o.data ?? '.hisops/center.db');
  return { institutions, port, seed, seconds, utcOffsetMinutes, admdvs, dataFile };
}

function intOption(v: string | undefined, name: string, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw inputError(
      'CENTER_SERVE_OPTION',
      `--${name} ${v} is not a whole number from ${min} to ${max}`,
      `Give --${name} as a whole number, e.g. --${name} ${dflt}.`,
    ).zh(`--${name} ${v} 不是 ${min} 到 ${max} 之间的整数`, `请将 --${name} 写成整数，例如 --${name} ${dflt}。`);
  return n;
}

/** `--faults @file` reads the rules from a file (compact, JSON or YAML). */
export function faultsText(ctx: Ctx, spec: string | undefined): string | undefined {
  if (!spec?.startsWith('@')) return spec;
  const file = path.resolve(ctx.cwd, spec.slice(1));
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError(
      'CENTER_FAULTS_FILE',
      `Cannot read the fault rules file ${file}`,
      'Check the path after @ (a text, JSON or YAML file of fault rules).',
      (e as Error).message,
    ).zh(`无法读取故障规则文件 ${file}`, '请检查 @ 后的路径（文本、JSON 或 YAML 格式的故障规则文件）。');
  }
}

/** The settlement policies of --policy (none: the sandbox's built-in simple split). */
export async function policiesOf(ctx: Ctx, o: ServeInputOptions): Promise<RulesModule.Policy[] | undefined> {
  if (!o.policy?.length) return undefined;
  const rules = await import('../core/rules/index.js');
  return rules.loadPolicyFiles(
    o.policy.map((p) => path.resolve(ctx.cwd, p)),
    (p) => fs.readFileSync(p, 'utf8'),
  );
}

/** --tif-paasid: the x-tif gateway check, with the secret from the environment or its file. */
export function tifOf(ctx: Ctx, o: ServeInputOptions): { paasid: string; secret: string } | undefined {
  if (!o.tifPaasid) return undefined;
  const secret = ctx.secret('center.secret');
  if (!secret)
    throw inputError(
      'CENTER_SERVE_SECRET',
      'The x-tif check needs the gateway secret',
      'Put it in HISOPS_CENTER_SECRET (or center.secretFile); secrets are never taken from a flag.',
    ).zh(
      'x-tif 校验需要网关密钥',
      '请将其放在 HISOPS_CENTER_SECRET（或 center.secretFile）中；密钥从不通过命令行选项传入。',
    );
  return { paasid: o.tifPaasid, secret };
}

/**
 * Every `--institution CODE` given after `serve`. The program's own --institution (which entry of
 * hisops.yaml to use) takes the flag before the command sees it and keeps only the last, so the
 * repeatable form is read from the command line itself.
 */
export function institutionsOf(argv: readonly string[]): string[] {
  const from = argv.indexOf('serve');
  const out: string[] = [];
  for (let i = from + 1; from >= 0 && i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v =
      a === '--institution' ? argv[++i] : a.startsWith('--institution=') ? a.slice('--institution='.length) : undefined;
    if (v === undefined) continue;
    for (const code of v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      if (!/^[A-Za-z0-9]{1,30}$/.test(code))
        throw inputError(
          'CENTER_SERVE_OPTION',
          `--institution ${code} is not an institution code`,
          'Give the fixmedins_code the sandbox should accept, e.g. --institution H43010000002 (repeat the flag for more).',
        ).zh(
          `--institution ${code} 不是定点医药机构编号`,
          '请给出沙箱应接受的 fixmedins_code，例如 --institution H43010000002（多个机构可重复该选项）。',
        );
      out.push(code);
    }
  }
  return [...new Set(out)];
}
