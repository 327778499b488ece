/**
 * The shared utilities (core/shared, core/time days.ts), and that they compute what the copies
 * still living in the jobs compute, so switching a copy over changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closest,
  csvLine,
  decodeText,
  parseCsv,
  redactUrl,
  redactUrlPath,
  redactUrlsInText,
  redactUserInfo,
  unzipAll,
  unzipAllAsync,
  unzipOne,
  unzipOneAsync,
  zipOne,
  zipOneAsync,
  ZipError,
} from '../../../src/core/shared/index.js';
import { addDays, dayOf, daysBetween } from '../../../src/core/time/index.js';
import * as catalogDay from '../../../src/core/catalog/day.js';
import * as traceDays from '../../../src/core/trace/days.js';
import * as demoDates from '../../../src/core/demo/dates.js';
import * as period from '../../../src/core/reconcile/period.js';

describe('URL redaction', () => {
  it('hides a password and keeps the user', () => {
    expect(redactUrl('postgres://his:s3cret@db:5432/his')).toBe('postgres://his:***@db:5432/his');
    expect(redactUrl('mysql://root:p ss word@h/x')).toBe('mysql://root:***@h/x');
    expect(redactUrl('sqlite:his.db')).toBe('sqlite:his.db');
    expect(redactUrl('oracle://u@h/x')).toBe('oracle://u@h/x');
    // A raw @ inside the password: all of it hidden, not only the part before the @.
    expect(redactUrl('postgres://his:p@ss@w0rd@db:5432/his')).toBe('postgres://his:***@db:5432/his');
    expect(redactUrlsInText('url=mysql://r:a@b@h/y end')).toBe('url=mysql://r:***@h/y end');
    expect(redactUserInfo('https://u:p@q@center.example/api')).toBe('https://***@center.example/api');
  });

  it('hides every password in a text', () => {
    expect(redactUrlsInText('a postgres://u:pw@h/db and mysql://r:x@h2/y')).toBe(
      'a postgres://u:***@h/db and mysql://r:***@h2/y',
    );
  });

  it('keeps only the scheme and host of a robot address', () => {
    expect(redactUrlPath('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET')).toBe(
      'https://qyapi.weixin.qq.com/…',
    );
    expect(redactUrlPath('https://hooks.example')).toBe('https://hooks.example');
    expect(redactUrlPath('not a url')).toBe('(url)');
  });

  it('hides the whole user information of a center address', () => {
    expect(redactUserInfo('https://token@center.example/api')).toBe('https://***@center.example/api');
    expect(redactUserInfo('https://u:p@center.example/api')).toBe('https://***@center.example/api');
    expect(redactUserInfo('https://center.example/api')).toBe('https://center.example/api');
  });
});

describe('did you mean', () => {
  it('counts edits: insertions, deletions, substitutions', () => {
    expect(closest('kitten', ['sitting'], 3)).toBe('sitting');
    expect(closest('kitten', ['sitting'], 2)).toBeUndefined();
    expect(closest('', ['abc'], 3)).toBe('abc');
    expect(closest('same', ['other', 'same'], 0)).toBe('same');
  });

  it('names the closest word only when it is close enough, ignoring case', () => {
    expect(closest('tmezone', ['timezone', 'lang'])).toBe('timezone');
    expect(closest('TIMEZONE', ['timezone'])).toBe('timezone');
    expect(closest('xyz', ['timezone', 'lang'])).toBeUndefined();
    expect(closest('abcd', ['abxy'], 1)).toBeUndefined();
    expect(closest('abcd', [])).toBeUndefined();
  });
});

describe('CSV cells', () => {
  it('quotes only what needs quoting', () => {
    expect(csvLine(['plain'])).toBe('plain');
    expect(csvLine(['a,b'])).toBe('"a,b"');
    expect(csvLine(['say "hi"'])).toBe('"say ""hi"""');
    expect(csvLine(['two\nlines'])).toBe('"two\nlines"');
    expect(csvLine([null])).toBe('');
    expect(csvLine([12.5])).toBe('12.5');
    expect(csvLine(['a', 'b,c', undefined])).toBe('a,"b,c",');
  });

  it('writes every value as String() does, line breaks and carriage returns quoted', () => {
    expect(csvLine([true, false, 0, 10n, ' lead ', 'cr\rx'])).toBe('true,false,0,10, lead ,"cr\rx"');
    expect(csvLine([new Date(0)])).toBe(String(new Date(0)));
    expect(csvLine(['', ''])).toBe(',');
    expect(csvLine([])).toBe('');
  });
});

describe('CSV records', () => {
  it('reads quotes, doubled quotes, CRLF and empty cells, each record with its first line', () => {
    expect(parseCsv('a,b\r\n"x, ""y""",2\n,\n')).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['x, "y"', '2'], line: 2 },
      { cells: ['', ''], line: 3 },
    ]);
  });

  it('keeps a quoted line break in its cell and counts it, from an offset', () => {
    expect(parseCsv('k,v\n1,"two\nlines"\n3,x', 10)).toEqual([
      { cells: ['k', 'v'], line: 11 },
      { cells: ['1', 'two\nlines'], line: 12 },
      { cells: ['3', 'x'], line: 14 },
    ]);
  });

  it('reads back what csvLine writes', () => {
    const rows = [
      ['a', 'b,c', 'say "hi"'],
      ['two\nlines', '', '医保'],
    ];
    expect(parseCsv(rows.map(csvLine).join('\n')).map((r) => r.cells)).toEqual(rows);
  });
});

describe('decodeText', () => {
  // 医疗目录 in GBK, as a Windows-side center writes it.
  const GBK = Buffer.from([0xd2, 0xbd, 0xc1, 0xc6, 0xc4, 0xbf, 0xc2, 0xbc]);

  it('reads UTF-8, with or without its BOM', () => {
    expect(decodeText(Buffer.from('医疗目录\tA', 'utf8'))).toBe('医疗目录\tA');
    expect(decodeText(Buffer.from('\uFEFF医疗', 'utf8'))).toBe('医疗');
    expect(decodeText(Buffer.from('\uFEFF医疗', 'utf8'), 'utf8')).toBe('医疗');
  });

  it('falls back to GBK when the bytes are not UTF-8, GB18030 four-byte characters included', () => {
    expect(decodeText(GBK)).toBe('医疗目录');
    expect(decodeText(GBK, 'gbk')).toBe('医疗目录');
    // U+20000 (𠀀) exists only in GB18030: 95 32 82 36.
    expect(decodeText(Buffer.concat([GBK, Buffer.from([0x95, 0x32, 0x82, 0x36])]))).toBe('医疗目录\u{20000}');
  });

  it('takes the hint over the guess', () => {
    // Valid UTF-8 read as GBK gives the mojibake a wrong guess would.
    expect(decodeText(Buffer.from('医疗', 'utf8'), 'gbk')).toBe('鍖荤枟');
    expect(decodeText(GBK, 'utf8')).toContain('\uFFFD');
  });
});

describe('days in one zone rule', () => {
  it('adds and counts days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('takes the China calendar day of an instant whatever the machine zone', () => {
    expect(dayOf(new Date('2025-03-01T15:59:59Z'))).toBe('2025-03-01');
    expect(dayOf(new Date('2025-03-01T16:00:00Z'))).toBe('2025-03-02');
    expect(dayOf(new Date('2025-03-01T16:00:00Z'), 0)).toBe('2025-03-01');
  });

  const day = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('agrees with the four copies of addDays it replaces', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), (d, n) => {
        const want = addDays(d, n);
        expect(catalogDay.addDays(d, n)).toBe(want);
        expect(traceDays.addDays(d, n)).toBe(want);
        expect(demoDates.addDays(d, n)).toBe(want);
        expect(period.addDays(d, n)).toBe(want);
      }),
      { seed: 22, numRuns: 300 },
    );
  });

  it('agrees with the catalog dayOf (UTC+8); the trace one reads the machine zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true }),
        (t) => {
          expect(catalogDay.dayOf(t)).toBe(dayOf(t));
        },
      ),
      { seed: 22, numRuns: 300 },
    );
    // The trace copy is right only on a machine set to China time (noted in docs/architecture.md).
    const t = new Date('2025-03-01T16:30:00Z');
    const machineIsChina = -t.getTimezoneOffset() === 480;
    expect(traceDays.dayOf(t) === dayOf(t)).toBe(machineIsChina);
  });
});

describe('ZIP entry names', () => {
  it('reads a name stored in GBK without the UTF-8 flag (Chinese Windows), and a flagged UTF-8 one', () => {
    // zipOne writes an ASCII name unflagged; put the GBK bytes of 医疗.txt in its place (same length).
    const z = Buffer.from(zipOne('XXXX.txt', 'a\tb\n'));
    const gbkName = Buffer.concat([Buffer.from([0xd2, 0xbd, 0xc1, 0xc6]), Buffer.from('.txt')]);
    for (let i = z.indexOf('XXXX.txt'); i >= 0; i = z.indexOf('XXXX.txt', i + 1)) gbkName.copy(z, i);
    expect(unzipOne(z)).toMatchObject({ name: '医疗.txt' });
    expect(unzipOne(zipOne('目录.txt', 'x')).name).toBe('目录.txt');
  });
});

describe('ZIP on the thread pool (zipOneAsync, unzipOneAsync)', () => {
  // Megabytes, past the 1 MB output chunk, with repeats and noise (deflate's two cases).
  const text = Array.from(
    { length: 60_000 },
    (_, i) => `S${i}\tM${(i * 7919) % 100_003}\tP${i % 977}\t${i % 1000}.25\n`,
  ).join('');
  const when = new Date(2025, 2, 3, 10, 20, 30);

  it('writes the same bytes as zipOne, and reads back what it was given', async () => {
    const z = await zipOneAsync('scmxdz.txt', text, when);
    expect(z.length).toBeGreaterThan(100_000);
    expect(Buffer.compare(z, zipOne('scmxdz.txt', text, when))).toBe(0);
    const e = await unzipOneAsync(z, '.txt');
    expect(e.name).toBe('scmxdz.txt');
    expect(Buffer.from(e.data).toString('utf8')).toBe(text);
    expect(await unzipAllAsync(z)).toEqual(unzipAll(z));
  });

  it('refuses a damaged or cut archive as unzipOne does', async () => {
    const z = zipOne('scmxdz.txt', text, when);
    // A byte of the deflated data changed: the stream breaks or the checksum fails.
    const damaged = Buffer.from(z);
    damaged[200] = damaged[200]! ^ 0xff;
    const sync = (() => {
      try {
        unzipOne(damaged);
      } catch (e) {
        return e;
      }
    })() as ZipError;
    const async = await unzipOneAsync(damaged).catch((e: unknown) => e);
    expect(async).toBeInstanceOf(ZipError);
    expect((async as ZipError).message).toBe(sync.message);
    await expect(unzipOneAsync(z.subarray(0, z.length - 30))).rejects.toBeInstanceOf(ZipError);
  });
});
