/**
 * Which columns a masked clone rewrites and why (name, comment, sampled values), and what the
 * maskers promise: no duplicates where the originals were distinct, never an original value, a
 * birth-date column that agrees with the masked ID number, flags, subjects and IP addresses kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseMaskColumns,
  compileRules,
  findOriginal,
  fpeDigits,
  idCheckDigit,
  identityValue,
  isValidIdCard,
  Masker,
  ValueSet,
  type Column,
  type Table,
} from '../../../src/core/schema/index.js';

const KEY = 'unit-key';

function col(name: string, native = 'varchar(255)', comment?: string): Column {
  const base = /^date/.test(native) ? 'date' : /^text/.test(native) ? 'text' : 'varchar';
  const length = /\((\d+)\)/.exec(native)?.[1];
  return {
    name,
    type: { base, native, ...(length ? { length: Number(length) } : {}) },
    nullable: true,
    ...(comment ? { comment } : {}),
  } as Column;
}
function table(name: string, columns: Column[]): Table {
  return { name, columns, indexes: [], foreignKeys: [], checks: [] };
}
const idOf = (first17: string) => first17 + idCheckDigit(first17);

describe('choosing the columns to mask', () => {
  const rules = compileRules();
  const by = (t: Table, sample: Array<Record<string, unknown>> = []) =>
    Object.fromEntries(chooseMaskColumns(t, rules, sample).map((c) => [c.column, c]));

  it('picks OpenEMR insurance_data subscriber columns by name, and the DOB date column as a birth date', () => {
    const t = table(
      'insurance_data',
      [
        'provider',
        'subscriber_lname',
        'subscriber_fname',
        'subscriber_mname',
        'subscriber_ss',
        'subscriber_street',
        'subscriber_street_line_2',
        'subscriber_phone',
        'subscriber_relationship',
        'subscriber_city',
      ]
        .map((c) => col(c))
        .concat([col('subscriber_DOB', 'date'), col('date', 'date')]),
    );
    const c = by(t);
    expect(c.subscriber_lname).toMatchObject({ kind: 'name', by: 'name' });
    expect(c.subscriber_fname).toMatchObject({ kind: 'name', by: 'name' });
    expect(c.subscriber_ss).toMatchObject({ kind: 'idcard', by: 'name' });
    expect(c.subscriber_street).toMatchObject({ kind: 'address', by: 'name' });
    expect(c.subscriber_street_line_2).toMatchObject({ kind: 'address' });
    expect(c.subscriber_phone).toMatchObject({ kind: 'phone' });
    expect(c.subscriber_DOB).toMatchObject({ kind: 'birthdate', by: 'name' });
    expect(c.provider).toMatchObject({ skip: 'none' });
    expect(c.subscriber_relationship!.kind).toBeUndefined();
    expect(c.date).toBeUndefined(); // a date column is listed only when it holds a birth date
  });

  it('picks psn_no (which embeds the ID number) and brdy of the reference HIS', () => {
    const t = table('his_settlement', [
      col('psn_no', 'varchar(30)'),
      col('certno', 'varchar(50)'),
      col('psn_cert_type', 'varchar(6)'),
      col('brdy', 'date'),
    ]);
    const c = by(t);
    expect(c.psn_no).toMatchObject({ kind: 'idcard', by: 'name' });
    expect(c.brdy).toMatchObject({ kind: 'birthdate' });
    expect(c.psn_cert_type!.kind).toBeUndefined();
  });

  it('picks columns by Chinese and English comments', () => {
    const t = table('hz', [
      col('a', 'varchar(50)', '患者姓名'),
      col('b', 'varchar(30)', '身份证号'),
      col('c', 'varchar(20)', '联系电话'),
      col('d', 'varchar(200)', '家庭住址'),
      col('e', 'date', '出生日期'),
      col('f', 'varchar(30)', '医保号'),
      col('g', 'varchar(30)', '个人编号'),
      col('h', 'varchar(30)', '人员编号'),
      col('i', 'varchar(50)', '紧急联系人'),
      col('j', 'varchar(50)', '联系人电话'),
      col('k', 'varchar(50)', 'IP地址'),
      col('l', 'varchar(50)', "patient's date of birth"),
      col('m', 'varchar(100)', '药品名称'),
    ]);
    const c = by(t);
    expect([c.a, c.b, c.c, c.d, c.e, c.f, c.g, c.h, c.i, c.j, c.l].map((x) => `${x!.kind}/${x!.by}`)).toEqual([
      'name/comment',
      'idcard/comment',
      'phone/comment',
      'address/comment',
      'birthdate/comment',
      'idcard/comment',
      'idcard/comment',
      'idcard/comment',
      'name/comment',
      'phone/comment',
      'birthdate/comment',
    ]);
    expect(c.a!.detail).toBe('姓名');
    expect(c.k!.kind).toBeUndefined();
    expect(c.m!.kind).toBeUndefined();
  });

  it('picks columns by their values: ID numbers, embedded ID numbers, mobiles, e-mails, identities inside free text', () => {
    const ids = Array.from({ length: 10 }, (_, i) => idOf(`43010019800101${String(100 + i)}`));
    const sample = ids.map((id, i) => ({
      c1: id,
      c2: `430100${id}`,
      c3: `1390000${String(1000 + i)}`,
      c4: `p${i}@mail.cn`,
      c5: i < 2 ? `回电 1390000${1000 + i}` : '无',
      c6: `X${i}`,
    }));
    const c = by(
      table(
        't',
        ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((x) => col(x)),
      ),
      sample,
    );
    expect(c.c1).toMatchObject({ kind: 'idcard', by: 'values', what: 'id', hits: 10, sampled: 10 });
    expect(c.c2).toMatchObject({ kind: 'idcard', by: 'values', what: 'embedded-id' });
    expect(c.c3).toMatchObject({ kind: 'phone', by: 'values', what: 'mobile' });
    expect(c.c4).toMatchObject({ kind: 'email', by: 'values' });
    expect(c.c5).toMatchObject({ kind: 'tokens', by: 'values', what: 'in-text', hits: 2 });
    expect(c.c6).toMatchObject({ skip: 'none' });
    // an 18-digit number with a wrong check character is not an ID number
    expect(
      by(
        table('t', [col('n')]),
        ids.map((id) => ({ n: id.slice(0, 17) + (id[17] === '0' ? '1' : '0') })),
      ).n!.kind,
    ).toBeUndefined();
  });

  it('keeps flags, subjects and IP addresses: hipaa_allowemail, email_subject, ip_address', () => {
    const t = table('t', [
      col('hipaa_allowemail', 'varchar(3)'),
      col('email_subject', 'varchar(100)'),
      col('ip_address'),
      col('email_flag_x', 'varchar(10)'),
      col('contact_email'),
      col('home_addr'),
    ]);
    const sample = Array.from({ length: 20 }, (_, i) => ({
      hipaa_allowemail: i % 2 ? 'YES' : 'NO',
      email_subject: 'Lab results',
      ip_address: `10.0.0.${i}`,
      email_flag_x: 'YES',
      contact_email: `a${i}@b.cn`,
      home_addr: i % 2 ? 'Y' : 'N',
    }));
    const c = by(t, sample);
    expect(c.hipaa_allowemail).toMatchObject({ skip: 'not-personal', detail: 'flag' });
    expect(c.email_subject).toMatchObject({ skip: 'not-personal', detail: 'message' });
    expect(c.ip_address).toMatchObject({ skip: 'not-personal', detail: 'ip' });
    expect(c.contact_email).toMatchObject({ kind: 'email' });
    // chosen by name, but the values are flags
    expect(c.home_addr).toMatchObject({ skip: 'flag', detail: 'N, Y' });
    // a rule of the user's wins
    const mine = compileRules([{ column: 'email_subject', kind: 'text' }]);
    expect(chooseMaskColumns(t, mine, sample).find((x) => x.column === 'email_subject')).toMatchObject({
      kind: 'text',
      by: 'rule',
    });
  });
});

describe('maskers', () => {
  it('never gives two distinct ID numbers the same mask, keeps region, year, sex parity and a valid check character', () => {
    // a whole birth year of one district and sex: the permutation is one-to-one on it
    const m = new Masker({ key: KEY });
    const seen = new Map<string, string>();
    const p2 = (n: number) => String(n).padStart(2, '0');
    for (let day = 0; day < 365; day += 3) {
      const t = new Date(Date.UTC(1985, 0, 1 + day));
      for (let seq = 1; seq < 1000; seq += 37) {
        const id = idOf(
          `110105${t.getUTCFullYear()}${p2(t.getUTCMonth() + 1)}${p2(t.getUTCDate())}${String(seq).padStart(3, '0')}`,
        );
        const x = m.mask('idcard', id) as string;
        expect(isValidIdCard(x)).toBe(true);
        expect(x.slice(0, 10)).toBe(id.slice(0, 10));
        expect(Number(x[16]) % 2).toBe(Number(id[16]) % 2);
        expect(seen.has(x), `${id} and ${seen.get(x)} both became ${x}`).toBe(false);
        seen.set(x, id);
      }
    }
    expect(seen.size).toBeGreaterThan(3000);
  });

  it('never gives two distinct mobiles the same mask, and keeps the carrier prefix', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 99_999_999 }), { minLength: 50, maxLength: 300 }),
        (nums) => {
          const m = new Masker({ key: KEY });
          const out = nums.map((n) => m.mask('phone', `139${String(n).padStart(8, '0')}`) as string);
          expect(new Set(out).size).toBe(nums.length);
          for (const o of out) expect(o).toMatch(/^139\d{8}$/);
        },
      ),
      { numRuns: 20 },
    );
    // the digit permutation itself is one-to-one on every 4-digit string
    const all = new Set(Array.from({ length: 10000 }, (_, i) => fpeDigits(String(i).padStart(4, '0'), KEY, 't')));
    expect(all.size).toBe(10000);
  });

  it("never produces an original value: a first try that is some real person's is tried again, still one-to-one", () => {
    // originals: a dense block of one district/year; many first tries land on another original
    const p2 = (n: number) => String(n).padStart(2, '0');
    const ids: string[] = [];
    // half of all even sequences of every day of January 1990: every first try of a day is taken
    for (let d = 1; d <= 28; d++)
      for (let s = 0; s < 1000; s += 4) ids.push(idOf(`110105199001${p2(d)}${String(s).padStart(3, '0')}`));
    const uniq = [...new Set(ids)];
    const originals = new ValueSet();
    for (const id of uniq) originals.add(id, 2);
    const m = new Masker({ key: KEY, originals });
    for (const id of uniq) m.notePlanned('idcard', id);
    const out = uniq.map((id) => m.mask('idcard', id) as string);
    expect(out.filter((x) => originals.has(x))).toEqual([]);
    expect(new Set(out).size).toBe(uniq.length);
    expect(m.retries).toBeGreaterThan(0);
    // deterministic within the run
    expect(uniq.slice(0, 50).map((id) => m.mask('idcard', id))).toEqual(out.slice(0, 50));
  });

  it("masks a person number with its embedded ID as the ID column, and the birth date column to the masked ID's day", () => {
    const m = new Masker({ key: KEY });
    const id = idOf('43010019670221699');
    const row = m.maskRow({ psn_no: `430100${id}`, certno: id, brdy: '1967-02-21', gend: '1', other: 'x' }, [
      { column: 'psn_no', kind: 'idcard' },
      { column: 'certno', kind: 'idcard' },
      { column: 'brdy', kind: 'birthdate' },
    ]);
    const certno = row.certno as string;
    expect(row.psn_no).toBe(`430100${certno}`);
    expect(certno).not.toBe(id);
    expect(row.brdy).toBe(`${certno.slice(6, 10)}-${certno.slice(10, 12)}-${certno.slice(12, 14)}`);
    expect(row.other).toBe('x');
    // a birth date column alone masks to the same day as an ID with that birth date
    expect(m.mask('birthdate', '1967-02-21')).toBe(row.brdy);
    expect(m.mask('birthdate', '19670221')).toBe(String(row.brdy).replace(/-/g, ''));
    // a row whose DOB disagrees with its ID still ends up agreeing after masking
    const odd = m.maskRow({ certno: id, dob: '1970-05-05 00:00:00' }, [
      { column: 'certno', kind: 'idcard' },
      { column: 'dob', kind: 'birthdate' },
    ]);
    expect(odd.dob).toBe(`${certno.slice(6, 10)}-${certno.slice(10, 12)}-${certno.slice(12, 14)} 00:00:00`);
  });

  it('replaces identities inside free text and keeps the rest', () => {
    const originals = new ValueSet();
    originals.add('张小明', 1);
    const m = new Masker({ key: KEY, originals });
    const id = idOf('11010519800101123');
    const out = m.mask('tokens', `{"psn_name":"张小明","certno":"${id}","tel":"13812345678","memo":"复诊"}`) as string;
    expect(out).not.toContain('张小明');
    expect(out).not.toContain(id);
    expect(out).not.toContain('13812345678');
    expect(out).toContain('"memo":"复诊"');
    expect(JSON.parse(out).certno).toBe(m.mask('idcard', id));
  });
});

describe('the scan for original values', () => {
  it('finds whole values, words of free text and ID numbers inside person numbers, and ignores what cannot identify', () => {
    const set = new ValueSet();
    const id = idOf('11010519800101123');
    for (const [v, k] of [
      ['张小明', 1],
      [id, 2],
      ['13812345678', 3],
    ] as const)
      set.add(v, k);
    expect(findOriginal('张小明', set)).toBe(1);
    expect(findOriginal('{"name":"张小明"}', set)).toBe(1);
    expect(findOriginal(`110105${id}`, set)).toBe(2);
    expect(findOriginal('+8613812345678', set)).toBe(3);
    expect(findOriginal('张小明明', set)).toBe(0);
    expect(findOriginal('13812345679', set)).toBe(0);
    expect(identityValue('name', 'A')).toBeUndefined();
    expect(identityValue('name', 'Brown')).toBeUndefined();
    expect(identityValue('name', 'Mary Brown')).toBe('Mary Brown');
    expect(identityValue('phone', 'N/A')).toBeUndefined();
    expect(identityValue('name', ' 李四 ')).toBe('李四');
    // a set of many values grows and still finds them all
    const big = new ValueSet(16);
    for (let i = 0; i < 50_000; i++) big.add(`v${i}`, 1 + (i % 5));
    expect(big.size).toBe(50_000);
    expect(big.kindOf('v49999')).toBe(1 + (49999 % 5));
    expect(big.has('v50000')).toBe(false);
  });
});
