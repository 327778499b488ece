/**
 * The center settings of the selected institution as the plain object the center client takes
 * (core/center's CenterConfig), built from hisops.yaml / HISOPS_* / defaults. The secret is read
 * here, kept in memory only.
 */
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { inputError } from '../core/errors.js';
import type { CenterConfig, ChannelKeyText, GatewayConfig } from '../core/center/client/index.js';
import type { Ctx } from './context.js';

/**
 * The client's CenterConfig (declared once, in core/center/client) as hisops.yaml fills it: the
 * keys the settings table has, every one present, the 国密 keys still as text.
 */
export type CenterSettings = Required<
  Pick<
    CenterConfig,
    | 'baseUrl'
    | 'appendInfno'
    | 'fixmedins_code'
    | 'fixmedins_name'
    | 'mdtrtarea_admvs'
    | 'insuplc_admdvs'
    | 'recer_sys_code'
    | 'infver'
    | 'opter'
    | 'opter_name'
    | 'opter_type'
    | 'setl_optins'
    | 'utcOffsetMinutes'
    | 'province'
  >
> &
  Pick<CenterConfig, 'dev_no' | 'tlsCa'> & {
    gateway: Pick<GatewayConfig, 'scheme' | 'paasid' | 'secret'>;
    timeouts: { defaultMs: number };
    crypto: { kind: 'none' } | { kind: 'sm4'; keyText: ChannelKeyText };
  };

/** The largest offset a clock on Earth uses (UTC+14). */
const MAX_OFFSET = 840;

export function centerSettings(ctx: Ctx, overrides: { baseUrl?: string } = {}): CenterSettings {
  // Settings left at their defaults already carry the province profile's values (core/config).
  const g = <T = string>(k: string) => ctx.get<T>(k);
  const scheme = g<'none' | 'tif' | 'hsaf'>('center.gateway');
  return {
    province: g('center.province'),
    crypto:
      g('center.crypto') === 'sm4'
        ? {
            kind: 'sm4',
            keyText: {
              sm4Key: ctx.secret('center.sm4Key'),
              sm2Key: ctx.secret('center.sm2Key'),
              centerPublicKey: g<string | undefined>('center.sm2CenterPublicKey'),
              userId: g<string | undefined>('center.sm2UserId'),
            },
          }
        : { kind: 'none' },
    baseUrl: overrides.baseUrl ?? g('center.url'),
    appendInfno: !!g<boolean>('center.appendInfno'),
    gateway:
      scheme === 'none' ? { scheme } : { scheme, paasid: g('center.paasid'), secret: ctx.secret('center.secret') },
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
    utcOffsetMinutes: centerUtcOffset(ctx),
  };
}

/** The center's clock in minutes east of UTC (center.utcOffsetMinutes, checked): its day is "today" for the jobs that compare days with it. */
export function centerUtcOffset(ctx: Ctx): number {
  return utcOffsetOf(ctx.get<number>('center.utcOffsetMinutes'));
}

function utcOffsetOf(v: number | undefined): number {
  const n = v === undefined ? 480 : Number(v);
  if (!Number.isInteger(n) || n > MAX_OFFSET) {
    throw inputError(
      'CONFIG_INVALID',
      `center.utcOffsetMinutes ${v} is not a clock offset`,
      `Set center.utcOffsetMinutes to the center's clock in minutes east of UTC, from 0 to ${MAX_OFFSET} (480 = China time).`,
    ).zh(
      `center.utcOffsetMinutes ${v} 不是有效的时钟偏移`,
      `请将 center.utcOffsetMinutes 设为医保中心时钟相对 UTC 向东偏移的分钟数，范围 0 到 ${MAX_OFFSET}（中国时间为 480）。`,
    );
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
    throw inputError(
      'CENTER_TLS_CA',
      `Cannot read the center's CA file ${file} (center.tlsCa, from ${v.source})`,
      "Point center.tlsCa at the PEM file of the CA that signed the center's certificate (ask the gateway operator for it).",
      (e as Error).message,
    ).zh(
      `无法读取医保中心的 CA 证书文件 ${file}（center.tlsCa，来自 ${v.source}）`,
      '请将 center.tlsCa 指向签发医保中心证书的 CA 的 PEM 文件（向网关运维方索取）。',
    );
  }
  if (!/-----BEGIN CERTIFICATE-----/.test(pem)) {
    throw inputError(
      'CENTER_TLS_CA',
      `${file} (center.tlsCa, from ${v.source}) holds no PEM certificate`,
      'Give the CA certificate in PEM form (text starting with -----BEGIN CERTIFICATE-----); convert a .cer/.der file with openssl x509 -inform der -in ca.cer -out ca.pem.',
    ).zh(
      `${file}（center.tlsCa，来自 ${v.source}）中没有 PEM 证书`,
      '请提供 PEM 格式的 CA 证书（以 -----BEGIN CERTIFICATE----- 开头的文本）；.cer/.der 文件可用 openssl x509 -inform der -in ca.cer -out ca.pem 转换。',
    );
  }
  return [...tls.rootCertificates, pem].join('\n');
}
