import { describe, expect, it } from 'vitest';
import { diffModels, fingerprint, formatDiffText, renameCandidates } from '../../../src/core/schema/index.js';
import { col, lit, model, table } from './build.js';

const patient = () =>
  table(
    'patient',
    [
      col('id', 'int(11)', { nullable: false, autoIncrement: true }),
      col('name', 'varchar(50)', { default: { kind: 'null' } }),
      col('idno', 'varchar(18)', { nullable: false, default: lit('') }),
    ],
    {
      primaryKey: { name: 'PRIMARY', columns: ['id'] },
      indexes: [{ name: 'idno', columns: [{ name: 'idno' }], unique: false }],
    },
  );

describe('diffModels', () => {
  it('finds nothing between a model and itself, and equal fingerprints', () => {
    const a = model([patient()]);
    const d = diffModels(a, model([patient()]));
    expect(d.equal).toBe(true);
    expect(fingerprint(a)).toBe(fingerprint(model([patient()])));
  });

  it('lists missing, extra and changed objects with counts', () => {
    const cur = model([patient(), table('old_log', [col('x', 'int')])]);
    const p = patient();
    p.columns[1] = col('name', 'varchar(100)');
    p.columns.push(col('phone', 'varchar(20)'));
    const tgt = model([p, table('visit', [col('id', 'int', { nullable: false })])]);
    const d = diffModels(cur, tgt);
    expect(d.changes.map((c) => c.kind).sort()).toEqual(['column.add', 'column.alter', 'table.add', 'table.drop']);
    expect(d.counts.table).toEqual({ missing: 1, extra: 1, changed: 0 });
    expect(d.counts.column).toEqual({ missing: 1, extra: 0, changed: 1 });
    const add = d.changes.find((c) => c.kind === 'column.add');
    expect(add && add.kind === 'column.add' && add.after).toBe('idno');
    const text = formatDiffText(d).join('\n');
    expect(text).toMatch(/4 difference/);
    expect(text).toMatch(/patient\.name .*varchar\(50\) → varchar\(100\)/);
  });

  it('shows what a changed default was and becomes, in both languages', () => {
    const a = model([
      table('ward', [
        col('code', 'char(3)', { nullable: false, default: lit('') }),
        col('at', 'datetime', { default: { kind: 'null' } }),
      ]),
    ]);
    const b = model([
      table('ward', [
        col('code', 'char(3)', { nullable: false }),
        col('at', 'datetime', { default: { kind: 'expr', sql: 'CURRENT_TIMESTAMP' } }),
      ]),
    ]);
    const d = diffModels(a, b);
    for (const lang of ['en', 'zh-CN'] as const) {
      const text = formatDiffText(d, lang).join('\n');
      expect(text).toMatch(/ward\.code\S*( \(default\))? +DEFAULT '' → —$/m);
      expect(text).toMatch(/ward\.at\S*( \(default\))? +DEFAULT NULL → DEFAULT CURRENT_TIMESTAMP$/m);
    }
  });

  it('compares charsets only on columns that have one: a table collation change is no change of its int/date/decimal columns', () => {
    const cols = (coll: string) => [
      col('id', 'int(11)', { nullable: false }),
      col('seen', 'date'),
      col('fee', 'decimal(8,2)'),
      col('note', 'varchar(20)', { charset: 'utf8mb4', collation: coll }),
    ];
    const a = model([
      table('visit', cols('utf8mb4_general_ci'), {
        options: { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_general_ci' },
      }),
    ]);
    const b = model([
      table('visit', cols('utf8mb4_unicode_ci'), {
        options: { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' },
      }),
    ]);
    const d = diffModels(a, b);
    expect(
      d.changes.map((c) => (c.kind === 'column.alter' ? `${c.kind} ${c.to.name} ${c.aspects.join(',')}` : c.kind)),
    ).toEqual(['table.options', 'column.alter note charset']);
  });

  it('ignores display widths, default spellings and DEFAULT NULL on nullable columns', () => {
    const a = model([
      table('t', [
        col('n', 'int(11)', { default: lit('0') }),
        col('d', 'decimal(10,2)', { default: lit('0.00') }),
        col('s', 'varchar(5)', { default: { kind: 'null' } }),
      ]),
    ]);
    const b = model([
      table('t', [
        col('n', 'int', { default: lit('0') }),
        col('d', 'decimal(10,2)', { default: lit('0') }),
        col('s', 'varchar(5)'),
      ]),
    ]);
    expect(diffModels(a, b).equal).toBe(true);
  });

  it('treats NO ACTION and RESTRICT as one rule on MySQL, not on PostgreSQL', () => {
    const fk = (rule: 'NO ACTION' | 'RESTRICT') =>
      table('c', [col('p', 'int')], {
        foreignKeys: [
          { name: 'fk', columns: ['p'], refTable: 'p', refColumns: ['id'], onDelete: rule, onUpdate: rule },
        ],
      });
    expect(diffModels(model([fk('NO ACTION')]), model([fk('RESTRICT')])).equal).toBe(true);
    expect(diffModels(model([fk('NO ACTION')], 'postgres'), model([fk('RESTRICT')], 'postgres')).equal).toBe(false);
  });

  it('matches generated constraint names by definition and renames indexes whose definition is the same', () => {
    const a = model(
      [
        table('t', [col('a', 'int')], {
          indexes: [
            { name: 'SYS_C0012', columns: [{ name: 'a' }], unique: true, generatedName: true },
            { name: 'ix_old', columns: [{ name: 'a' }], unique: false },
          ],
        }),
      ],
      'oracle',
    );
    const b = model(
      [
        table('t', [col('a', 'int')], {
          indexes: [
            { name: 'SYS_C0099', columns: [{ name: 'a' }], unique: true, generatedName: true },
            { name: 'ix_new', columns: [{ name: 'a' }], unique: false },
          ],
        }),
      ],
      'oracle',
    );
    const d = diffModels(a, b);
    expect(d.changes.map((c) => c.kind)).toEqual(['index.rename']);
  });

  it('turns a drop and an add into a rename only when the decisions say so', () => {
    const a = model([
      table('t', [col('tel', 'varchar(20)')]),
      table('dict_old', [col('code', 'varchar(10)'), col('name', 'varchar(50)')]),
    ]);
    const b = model([
      table('t', [col('phone', 'varchar(30)')]),
      table('dict_new', [col('code', 'varchar(10)'), col('name', 'varchar(50)')]),
    ]);
    const plain = diffModels(a, b);
    expect(plain.changes.map((c) => c.kind).sort()).toEqual(['column.add', 'column.drop', 'table.add', 'table.drop']);
    const cands = renameCandidates(plain);
    expect(cands).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'column', table: 't', from: 'tel', to: 'phone' }),
        expect.objectContaining({ kind: 'table', from: 'dict_old', to: 'dict_new' }),
      ]),
    );
    const decided = diffModels(a, b, { renames: { tables: { dict_old: 'dict_new' }, columns: { 't.tel': 'phone' } } });
    expect(decided.changes.map((c) => c.kind).sort()).toEqual(['column.alter', 'column.rename', 'table.rename']);
  });

  it('keeps objects it does not manage and reports them', () => {
    const a = model([], 'postgres', { others: [{ kind: 'MATERIALIZED VIEW', name: 'mv', digest: 'x' }] });
    const b = model([], 'postgres', {
      others: [
        { kind: 'MATERIALIZED VIEW', name: 'mv', digest: 'y' },
        { kind: 'DOMAIN', name: 'money_t', digest: 'z' },
      ],
    });
    expect(
      diffModels(a, b)
        .changes.map((c) => c.kind)
        .sort(),
    ).toEqual(['other.add', 'other.alter']);
  });

  it('leaves hisops tables and filtered names out', () => {
    const a = model([table('hisops_runs', [col('x', 'int')]), table('tmp_1', [col('x', 'int')])]);
    const b = model([]);
    expect(diffModels(a, b, { filter: { exclude: ['tmp_*'] } }).equal).toBe(true);
    expect(diffModels(a, b).changes).toHaveLength(1);
  });

  it('compares charsets and collations only where both sides know them', () => {
    const a = model([table('t', [col('s', 'varchar(5)', { charset: 'utf8mb3', collation: 'utf8mb3_general_ci' })])]);
    const b = model([table('t', [col('s', 'varchar(5)', { charset: 'utf8mb4', collation: 'utf8mb4_general_ci' })])]);
    const d = diffModels(a, b);
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]!.kind === 'column.alter' && d.changes[0]!.aspects).toEqual(['charset']);
    expect(diffModels(a, model([table('t', [col('s', 'varchar(5)')])])).equal).toBe(true);
  });
});
