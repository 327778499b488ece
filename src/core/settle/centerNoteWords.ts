/**
 * The stuck job's states and the notes on the center's side, in the run's language. The notes
 * (CenterView.note) are composed in English from a few fixed phrases around ids and the center's
 * own messages (already Chinese); JSON and the journal keep them so. Under zh-CN each phrase is
 * replaced by its Chinese, leaving ids, codes and the center's words as they are. A phrase with no
 * entry here stays English, and test/unit/settle/centerNoteWords.test.ts lists every phrase the
 * settle module writes. Pure.
 */
import type { CenterState, CenterView, HisState } from './types.js';

const HIS_ZH: Record<HisState, string> = {
  settled: '已结算',
  pending: '待确认',
  void: '作废',
  cancelled: '已撤销',
  missing: '无记录',
  other: '其他',
};
const CENTER_ZH: Record<CenterState, string> = {
  settled: '已结算',
  cancelled: '已撤销',
  reversed: '已冲正',
  absent: '无此结算',
  unknown: '不明',
  unreachable: '无法查询',
};
const VIA_ZH: Record<CenterView['via'], string> = {
  '5203': '5203',
  journal: '交易日志',
  his_log: 'HIS 日志',
  none: '无',
};

/** `settled` → 已结算 under zh-CN; the code itself in English. */
export function hisStateWord(lang: 'en' | 'zh-CN', s: HisState): string {
  return lang === 'zh-CN' ? (HIS_ZH[s] ?? s) : s;
}

export function centerStateWord(lang: 'en' | 'zh-CN', s: CenterState, via: CenterView['via']): string {
  if (lang !== 'zh-CN') return `${s}${via !== 'none' ? ` (${via})` : ''}`;
  return `${CENTER_ZH[s] ?? s}${via !== 'none' ? `（${VIA_ZH[via] ?? via}）` : ''}`;
}

/** Phrase → Chinese, applied in order; `$1`… keep the ids the phrase carries. */
const PHRASES: Array<[RegExp, string]> = [
  [/reversed by hisops's 2601 msgid (\S+)/g, '已由 hisops 的 2601（msgid $1）冲正'],
  [/cancelled by hisops's (\d+) msgid (\S+)/g, '已由 hisops 的 $1（msgid $2）撤销'],
  [/2601 msgid (\S+) was answered: /g, '2601（msgid $1）的应答：'],
  [/the (\d+) call certainly failed: /g, '$1 交易确定失败：'],
  [/the (\d+) call certainly failed/g, '$1 交易确定失败'],
  [/the HIS log records the center's refusal \(infcode (\S+)\)/g, 'HIS 日志记录了医保中心的拒绝（infcode $1）'],
  [
    /5203 by visit \(mdtrt_id (\S+)\) found setl_id (\S+) made by this call/g,
    '按就诊（mdtrt_id $1）查询 5203，找到本次交易产生的 setl_id $2',
  ],
  [/the refund settlement is on record at the center/g, '医保中心有该退费结算的记录'],
  [
    /the HIS row is a refund \(refd_setl_flag 1\), but 5203 answers setl_id (\S+) as a settlement that is not one; check the row's setl_id by hand/g,
    'HIS 中该行是退费（refd_setl_flag 1），但 5203 应答的 setl_id $1 不是退费结算；请人工核对该行的 setl_id',
  ],
  [
    /the center answers with a refund settlement \(refd_setl_flag (\S+), medfee_sumamt (\S+)\)/g,
    '医保中心应答的是退费结算（refd_setl_flag $1，medfee_sumamt $2）',
  ],
  [
    /5203 still shows it, but hisops's (\d+) \(msgid (\S+)\) cancelling it was answered/g,
    '5203 仍显示该结算，但 hisops 撤销它的 $1（msgid $2）已得到应答',
  ],
  [
    /5203 by visit still shows setl_id (\S+), but hisops's 2601 msgid (\S+) reversing the call was answered/g,
    '按就诊查询 5203 仍显示 setl_id $1，但 hisops 冲正该交易的 2601（msgid $2）已得到应答',
  ],
  [
    /no setl_id is known and 5203 by visit \(mdtrt_id (\S+)\) did not find this call: /g,
    '不知道 setl_id，按就诊（mdtrt_id $1）查询 5203 未找到本次交易：',
  ],
  [
    /no setl_id is known; 5203 by visit \(mdtrt_id (\S+)\) answers setl_id (\S+) of another call \(medins_setl_id (\S+)\)/g,
    '不知道 setl_id；按就诊（mdtrt_id $1）查询 5203 应答的是另一次交易的 setl_id $2（medins_setl_id $3）',
  ],
  [/5203 was refused: /g, '5203 被拒绝：'],
  [/no psn_no is known \(5203 needs one\)/g, '不知道 psn_no（5203 需要它）'],
  [
    /neither a setl_id nor the visit \(mdtrt_id\) is known to ask 5203 by/g,
    '既不知道 setl_id，也不知道就诊（mdtrt_id），无法查询 5203',
  ],
  [
    /no setl_id is known, and without the msgid of the call an answer by visit cannot be told apart from other settlements of the visit/g,
    '不知道 setl_id；没有该交易的 msgid，按就诊查询的应答无法与该次就诊的其他结算区分',
  ],
  [/hisops's journal already tells/g, 'hisops 的交易日志已可判断'],
  [/no setl_id is known, and the center was not asked by visit/g, '不知道 setl_id，也未按就诊询问医保中心'],
  [/the center was not asked/g, '未询问医保中心'],
  [/\(none\)/g, '（无）'],
];

/** A note on the center's side in the run's language. */
export function centerNoteWords(lang: 'en' | 'zh-CN', note: string | null): string | null {
  if (note === null || lang !== 'zh-CN') return note;
  let out = note;
  for (const [re, zh] of PHRASES) out = out.replace(re, zh);
  return out;
}
