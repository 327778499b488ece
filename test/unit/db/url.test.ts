import { describe, expect, it } from 'vitest';
import { parseDbUrl, redactUrl, isDbUrl } from '../../../src/core/db/index.js';
import { HisopsError } from '../../../src/core/errors.js';

describe('database URLs', () => {
  it.each([
    ['oracle://his@10.0.0.5:1521/HISDB', 'oracle', '10.0.0.5', 1521, 'HISDB'],
    ['postgres://app@db.local/his', 'postgres', 'db.local', 5432, 'his'],
    ['postgresql://app@db.local:6543/his', 'postgres', 'db.local', 6543, 'his'],
    ['mysql://root@127.0.0.1:3306/his', 'mysql', '127.0.0.1', 3306, 'his'],
    ['mariadb://root@127.0.0.1/his', 'mysql', '127.0.0.1', 3306, 'his'],
    ['mssql://sa@sql01:1433/HIS', 'mssql', 'sql01', 1433, 'HIS'],
  ])('%s → %s on %s:%i/%s', (url, dialect, host, port, database) => {
    const t = parseDbUrl(url);
    expect(t).toMatchObject({ dialect, host, port, database, passwordInUrl: false });
  });

  it('reads SQLite paths in both spellings', () => {
    expect(parseDbUrl('sqlite:.hisops/his.db')).toMatchObject({ dialect: 'sqlite', file: '.hisops/his.db' });
    expect(parseDbUrl('sqlite:///var/his.db')).toMatchObject({ dialect: 'sqlite', file: '/var/his.db' });
    expect(parseDbUrl('sqlite::memory:')).toMatchObject({ dialect: 'sqlite', file: ':memory:' });
  });

  it('keeps a password out of what it shows', () => {
    const t = parseDbUrl('postgres://his:p%40ss@db:5432/his');
    expect(t.password).toBe('p@ss');
    expect(t.passwordInUrl).toBe(true);
    expect(t.display).not.toContain('p%40ss');
    expect(t.display).not.toContain('p@ss');
    expect(redactUrl('oracle://his:secret@db:1521/X')).toBe('oracle://his:***@db:1521/X');
  });

  it('rejects unknown schemes with the forms it understands (exit 2)', () => {
    let err: unknown;
    try {
      parseDbUrl('db2://user:hunter2@host/x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HisopsError);
    const he = err as HisopsError;
    expect(he.exit).toBe(2);
    expect(he.summary).not.toContain('hunter2');
    expect(he.fix).toContain('oracle://');
    expect(isDbUrl('db2://x')).toBe(false);
    expect(isDbUrl('sqlite:x.db')).toBe(true);
  });
});
