/**
 * Why a settlement was classified so, in Chinese: made from the finding's states (his_state,
 * center_state, classification, deltas) in the same order as classifyStuck's `decide`, so that
 * JSON and the journal keep the English `why`. Pure.
 */
import { centerNoteWords } from './centerNoteWords.js';
import type { Finding, HisState } from './types.js';

const HIS_ZH: Record<HisState, string> = {
  settled: '已结算',
  pending: '待确认',
  void: '作废',
  cancelled: '已撤销',
  missing: '无记录',
  other: '其他',
};

/** The center's side of a finding, as a verb phrase. */
function centerWord(f: Finding): string {
  switch (f.center_state) {
    case 'absent':
      return '没有该结算';
    case 'reversed':
      return '已冲正';
    case 'cancelled':
      return '已撤销';
    default:
      return '已结算';
  }
}

export function stuckWhyZh(f: Finding): string {
  const his = HIS_ZH[f.his_state] ?? String(f.his_state);
  const note =
    f.center.note && f.classification !== 'unreachable' && f.center_via !== '5203'
      ? `（${centerNoteWords('zh-CN', f.center.note)}）`
      : '';
  const gone = f.center_state === 'cancelled' || f.center_state === 'reversed' || f.center_state === 'absent';
  let why: string;
  if (f.center_state === 'unreachable')
    return `无法向医保中心查询（${centerNoteWords('zh-CN', f.center.note) ?? '无应答'}）`;
  if (f.classification === 'cancel_unrecorded') {
    const hisWord =
      f.his_state === 'missing'
        ? '没有该结算的记录'
        : f.his_state === 'cancelled'
          ? '已标记撤销但没有退费行'
          : `显示为“${his}”`;
    why = `医保中心已撤销（原结算和退费行都在中心账上）；HIS ${hisWord}`;
  } else if (f.center_state === 'unknown') {
    why = `不知道 setl_id，5203 也无法查明该交易的结果；HIS 显示为“${his}”`;
  } else if (f.his_state === 'settled') {
    why = gone
      ? `HIS 显示已结算；医保中心${centerWord(f)}`
      : f.deltas.length
        ? `双方都已结算；${f.deltas.map((d) => d.field).join('、')} 不同`
        : '双方都已结算，金额一致';
  } else if (f.his_state === 'pending') {
    why = gone ? `HIS 在等待应答；医保中心${centerWord(f)}` : '医保中心已结算；HIS 从未保存应答（仍为待确认）';
  } else if (f.his_state === 'missing') {
    why = gone ? `HIS 没有结算记录；医保中心${centerWord(f)}` : '医保中心已结算；HIS 没有结算记录（调用后 HIS 回滚）';
  } else if (f.his_state === 'void' || f.his_state === 'cancelled') {
    why = gone ? `HIS 已标记为“${his}”；医保中心${centerWord(f)}` : `医保中心已结算；HIS 标记为“${his}”`;
  } else {
    why = gone ? `HIS 状态为“${his}”；医保中心${centerWord(f)}` : `HIS 状态为“${his}”；医保中心已结算`;
  }
  return why + note;
}
