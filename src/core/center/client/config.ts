/**
 * What the client needs to talk to one center, as a plain object. The command layer maps
 * hisops.yaml (+ environment + secret files) onto it; the gateway secret lives only here, in
 * memory, and never reaches an error, a log line or a journal row (see `describeConfig`).
 */
import { inputError } from '../../errors.js';
import { redactUserInfo } from '../../shared/index.js';
import type { ChannelKeys } from '../protocol/channel.js';
import { KeyFormatError, parseSm2PrivateKey, parseSm2PublicKey, parseSm4Key } from '../protocol/gm.js';
import type { CodeTableName } from '../protocol/codes.js';
import { FIXMEDINS_CODE_RE } from '../protocol/msgid.js';

export type GatewayScheme = 'none' | 'tif' | 'hsaf';

export interface GatewayConfig {
  scheme: GatewayScheme;
  /** tif: x-tif-paasid. */
  paasid?: string;
  /** hsaf: _api_access_key (falls back to paasid). */
  accessKey?: string;
  /** tif token / hsaf secret key. From the environment or a file only. */
  secret?: string;
  /** hsaf: _api_version (default 1.0.0). */
  apiVersion?: string;
}

export interface RetryPolicy {
  /** Total attempts for a query, including the first (default 3). */
  attempts: number;
  /** First back-off delay (default 500 ms), doubled each time, with ±25 % jitter. */
  baseDelayMs: number;
  /** Cap on one delay (default 8000 ms). */
  maxDelayMs: number;
}

export interface CenterConfig {
  /**
   * Base URL. `{infno}` inside it is replaced by the transaction code (Guangzhou-style
   * `…/poc-hsa-hgs-{infno}`); otherwise see appendInfno and pathByInfno.
   */
  baseUrl: string;
  /** Append `/{infno}` to the path (Guangdong, Hunan gateways). Default false. */
  appendInfno?: boolean;
  /** Per-transaction path appended to baseUrl (Hebei-style per-service paths), e.g. `{ '9001': 'signInSignOutService/signIn' }`. */
  pathByInfno?: Record<string, string>;
  gateway?: GatewayConfig;
  fixmedins_code: string;
  fixmedins_name: string;
  mdtrtarea_admvs: string;
  /** Default insured-place division; calls about a person should pass the person's own. */
  insuplc_admdvs: string;
  recer_sys_code: string;
  infver: string;
  dev_no?: string;
  opter: string;
  opter_name: string;
  opter_type: string;
  /** Default settlement agency for 3201/3202. */
  setl_optins: string;
  /** 9001 input: the operator's IP and MAC (defaults 127.0.0.1 / empty). */
  ip?: string;
  mac?: string;
  /** Timeouts in ms: a default and per-transaction overrides. */
  timeouts?: { defaultMs?: number; byInfno?: Record<string, number> };
  retry?: Partial<RetryPolicy>;
  /** The center's clock as minutes east of UTC (China: 480). Default: the host's local time. */
  utcOffsetMinutes?: number;
  /** 'auto' signs in with 9001 before the first business call of the day; 'off' sends an empty sign_no. */
  signIn?: 'auto' | 'off';
  /** Check requests against the field tables before sending (default true). */
  validateRequests?: boolean;
  /** Local codes the province adds, per code table. */
  extraCodes?: Partial<Record<CodeTableName, readonly string[]>>;
  /** fixmedins_code to send in 9102 for catalog files (some centers want the literal `plc`). Default: the institution's. */
  catalogFileOwner?: string;
  /** Extra CA certificates (PEM) for a private gateway CA; certificate verification stays on. */
  tlsCa?: string;
  /**
   * The 国密 message channel (reference §1.3): 'sm4' seals every request's input and opens every
   * answer's output with `keys` (see protocol/channel.ts). Default none (plain JSON).
   */
  crypto?: { kind: 'none' } | { kind: 'sm4'; keys?: ChannelKeys; keyText?: ChannelKeyText };
  /** The province profile the settings came from (protocol/provinces.ts), for messages. */
  province?: string;
}

