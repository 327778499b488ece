/** 1101 person information: the sandbox's deterministic roster (see roster.ts). */
import { fmt, toWire } from '../../../money.js';
import { isResidentId, personAge, syntheticCertno, type Person } from '../roster.js';
import { node, Refusal, text, type Handler } from './context.js';

function insuinfoOf(p: Person, balc: string): Record<string, unknown> {
  return {
    balc: toWire(balc),
    insutype: p.insutype,
    psn_type: p.psn_type,
    psn_insu_stas: p.psn_insu_stas,
    psn_insu_date: p.psn_insu_date,
    paus_insu_date: null,
    cvlserv_flag: p.cvlserv_flag,
    insuplc_admdvs: p.insuplc_admdvs,
    emp_name: p.emp_name,
  };
}

export const personInfo: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const certType = text(d, 'mdtrt_cert_type');
  const certNo = text(d, 'mdtrt_cert_no');
  const certno = text(d, 'certno');
  let id: string;
  if (certType === '02') {
    if (certno && certno !== certNo)
      throw new Refusal(
        `证件号码不一致：certno ${certno} differs from mdtrt_cert_no ${certNo} (for mdtrt_cert_type 02 both are the ID number)`,
      );
    id = certNo;
  } else {
    // An e-voucher token or a card number stands for a person; the certno, when sent, must be theirs.
    id = certno || syntheticCertno(`${certType}:${certNo}`, ctx.opts.admdvs);
  }
  if (text(d, 'psn_cert_type') === '01' && !isResidentId(id)) {
    throw new Refusal(
      `未查询到人员信息：${id} 不是有效的居民身份证号 (not a valid 18-character resident ID: check the number and its last character)`,
    );
  }
  const p = ctx.ledger.personByCertno(id, ctx.today);
  if (!p.insured) throw new Refusal(`未查询到参保信息：证件号码 ${id} 无参保记录 (the person has no insurance record)`);
  const name = text(d, 'psn_name');
  if (name && name !== p.psn_name)
    throw new Refusal(`姓名与证件号码不符：${name} (the name registered for ${id} is different)`);
  const balc = fmt(ctx.ledger.balance(p.psn_no, ctx.today));
  return {
    output: {
      baseinfo: {
        psn_no: p.psn_no,
        psn_cert_type: p.psn_cert_type,
        certno: p.certno,
        psn_name: p.psn_name,
        gend: p.gend,
        naty: p.naty,
        brdy: p.brdy,
        age: personAge(p, ctx.today),
        exp_content: '',
      },
      insuinfo: [insuinfoOf(p, balc)],
      idetinfo: [],
    },
  };
};
