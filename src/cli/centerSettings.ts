/**
 * The center settings of the selected institution as the plain object the center client takes
 * (core/center's CenterConfig), built from hisops.yaml / HISOPS_* / defaults. The secret is read
 * here, kept in memory only.
 */
import type { Ctx } from './context.js';
import { inputError } from '../core/errors.js';

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
  /** The center's clock, minutes east of UTC (center.utcOffsetMinutes, default 480). */
  utcOffsetMinutes: number;
}

/** The largest offset a clock on Earth uses (UTC+14). */
const MAX_OFFSET = 840;

export function centerSettings(ctx: Ctx, overrides: { baseUrl?: string } = {}): CenterSettings {
  const g = <T = string>(k: string) => ctx.get<T>(k);
  const scheme = g<'none' | 'tif' | 'hsaf'>('center.gateway');
  return {
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
    utcOffsetMinutes: utcOffsetOf(g<number>('center.utcOffsetMinutes')),
  };
}

function utcOffsetOf(v: number | undefined): number {
  const n = v === undefined ? 480 : Number(v);
  if (!Number.isInteger(n) || n > MAX_OFFSET) {
    throw inputError('CONFIG_INVALID', `center.utcOffsetMinutes ${v} is not a clock offset`, `Set center.utcOffsetMinutes to the center's clock in minutes east of UTC, from 0 to ${MAX_OFFSET} (480 = China time).`);
  }
  return n;
}
