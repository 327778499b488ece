/**
 * 3301 mapping upload and 3302 mapping revocation. Uploading the same mapping again updates it
 * (idempotent); an item already mapped to another national code with overlapping dates is refused
 * until that mapping is revoked.
 */
import { node, Refusal, text, type Handler } from './context.js';

export const mappingUpload: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const hilist = text(d, 'fixmedins_hilist_id');
  const list_type = text(d, 'list_type');
  const code = text(d, 'med_list_codg');
  const begndate = text(d, 'begndate');
  const enddate = text(d, 'enddate');
  if (begndate > enddate) throw new Refusal(`开始日期晚于结束日期：begndate ${begndate} > enddate ${enddate}`);
  const clash = ctx.ledger
    .activeMappingsOf(ctx.fixmedins_code, hilist)
    .find(
      (m) => !(m.list_type === list_type && m.med_list_codg === code) && m.begndate <= enddate && begndate <= m.enddate,
    );
  if (clash) {
    throw new Refusal(
      `医药机构目录 ${hilist} 已对照 ${clash.med_list_codg} (${clash.begndate}–${clash.enddate})；请先用 3302 撤销 (revoke the existing mapping before mapping it to ${code})`,
    );
  }
  ctx.ledger.upsertMapping({
    fixmedins_code: ctx.fixmedins_code,
    fixmedins_hilist_id: hilist,
    list_type,
    med_list_codg: code,
    fixmedins_hilist_name: text(d, 'fixmedins_hilist_name'),
    begndate,
    enddate,
    record: d,
    msgid: ctx.msgid,
    uploaded_at: ctx.nowText,
  });
  return { output: {}, created: { mapping: [hilist, list_type, code] } };
};

export const mappingRevoke: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const code = text(d, 'fixmedins_code');
  if (code !== ctx.fixmedins_code)
    throw new Refusal(`机构编号不符：data.fixmedins_code ${code} ≠ ${ctx.fixmedins_code}`);
  const hilist = text(d, 'fixmedins_hilist_id');
  const list_type = text(d, 'list_type');
  const med = text(d, 'med_list_codg');
  const m = ctx.ledger.getMapping(code, hilist, list_type, med);
  if (!m) throw new Refusal(`对照信息不存在：${hilist} → ${med} (list_type ${list_type}); nothing to revoke`);
  if (m.revoked_at) throw new Refusal(`对照信息已撤销：${hilist} → ${med} (revoked at ${m.revoked_at})`);
  ctx.ledger.revokeMapping(code, hilist, list_type, med, ctx.nowText, ctx.msgid);
  return { output: {}, created: { revokedMapping: [hilist, list_type, med] } };
};
