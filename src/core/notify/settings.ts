/**
 * The `notify:` section of hisops.yaml: which channels exist, which job results go where, quiet
 * hours. Secrets (webhook URLs carrying keys, the DingTalk signing secret, the SMTP password) are
 * read from the environment or a file only; their variable names follow the settings
 * (notify.wecom.url → HISOPS_NOTIFY_WECOM_URL). An institution may override any of it under
 * notify.institutions.<name>.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inputError } from '../errors.js';

export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'email', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const EVENT_KINDS = ['findings', 'failure', 'recovered'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
/** The jobs cron runs; each may have its own rule. */
export const NOTIFY_JOBS = [
  'reconcile',
  'settle stuck',
  'trace upload',
  'trace check',
  'trace retry',
  'center watch',
] as const;

export interface HttpChannel {
  kind: 'wecom' | 'dingtalk' | 'feishu' | 'webhook';
  name: string;
  url: string;
  /** DingTalk signing secret (加签). */
  secret?: string;
}

export interface EmailChannel {
  kind: 'email';
  name: string;
  host: string;
  port: number;
  /** true: TLS from the first byte (465); false: STARTTLS is required (587/25). */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  to: string[];
  /** PEM of a private CA for the SMTP server (verification stays on). */
  tlsCa?: string;
}

export type Channel = HttpChannel | EmailChannel;

export interface Rule {
  on: EventKind[];
  /** Channel names; all configured channels when absent. */
  channels?: string[];
}

export interface NotifySettings {
  channels: Channel[];
  rules: Record<string, Rule>;
  /** Minutes after local midnight [from, to); wraps past midnight when from > to. */
  quietHours?: { from: number; to: number };
}

