/**
 * 3501/3502/3505/3506 and the batch variants 3501A/3502A/3505A/3506A: inventory and sales records with
 * their drug trace codes (drugtracinfo[].drug_trac_codg, plus the older single drug_trac_codg).
 *
 * Every code is kept. A sale (3505) of a code that is already sold and not returned is rejected
 * with retRslt 0 and a msgRslt naming the earlier sale — unless both sales are split-package sales
 * (trdn_flag 1), where one box's code legitimately appears on several sales. A return (3506)
 * frees the code again. Records are identified by their natural keys (see recordKey): sending the
 * same record again, under any msgid, answers as the first time and adds no rows; a record that
 * was rejected is judged afresh; the same key with different content is refused.
 */
import { digestOf } from '../canonical.js';
import type { TraceMovement } from '../ledger.js';
import { Refusal, text, type Handler, type HandlerCtx } from './context.js';

type Rec = Record<string, unknown>;

const MOVEMENT: Record<string, TraceMovement> = {
  '3501': 'stocktake',
  '3502': 'stock',
  '3505': 'sale',
  '3506': 'return',
};

/** The fields that identify one record of each transaction. */
function recordKey(base: string, r: Rec): string {
  const t = (k: string) => text(r, k);
  switch (base) {
    case '3501':
      return [t('invdate'), t('fixmedins_hilist_id'), t('fixmedins_bchno')].join('|');
    case '3502':
      return [t('inv_chg_time'), t('inv_chg_type'), t('fixmedins_hilist_id'), t('fixmedins_bchno')].join('|');
    case '3505':
      return [t('rtal_docno'), t('sel_retn_time'), t('fixmedins_hilist_id'), t('fixmedins_bchno')].join('|');
    default:
      return [
        t('medins_prod_sel_no') || `${t('mdtrt_sn')}@${t('sel_retn_time')}`,
        t('fixmedins_hilist_id'),
        t('fixmedins_bchno'),
      ].join('|');
  }
}

/** Every code a record carries, in order (the list and the older single field). */
export function codesOf(r: Rec): string[] {
  const out: string[] = [];
  const list = r.drugtracinfo;
  if (Array.isArray(list))
    for (const it of list) if (it && typeof it === 'object') out.push(text(it as Rec, 'drug_trac_codg'));
  const single = text(r, 'drug_trac_codg');
  if (single && !out.includes(single)) out.push(single);
  return out.filter((c) => c !== '');
}

interface Verdict {
  retRslt: '1' | '0';
  msgRslt: string;
}

function judgeSale(ctx: HandlerCtx, codes: readonly string[], trdn: string): Verdict {
  for (const code of codes) {
    let open: { trdn_flag: string | null; msgid: string; created_at: string; record_key: string }[] = [];
    for (const m of ctx.ledger.codeMovements(code)) {
      if (m.movement === 'sale') open.push(m);
      else if (open.length) open = open.slice(1);
    }
    if (open.length === 0) continue;
    const allSplit = trdn === '1' && open.every((m) => m.trdn_flag === '1');
    if (!allSplit) {
      const first = open[0]!;
      return {
        retRslt: '0',
        msgRslt: `追溯码 ${code} 已于 ${first.created_at} 销售（msgid ${first.msgid}），不能重复销售 (sold before and not returned)`,
      };
    }
  }
  return { retRslt: '1', msgRslt: '成功' };
}

function handleRecord(ctx: HandlerCtx, base: string, r: Rec): Verdict & { id?: number } {
  const key = recordKey(base, r);
  const digest = digestOf(r, ctx.texts);
  const prior = ctx.ledger.getTraceRecord(ctx.fixmedins_code, base, key);
  if (prior && prior.ret_rslt === '1') {
    if (prior.content_digest === digest) return { retRslt: '1', msgRslt: prior.msg_rslt ?? '成功', id: prior.id };
    return {
      retRslt: '0',
      msgRslt: `记录已上传且内容不同（msgid ${prior.msgid}）：${key}；请先用 3507 删除再上传 (the same record was accepted before with other content)`,
    };
  }
  const codes = codesOf(r);
  const seen = new Set<string>();
  let verdict: Verdict = { retRslt: '1', msgRslt: '成功' };
  for (const c of codes) {
    if (seen.has(c)) {
      verdict = { retRslt: '0', msgRslt: `追溯码 ${c} 在同一条记录中重复 (the same code twice in one record)` };
      break;
    }
    seen.add(c);
  }
  const movement = MOVEMENT[base]!;
  if (verdict.retRslt === '1' && movement === 'sale') verdict = judgeSale(ctx, codes, text(r, 'trdn_flag'));
  const id = ctx.ledger.putTraceRecord(
    {
      fixmedins_code: ctx.fixmedins_code,
      infno: base,
      msgid: ctx.msgid,
      record_key: key,
      content_digest: digest,
      med_list_codg: text(r, 'med_list_codg') || null,
      fixmedins_hilist_id: text(r, 'fixmedins_hilist_id') || null,
      fixmedins_bchno: text(r, 'fixmedins_bchno') || null,
      mdtrt_sn: text(r, 'mdtrt_sn') || null,
      setl_id: text(r, 'setl_id') || null,
      psn_no: text(r, 'psn_no') || null,
      cnt: text(r, 'sel_retn_cnt') || text(r, 'cnt') || text(r, 'inv_cnt') || null,
      opt_time: text(r, 'sel_retn_time') || text(r, 'inv_chg_time') || text(r, 'invdate') || null,
      ret_rslt: verdict.retRslt,
      msg_rslt: verdict.msgRslt,
      record: r,
      created_at: ctx.nowText,
    },
    codes,
    movement,
    text(r, 'trdn_flag') || null,
    prior?.id,
  );
  return { ...verdict, id };
}

export const traceUpload: Handler = (ctx) => {
  const batch = ctx.infno.endsWith('A');
  const base = batch ? ctx.infno.slice(0, -1) : ctx.infno;
  const nodeName =
    base === '3501' || base === '3502' ? (batch ? 'invinfoDetail' : 'invinfo') : batch ? 'selinfoDetail' : 'selinfo';
  const value = ctx.input[nodeName];
  const records = (batch ? (value as Rec[]) : [value as Rec]) ?? [];
  if (records.length === 0) throw new Refusal(`${nodeName} 不能为空`);
  const verdicts = records.map((r) => handleRecord(ctx, base, r));
  const ids = verdicts.map((v) => v.id).filter((x): x is number => x !== undefined);
  if (!batch) {
    const v = verdicts[0]!;
    return { output: { result: { retRslt: v.retRslt, msgRslt: v.msgRslt } }, created: { traceRecords: ids } };
  }
  const failed = verdicts.map((v, i) => ({ ...v, i })).filter((v) => v.retRslt === '0');
  const msgRslt =
    failed.length === 0
      ? '成功'
      : `${records.length - failed.length} 条成功，${failed.length} 条失败：` +
        failed
          .slice(0, 5)
          .map((f) => `[${f.i}] ${f.msgRslt}`)
          .join('；');
  return {
    output: {
      result: { retRslt: failed.length ? '0' : '1', msgRslt: msgRslt.slice(0, 500) },
      resultDetail: verdicts.map((v, i) => ({
        index: i,
        record_key: recordKey(base, records[i]!),
        retRslt: v.retRslt,
        msgRslt: v.msgRslt,
      })),
    },
    created: { traceRecords: ids },
  };
};
