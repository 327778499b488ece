/**
 * The center settings of the selected institution as the plain object the center client takes
 * (core/center's CenterConfig), built from hisops.yaml / HISOPS_* / defaults. The secret is read
 * here, kept in memory only.
 */
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import type { ChannelKeys } from '../core/center/protocol/channel.js';
import { parseSm2PrivateKey, parseSm2PublicKey, parseSm4Key } from '../core/center/protocol/gm.js';
import { provinceProfile, type ProvinceSettings } from '../core/center/protocol/provinces.js';
import { inputError } from '../core/errors.js';
import type { Ctx } from './context.js';

export interface CenterSettings {
  baseUrl: string;
  appendInfno: boolean;
  gateway: { scheme: 'none' | 'tif' | 'hsaf'; paasid?: string; secret?: string };
  fixmedins_code: string;
  fixmedins_name: string;
  mdtrtarea_admvs: string;
  insuplc_admdvs: string;
  recer_sys_code: string;
  infver: string;
  dev_no?: string;
  opter: string;
  opter_name: string;
  opter_type: string;
  setl_optins: string;
  timeouts: { defaultMs: number };
  /** PEM certificates trusted for the center: the system's CAs plus center.tlsCa. */
  tlsCa?: string;
  /** The center's clock, minutes east of UTC (center.utcOffsetMinutes, default 480). */
  utcOffsetMinutes: number;
  /** The province profile (center.province) the defaults came from. */
  province: string;
  /** The 国密 channel (center.crypto) with its keys, read from the environment or files. */
  crypto: { kind: 'none' } | { kind: 'sm4'; keys: ChannelKeys };
}

/** The largest offset a clock on Earth uses (UTC+14). */
const MAX_OFFSET = 840;

export function centerSettings(ctx: Ctx, overrides: { baseUrl?: string } = {}): CenterSettings {
  const profile = provinceProfile(ctx.get<string>('center.province'));
  // A setting hisops.yaml, the environment or a flag gives wins; one left at its default takes the province's.
  const byProvince: Record<string, keyof ProvinceSettings> = { 'center.gateway': 'gateway', 'center.appendInfno': 'appendInfno', 'center.infver': 'infver', 'center.recer_sys_code': 'recer_sys_code', 'center.crypto': 'crypto' };
  const g = <T = string>(k: string): T => {
    const v = ctx.config().values[k];
    const p = byProvince[k] ? profile.settings[byProvince[k]!] : undefined;
    return (p !== undefined && (!v || v.source === 'default') ? p : ctx.get<T>(k)) as T;
  };
  const scheme = g<'none' | 'tif' | 'hsaf'>('center.gateway');
  return {
    province: profile.code,
    crypto: g<'none' | 'sm4'>('center.crypto') === 'sm4' ? { kind: 'sm4', keys: channelKeys(ctx) } : { kind: 'none' },
    baseUrl: overrides.baseUrl ?? g('center.url'),
    appendInfno: !!g<boolean>('center.appendInfno'),
    gateway: scheme === 'none' ? { scheme } : { scheme, paasid: g('center.paasid'), secret: ctx.secret('center.secret') },
    fixmedins_code: g('fixmedins_code'),
    fixmedins_name: g('fixmedins_name'),
    mdtrtarea_admvs: g('center.mdtrtarea_admvs'),
    insuplc_admdvs: g('center.insuplc_admdvs'),
    recer_sys_code: g('center.recer_sys_code'),
    infver: g('center.infver'),
    dev_no: g('center.dev_no') || undefined,
    opter: g('center.opter'),
    opter_name: g('center.opter_name'),
    opter_type: g('center.opter_type'),
    setl_optins: g('center.setl_optins'),
    timeouts: { defaultMs: Number(g('center.timeoutMs')) },
    tlsCa: privateCa(ctx),
    utcOffsetMinutes: utcOffsetOf(g<number>('center.utcOffsetMinutes')),
  };
}

/**
 * The 国密 channel's keys: the SM4 key (required), the institution's SM2 private key (signs
 * requests, optional) and the center's public key (verifies answers, optional). A key's value is
 * never quoted in an error, only where it came from.
 */
export function channelKeys(ctx: Ctx): ChannelKeys {
  const src = (k: string) => ctx.config().values[k]?.source ?? 'not set';
  const sm4 = ctx.secret('center.sm4Key');
  if (!sm4) {
    throw inputError('CENTER_CRYPTO_CONFIG', 'center.crypto is sm4 but no SM4 key is set', 'Put the SM4 key the center issued (32 hex digits) in HISOPS_CENTER_SM4_KEY or in a file named by center.sm4KeyFile.').zh(
      'center.crypto 为 sm4，但未设置 SM4 密钥',
      '请把中心分配的 SM4 密钥（32 位十六进制）放入环境变量 HISOPS_CENTER_SM4_KEY，或放入 center.sm4KeyFile 指定的文件。',
    );
  }
  const parsed = <T>(key: string, parse: (t: string) => T, text: string | undefined): T | undefined => {
    if (text === undefined || text.trim() === '') return undefined;
    try {
      return parse(text);
    } catch (e) {
      throw inputError('CENTER_CRYPTO_CONFIG', `${key} (from ${src(key)}) is not usable: ${(e as Error).message}`, `Give ${key} in the form named above; docs/center.md describes the 国密 channel's keys.`).zh(
        `${key}（来源：${src(key)}）格式不正确`,
        `请按要求的格式提供 ${key}；国密通道的密钥说明见 docs/center.md。`,
        (e as Error).message,
      );
    }
  };
  return {
    sm4Key: parsed('center.sm4Key', parseSm4Key, sm4)!,
    signKey: parsed('center.sm2Key', parseSm2PrivateKey, ctx.secret('center.sm2Key')),
    peerPublicKey: parsed('center.sm2CenterPublicKey', parseSm2PublicKey, ctx.get<string | undefined>('center.sm2CenterPublicKey')),
    userId: ctx.get<string>('center.sm2UserId') || undefined,
  };
}

function utcOffsetOf(v: number | undefined): number {
  const n = v === undefined ? 480 : Number(v);
  if (!Number.isInteger(n) || n > MAX_OFFSET) {
    throw inputError('CONFIG_INVALID', `center.utcOffsetMinutes ${v} is not a clock offset`, `Set center.utcOffsetMinutes to the center's clock in minutes east of UTC, from 0 to ${MAX_OFFSET} (480 = China time).`);
  }
  return n;
}

/**
 * center.tlsCa: the CA of a private center (a provincial gateway with its own CA), read from its
 * file. It is trusted in addition to the system's CAs, so a gateway that moves to a public
 * certificate keeps working.
 */
function privateCa(ctx: Ctx): string | undefined {
  const v = ctx.config().values['center.tlsCa'];
  if (!v?.value) return undefined;
  const file = path.resolve(ctx.config().baseDir, String(v.value));
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError('CENTER_TLS_CA', `Cannot read the center's CA file ${file} (center.tlsCa, from ${v.source})`, 'Point center.tlsCa at the PEM file of the CA that signed the center\'s certificate (ask the gateway operator for it).', (e as Error).message);
  }
  if (!/-----BEGIN CERTIFICATE-----/.test(pem)) {
    throw inputError('CENTER_TLS_CA', `${file} (center.tlsCa, from ${v.source}) holds no PEM certificate`, 'Give the CA certificate in PEM form (text starting with -----BEGIN CERTIFICATE-----); convert a .cer/.der file with openssl x509 -inform der -in ca.cer -out ca.pem.');
  }
  return [...tls.rootCertificates, pem].join('\n');
}