/** The 国密 channel's keys as the settings hold them (hex text), parsed by resolveCenterConfig. */
export interface ChannelKeyText {
  /** center.sm4Key: 32 hex digits (or 16 characters). */
  sm4Key?: string;
  /** center.sm2Key: the institution's SM2 private key, 64 hex digits; signs requests. */
  sm2Key?: string;
  /** center.sm2CenterPublicKey: verifies answers. */
  centerPublicKey?: string;
  userId?: string;
}

export interface ResolvedCenterConfig extends CenterConfig {
  crypto: { kind: 'none' } | { kind: 'sm4'; keys: ChannelKeys };
  appendInfno: boolean;
  pathByInfno: Record<string, string>;
  gateway: GatewayConfig;
  timeouts: { defaultMs: number; byInfno: Record<string, number> };
  retry: RetryPolicy;
  signIn: 'auto' | 'off';
  validateRequests: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

const FIX = 'Correct the center settings in hisops.yaml (hisops config show lists them).';
const FIX_ZH = '请更正 hisops.yaml 中的医保中心设置（hisops config show 可列出）。';

/** Fill defaults and check what can be checked without talking to the center. */
export function resolveCenterConfig(c: CenterConfig): ResolvedCenterConfig {
  let url: URL;
  try {
    url = new URL(c.baseUrl.replace(/\{infno\}/g, '0000'));
  } catch {
    throw inputError('CENTER_CONFIG', `The center URL "${redactUrl(c.baseUrl)}" is not a valid URL`, FIX).zh(
      `医保中心 URL "${redactUrl(c.baseUrl)}" 不是有效的 URL`,
      FIX_ZH,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw inputError('CENTER_CONFIG', `The center URL must be http(s), not ${url.protocol}`, FIX).zh(
      `医保中心 URL 必须是 http(s)，而不是 ${url.protocol}`,
      FIX_ZH,
    );
  if (!FIXMEDINS_CODE_RE.test(c.fixmedins_code))
    throw inputError('CENTER_CONFIG', `fixmedins_code "${c.fixmedins_code}" is not 12 letters or digits`, FIX).zh(
      `fixmedins_code "${c.fixmedins_code}" 不是 12 位字母或数字`,
      FIX_ZH,
    );
  for (const k of [
    'fixmedins_name',
    'mdtrtarea_admvs',
    'insuplc_admdvs',
    'recer_sys_code',
    'infver',
    'opter',
    'opter_name',
    'opter_type',
  ] as const) {
    if (!c[k])
      throw inputError('CENTER_CONFIG', `The center setting ${k} is empty`, FIX).zh(`医保中心设置 ${k} 为空`, FIX_ZH);
  }
  const gateway: GatewayConfig = c.gateway ?? { scheme: 'none' };
  if (gateway.scheme === 'tif' && (!gateway.paasid || !gateway.secret)) {
    throw inputError(
      'CENTER_GATEWAY_CONFIG',
      'The tif gateway needs a paasid and a secret',
      'Set center.paasid in hisops.yaml and the secret in HISOPS_CENTER_SECRET (or center.secretFile).',
    ).zh(
      'tif 网关需要 paasid 和密钥',
      '请在 hisops.yaml 中设置 center.paasid，并将密钥放在 HISOPS_CENTER_SECRET（或 center.secretFile）中。',
    );
  }
  if (gateway.scheme === 'hsaf' && (!(gateway.accessKey ?? gateway.paasid) || !gateway.secret)) {
    throw inputError(
      'CENTER_GATEWAY_CONFIG',
      'The hsaf gateway needs an access key and a secret',
      'Set center.paasid (the access key) in hisops.yaml and the secret in HISOPS_CENTER_SECRET (or center.secretFile).',
    ).zh(
      'hsaf 网关需要 access key 和密钥',
      '请在 hisops.yaml 中设置 center.paasid（即 access key），并将密钥放在 HISOPS_CENTER_SECRET（或 center.secretFile）中。',
    );
  }
  const crypto: ResolvedCenterConfig['crypto'] =
    c.crypto?.kind === 'sm4'
      ? { kind: 'sm4', keys: c.crypto.keys ?? channelKeysOf(c.crypto.keyText ?? {}) }
      : { kind: 'none' };
  const retry = { ...DEFAULT_RETRY, ...(c.retry ?? {}) };
  retry.attempts = Math.max(1, Math.floor(retry.attempts));
  return {
    ...c,
    appendInfno: c.appendInfno ?? false,
    pathByInfno: c.pathByInfno ?? {},
    gateway,
    timeouts: { defaultMs: c.timeouts?.defaultMs ?? DEFAULT_TIMEOUT_MS, byInfno: c.timeouts?.byInfno ?? {} },
    retry,
    signIn: c.signIn ?? 'auto',
    validateRequests: c.validateRequests ?? true,
    crypto,
  };
}

/**
 * The channel's keys from their text: the SM4 key is required, the SM2 keys optional (no private
 * key: requests go unsigned; no center key: answers' signatures are not checked). An error names
 * the setting, never the value.
 */
export function channelKeysOf(t: ChannelKeyText): ChannelKeys {
  if (!t.sm4Key?.trim()) {
    throw inputError(
      'CENTER_CRYPTO_CONFIG',
      'center.crypto is sm4 but no SM4 key is set',
      'Put the SM4 key the center issued (32 hex digits) in HISOPS_CENTER_SM4_KEY or in a file named by center.sm4KeyFile.',
    ).zh(
      'center.crypto 为 sm4，但未设置 SM4 密钥',
      '请把中心分配的 SM4 密钥（32 位十六进制）放入环境变量 HISOPS_CENTER_SM4_KEY，或放入 center.sm4KeyFile 指定的文件。',
    );
  }
  const parsed = <T>(key: string, parse: (x: string) => T, text: string | undefined): T | undefined => {
    if (text === undefined || text.trim() === '') return undefined;
    try {
      return parse(text);
    } catch (e) {
      if (!(e instanceof KeyFormatError)) throw e;
      throw inputError(
        'CENTER_CRYPTO_CONFIG',
        `${key} is not usable: ${e.message}`,
        `Give ${key} in the form named above; docs/center.md describes the 国密 channel's keys.`,
      ).zh(`${key} 格式不正确`, `请按要求的格式提供 ${key}；国密通道的密钥说明见 docs/center.md。`, e.message);
    }
  };
  return {
    sm4Key: parsed('center.sm4Key', parseSm4Key, t.sm4Key)!,
    signKey: parsed('center.sm2Key', parseSm2PrivateKey, t.sm2Key),
    peerPublicKey: parsed('center.sm2CenterPublicKey', parseSm2PublicKey, t.centerPublicKey),
    userId: t.userId || undefined,
  };
}

/** The URL for one transaction. */
export function urlFor(
  c: Pick<ResolvedCenterConfig, 'baseUrl' | 'appendInfno' | 'pathByInfno'>,
  infno: string,
): string {
  let u = c.baseUrl.replace(/\{infno\}/g, encodeURIComponent(infno));
  const join = (a: string, b: string): string => `${a.replace(/\/+$/, '')}/${b.replace(/^\/+/, '')}`;
  const extra = c.pathByInfno[infno];
  if (extra) u = join(u, extra);
  if (c.appendInfno) u = join(u, encodeURIComponent(infno));
  return u;
}

export function timeoutFor(c: Pick<ResolvedCenterConfig, 'timeouts'>, infno: string): number {
  return c.timeouts.byInfno[infno] ?? c.timeouts.defaultMs;
}

/** A URL without user:password (the center's user part alone may be a token). */
export const redactUrl = redactUserInfo;

/** The configuration as it may be shown or recorded: the secret replaced, the URL redacted. */
export function describeConfig(c: CenterConfig): Record<string, unknown> {
  const { gateway, tlsCa, crypto, ...rest } = c;
  return {
    ...rest,
    crypto: crypto?.kind === 'sm4' ? { kind: 'sm4', keys: '***' } : 'none',
    baseUrl: redactUrl(c.baseUrl),
    gateway: gateway ? { ...gateway, secret: gateway.secret ? '***' : undefined } : { scheme: 'none' },
    tlsCa: tlsCa ? '(set)' : undefined,
  };
}
