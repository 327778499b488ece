/** Small builders for schema models in unit tests. */
import type { Dialect } from '../../../src/core/db/index.js';
import type { Column, DefaultValue, SchemaModel, Table } from '../../../src/core/schema/model.js';
import { parseType } from '../../../src/core/schema/types.js';

export function col(
  name: string,
  native: string,
  opts: Partial<Omit<Column, 'name' | 'type'>> & { dialect?: Dialect } = {},
): Column {
  const { dialect = 'mysql', ...rest } = opts;
  return { name, type: parseType(dialect, native), nullable: true, ...rest };
}

export function lit(value: string): DefaultValue {
  return { kind: 'literal', value };
}

export function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name, columns, indexes: [], foreignKeys: [], checks: [], ...extra };
}

export function model(tables: Table[], dialect: Dialect = 'mysql', extra: Partial<SchemaModel> = {}): SchemaModel {
  return {
    source: { dialect, display: `test-${dialect}` },
    tables,
    views: [],
    sequences: [],
    routines: [],
    others: [],
    ...extra,
  };
}