interface Where {
  institution: string;
  env: Record<string, string | undefined>;
  baseDir: string;
  file: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function bad(w: Where, key: string, summary: string, fix: string, zhSummary: string, zhFix: string) {
  return inputError('NOTIFY_CONFIG', `${w.file}: notify.${key}: ${summary}`, fix, undefined, {
    file: w.file,
    key: `notify.${key}`,
  }).zh(`${w.file}：notify.${key}：${zhSummary}`, zhFix);
}

/** `HISOPS_NOTIFY_` + channel + setting, e.g. HISOPS_NOTIFY_DINGTALK_SECRET. */
export function notifyEnvName(channel: string, setting: string): string {
  return `HISOPS_NOTIFY_${channel}_${setting}`.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/** A secret: its *Env variable, the default variable, or the first line of its *File. */
function secretOf(c: Obj, channel: string, setting: string, w: Where): string | undefined {
  const envVar = typeof c[`${setting}Env`] === 'string' ? String(c[`${setting}Env`]) : notifyEnvName(channel, setting);
  const fromEnv = w.env[envVar];
  if (fromEnv) return fromEnv.trim();
  const f = c[`${setting}File`];
  if (typeof f !== 'string' || !f) return undefined;
  const p = path.resolve(w.baseDir, f);
  try {
    return fs.readFileSync(p, 'utf8').split(/\r?\n/)[0]!.trim();
  } catch {
    throw bad(
      w,
      `${channel}.${setting}File`,
      `cannot read ${p}`,
      'Check that the file exists and this user may read it.',
      `无法读取 ${p}`,
      '请确认文件存在且当前用户可读。',
    );
  }
}

function httpChannel(kind: HttpChannel['kind'], c: Obj, w: Where): HttpChannel | undefined {
  if ('url' in c || 'secret' in c)
    throw bad(
      w,
      `${kind}.${'url' in c ? 'url' : 'secret'}`,
      'is a secret and may not be written in hisops.yaml',
      `Set ${notifyEnvName(kind, 'url' in c ? 'url' : 'secret')} in the environment, or name a file with ${'url' in c ? 'urlFile' : 'secretFile'}.`,
      '属于密钥，不能写在 hisops.yaml 中',
      `请在环境变量 ${notifyEnvName(kind, 'url' in c ? 'url' : 'secret')} 中设置，或用 ${'url' in c ? 'urlFile' : 'secretFile'} 指定文件。`,
    );
  const url = secretOf(c, kind, 'url', w);
  if (!url) return undefined;
  if (!/^https?:\/\//i.test(url))
    throw bad(
      w,
      `${kind}.url`,
      'is not an http(s) URL',
      'Paste the robot webhook address as given by the chat app.',
      '不是 http(s) 地址',
      '请填入群机器人给出的 Webhook 地址。',
    );
  const secret = kind === 'dingtalk' || kind === 'feishu' ? secretOf(c, kind, 'secret', w) : undefined;
  return { kind, name: kind, url, secret };
}

function emailChannel(c: Obj, w: Where): EmailChannel | undefined {
  if ('password' in c)
    throw bad(
      w,
      'email.password',
      'is a secret and may not be written in hisops.yaml',
      'Set HISOPS_NOTIFY_EMAIL_PASSWORD, or name a file with passwordFile.',
      '属于密钥，不能写在 hisops.yaml 中',
      '请设置 HISOPS_NOTIFY_EMAIL_PASSWORD，或用 passwordFile 指定文件。',
    );
  const host = c['host'] ?? w.env['HISOPS_NOTIFY_EMAIL_HOST'];
  if (!host) return undefined;
  const to = Array.isArray(c['to'])
    ? c['to'].map(String)
    : typeof c['to'] === 'string'
      ? c['to']
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  if (to.length === 0)
    throw bad(
      w,
      'email.to',
      'names no recipient',
      'Write to: [it@hospital.example] (a list or comma-separated).',
      '未指定收件人',
      '请写 to: [it@hospital.example]（列表或逗号分隔）。',
    );
  const port = Number(c['port'] ?? 465);
  if (!Number.isInteger(port) || port <= 0)
    throw bad(
      w,
      'email.port',
      `${String(c['port'])} is not a port`,
      'Write a port number such as 465 or 587.',
      `${String(c['port'])} 不是端口号`,
      '请写端口号，如 465 或 587。',
    );
  const ca = typeof c['tlsCa'] === 'string' ? fs.readFileSync(path.resolve(w.baseDir, c['tlsCa']), 'utf8') : undefined;
  return {
    kind: 'email',
    name: 'email',
    host: String(host),
    port,
    secure: c['secure'] === undefined ? port === 465 : c['secure'] === true || c['secure'] === 'true',
    user: c['user'] === undefined ? undefined : String(c['user']),
    password: secretOf(c, 'email', 'password', w),
    from: String(c['from'] ?? c['user'] ?? 'hisops@localhost'),
    to,
    tlsCa: ca,
  };
}

function parseQuiet(v: unknown, w: Where): NotifySettings['quietHours'] {
  if (v === undefined || v === null || v === '') return undefined;
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(String(v));
  if (!m || Number(m[1]) > 23 || Number(m[3]) > 24 || Number(m[2]) > 59 || Number(m[4]) > 59)
    throw bad(
      w,
      'quietHours',
      `"${String(v)}" is not a time range`,
      'Write quietHours: "22:00-07:00" (local time of the center).',
      `"${String(v)}" 不是时间段`,
      '请写 quietHours: "22:00-07:00"（医保中心所在地时间）。',
    );
  return { from: Number(m[1]) * 60 + Number(m[2]), to: Number(m[3]) * 60 + Number(m[4]) };
}

function parseRule(job: string, v: unknown, names: string[], w: Where): Rule {
  const r = isObj(v) ? v : { on: v };
  const on = (Array.isArray(r['on']) ? r['on'] : String(r['on'] ?? 'findings,failure,recovered').split(',')).map((s) =>
    String(s).trim(),
  );
  for (const k of on) {
    if (!(EVENT_KINDS as readonly string[]).includes(k))
      throw bad(
        w,
        `rules.${job}.on`,
        `"${k}" is not an event`,
        `Write some of: ${EVENT_KINDS.join(', ')}.`,
        `"${k}" 不是可通知的结果`,
        `请从 ${EVENT_KINDS.join(', ')} 中选择。`,
      );
  }
  const channels =
    r['channels'] === undefined
      ? undefined
      : (Array.isArray(r['channels']) ? r['channels'] : String(r['channels']).split(',')).map((s) => String(s).trim());
  for (const c of channels ?? []) {
    if (!(CHANNEL_KINDS as readonly string[]).includes(c))
      throw bad(
        w,
        `rules.${job}.channels`,
        `"${c}" is not a channel`,
        `Write some of: ${CHANNEL_KINDS.join(', ')}.`,
        `"${c}" 不是通知渠道`,
        `请从 ${CHANNEL_KINDS.join(', ')} 中选择。`,
      );
  }
  void names;
  return { on: on as EventKind[], channels };
}

/** Merge an institution's overrides over the shared settings, one level deep per channel. */
function mergedFor(section: Obj, institution: string): Obj {
  const inst = isObj(section['institutions']) ? section['institutions'][institution] : undefined;
  if (!isObj(inst)) return section;
  const out: Obj = { ...section, ...inst };
  for (const k of [...CHANNEL_KINDS, 'rules']) {
    if (isObj(section[k]) || isObj(inst[k]))
      out[k] = { ...(isObj(section[k]) ? section[k] : {}), ...(isObj(inst[k]) ? inst[k] : {}) };
  }
  return out;
}

export function parseNotifySettings(section: unknown, w: Where): NotifySettings {
  const s = mergedFor(isObj(section) ? section : {}, w.institution);
  const known = new Set<string>([...CHANNEL_KINDS, 'rules', 'quietHours', 'institutions']);
  for (const k of Object.keys(s)) {
    if (!known.has(k))
      throw bad(
        w,
        k,
        'is not a notify setting',
        `Known: ${[...known].join(', ')}.`,
        '不是通知设置项',
        `可用：${[...known].join(', ')}。`,
      );
  }
  const channels: Channel[] = [];
  for (const kind of CHANNEL_KINDS) {
    const c = isObj(s[kind]) ? s[kind] : {};
    const ch = kind === 'email' ? emailChannel(c, w) : httpChannel(kind, c, w);
    if (ch) channels.push(ch);
  }
  const names = channels.map((c) => c.name);
  const rules: Record<string, Rule> = {};
  if (isObj(s['rules'])) for (const [job, v] of Object.entries(s['rules'])) rules[job] = parseRule(job, v, names, w);
  return { channels, rules, quietHours: parseQuiet(s['quietHours'], w) };
}
