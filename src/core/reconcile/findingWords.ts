/**
 * A finding's explanation and 处理建议 in Chinese, made from its stable fields (kind, cause, ids,
 * times, field differences, repair infno) so that JSON, the journal and the English `detail` /
 * `repair.how` stay as they are. The wording follows docs/glossary.md. Pure.
 */
import type { Finding } from './types.js';

const STATUS_ZH: Record<string, string> = {
  pending: '待确认',
  void: '作废',
  settled: '已结算',
  cancelled: '已撤销',
  ok: '成功',
  unknown: '结果未知',
};

function hisStatus(f: Finding): string {
  const s = f.evidence?.his?.['his_status'];
  return s === undefined || s === null ? '' : `“${STATUS_ZH[String(s)] ?? String(s)}”`;
}

function fieldList(f: Finding): string {
  return f.fields
    .map((d) =>
      d.diff
        ? `${d.field} ${d.his ?? '—'} → ${d.center ?? '—'}（${d.diff.startsWith('-') ? '' : '+'}${d.diff}）`
        : `${d.field} ${d.his ?? '—'} → ${d.center ?? '—'}`,
    )
    .join('；');
}

/** What the finding is, in Chinese. */
export function findingDetailZh(f: Finding): string {
  const id = f.setl_id ?? f.related_setl_id ?? '?';
  const call = f.msgid ? `交易流水号 msgid ${f.msgid}` : '交易';
  const ht = f.his_setl_time ?? '?';
  const ct = f.center_setl_time ?? '?';
  switch (f.kind) {
    case 'amount_mismatch': {
      const note =
        f.cause === 'local_derivation'
          ? '（差额即 hosp_part_amt：请检查 reconcile.hospitalBorne）'
          : f.cause === 'rounding'
            ? '（差几分钱：舍入差异）'
            : f.cause === 'refund_flag'
              ? '（退费标志不同）'
              : '';
      return `结算 ${id}：双方都有该笔结算，但金额不同：${fieldList(f)}${note}。`;
    }
    case 'cross_midnight':
      return `结算 ${id} 在 HIS 中记于 ${ht}，医保中心的结算时间为 ${ct}（${f.cause === 'near_midnight' ? '跨午夜' : '不同日期'}），因此中心计入 ${ct.slice(0, 10)}。`;
    case 'refund_other_period':
      return `退费 ${id} 在 HIS 中记于 ${ht}，医保中心计于 ${ct}，属于另一对账期。`;
    case 'group_mismatch':
      return `医保中心将结算 ${id} 计在另一分组下：${f.fields.map((d) => `${d.field} 中心 ${d.center ?? '—'} / HIS ${d.his ?? '—'}`).join('，')}。`;
    case 'center_duplicate':
      return `医保中心对同一次就诊有第二笔结算${f.cause === 'keys_withheld' ? '（未返回其结算编号）' : ` ${id}`}，由${call}产生。`;
    case 'his_only':
      switch (f.cause) {
        case 'pre_settlement':
          return `结算 ${id} 是按预结算（试算）保存的；医保中心从未正式结算。`;
        case 'reversed_at_center':
          return `医保中心已冲正结算 ${id}；HIS 仍显示为${hisStatus(f)}。`;
        case 'cancelled_at_center':
          return `结算 ${id} 已在医保中心撤销（退费行 ${f.related_setl_id ?? '?'}）；HIS 仍显示为${hisStatus(f)}，且没有退费行。`;
        default:
          return `医保中心没有结算 ${id}；HIS 显示为${hisStatus(f)}，时间 ${ht}${f.cause === 'not_at_center_unconfirmed' ? '（因查询上限未发 5203 确认）' : ''}。`;
      }
    case 'center_only':
      switch (f.cause) {
        case 'no_answer':
          return `医保中心已结算${call}（setl_id ${id}）；HIS 仍显示为${hisStatus(f) || '“待确认”'}（未收到中心应答）。`;
        case 'his_rollback':
          return `医保中心已结算${call}（setl_id ${id}）；HIS 有该交易记录但没有结算行：中心提交后 HIS 回滚了。`;
        case 'his_void':
          return `医保中心已结算${call}（setl_id ${id}）；HIS 将该结算标记为作废。`;
        case 'his_missing_setl_id':
          return `医保中心已结算${call}（setl_id ${id}）；HIS 中该交易的记录没有 setl_id。`;
        case 'cancel_not_recorded':
          return `结算 ${id} 已在医保中心撤销（退费行 ${f.related_setl_id ?? '?'}）；HIS 未按撤销记账，原结算当日因此不平。`;
        case 'excluded_by_rules':
          return `医保中心有结算 ${id}；HIS 也有，但被对账规则排除（状态、退费或异地规则）。`;
        default:
          return `医保中心有结算 ${id}（${call}）；HIS 既没有该结算，也没有该交易和就诊记录。`;
      }
    default:
      return `结算 ${id} 无法自动归类（${f.cause}）：请查看证据（原始行）。`;
  }
}

