import { describe, expect, it } from 'vitest';
import { tableAfter } from '../../../src/core/schema/sql/tableAfter.js';
import type { Op } from '../../../src/core/schema/sql/ops.js';
import { col, table } from './build.js';

describe('tableAfter', () => {
  const created = () => table('t_new', [col('id', 'int'), col('name', 'varchar(20)')]);
  const later: Op[] = [
    { op: 'addColumn', table: 't_new', column: col('memo', 'varchar(50)') },
    {
      op: 'createIndex',
      table: 't_new',
      index: { name: 'ix_t_new_name', columns: [{ name: 'name' }], unique: false },
    },
    { op: 'addCheck', table: 't_new', check: { name: 'ck_id', expression: 'id > 0' } },
  ];

  it('follows a created table through the operations after it', () => {
    const t = created();
    const after = tableAfter(table('t_old', [col('x', 'int')]), [
      { op: 'createTable', table: t, deferFks: [] },
      ...later,
    ]);
    expect(after.columns.map((c) => c.name)).toEqual(['id', 'name', 'memo']);
    expect(after.indexes.map((i) => i.name)).toEqual(['ix_t_new_name']);
    expect(after.checks.map((c) => c.name)).toEqual(['ck_id']);
  });

  it("leaves the plan's CREATE TABLE as it was", () => {
    const t = created();
    tableAfter(table('t_old', [col('x', 'int')]), [{ op: 'createTable', table: t, deferFks: [] }, ...later]);
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'name']);
    expect(t.indexes).toEqual([]);
    expect(t.checks).toEqual([]);
  });

  it('leaves the table it starts from as it was', () => {
    const t = created();
    tableAfter(t, later);
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'name']);
    expect(t.indexes).toEqual([]);
  });
});