/** What to do about it (处理建议), in Chinese. */
export function repairHowZh(f: Finding): string {
  const infno = f.repair.infno ?? '2208';
  switch (f.kind) {
    case 'center_only':
      switch (f.cause) {
        case 'no_answer':
          return `医保中心已结算而 HIS 仍为待确认：如患者已缴费离院，按中心应答补记 HIS 结算；否则在医保中心撤销（按 setl_id 调 ${infno}）。`;
        case 'his_rollback':
          return `医保中心结算后 HIS 回滚：撤销中心的结算（按 setl_id 调 ${infno}），或如患者已缴费则补记 HIS 记录。`;
        case 'cancel_not_recorded':
          return '医保中心已撤销该结算（有原结算和退费行），HIS 均未按此记账：在 HIS 中记录撤销——原结算记为已撤销，并记入中心的退费行。';
        case 'his_void':
          return `HIS 已将结算作废而医保中心仍有：请与收费处确认患者是否缴费。如未缴费，在医保中心撤销（${infno}）并在 HIS 记录撤销——指名处理即是决定：命令先出计划，加 --apply 才执行；否则恢复 HIS 记录。`;
        case 'his_missing_setl_id':
          return 'HIS 保存结算时没有中心的 setl_id：请按中心应答（5203）将 setl_id 和结算时间写入 HIS 记录。';
        case 'excluded_by_rules':
          return 'HIS 有该结算但被对账规则排除（状态、退费或异地）：请更正 HIS 状态，或 hisops.yaml 中的 reconcile.statuses / refunds / outOfArea。';
        default:
          return `HIS 和 hisops 都没有该结算的任何交易：请向医保中心确认是否为测试数据或其他系统的结算。确认后才在中心撤销（按 setl_id 调 ${infno}）并在 HIS 记录这一对：命令先出计划，加 --apply 才执行。`;
      }
    case 'his_only':
      if (f.cause === 'cancelled_at_center')
        return '医保中心已撤销该结算（其他终端、中心工作人员，或 HIS 一步未完成的处理）：在 HIS 中记录撤销——原结算记为已撤销并记入中心的退费行；与患者结清现金。';
      if (f.cause === 'pre_settlement')
        return 'HIS 把预结算（2206/2303）当作正式结算保存：请正式结算（2207/2304），或作废 HIS 记录并向患者收取全额。';
      return '医保中心没有该结算（已在中心撤销或冲正，或从未提交）：将 HIS 结算标记为作废并向患者收回医保支付部分，或重新结算。';
    case 'center_duplicate':
      return f.setl_id
        ? `医保中心重复结算了该笔：确认患者只被收费一次后，撤销多出的一笔（按 setl_id ${f.setl_id} 调 ${infno}）。`
        : `医保中心重复结算了该笔且未返回多出一笔的编号：确认患者只被收费一次后，冲正重复的交易（2601，omsgid ${f.msgid ?? '?'}）。`;
    case 'amount_mismatch':
      return '双方金额不同：将中心的金额（所列字段）写入 HIS 记录并核对费用明细；与患者结清现金差额。';
    case 'cross_midnight':
      return '时间差：医保中心按其自身结算时间计日；两天合计是平的。请让 HIS 保存中心的结算时间（setl_time）。';
    case 'refund_other_period':
      return '医保中心按退费自身的撤销时间计期；两个对账期合计是平的。';
    case 'group_mismatch':
      return '医保中心将该结算计在另一险种、清算类别或经办机构下：请更正 HIS 记录（或 reconcile.clrTypeMap / outOfArea）。';
    default:
      return '请查看证据（原始行）后人工决定；如 hisops 应能识别该行，请报告。';
  }
}
