/**
 * hisops's catalog and mapping tables. They live in the database the config names for catalogs
 * (by default the HIS database, so the HIS can read them through the `hisops_catalog` view). Dates
 * are `yyyy-MM-dd` text and amounts decimal text, so every dialect stores and returns them
 * unchanged.
 *
 * One table per catalog kind (hisops_catalog_drug, _herb, _prep, _service, _consumable), all with
 * the same columns: the ones hisops works with, undocumented columns as JSON (`extra`), a
 * fingerprint, where the row was read (src_file within its import, src_line) and the imports that
 * added and last touched the entry. The full record stays in the archived download file. The key is (med_list_codg, begndate): a code can have
 * several validity periods.
 */
import type { Db, Dialect, Knex } from '../../db/index.js';
import { Journal, widenColumns, type JournalTable } from '../../journal/index.js';
import { CATALOG_COLUMNS_STORED } from '../storedColumns.js';
import { KINDS, KIND_LIST, type CatalogKind } from '../kinds.js';

/** Columns whose values hisops checks or makes itself get a width; whatever a file says is text. */
const WIDTHS: Partial<Record<string, number>> = {
  med_list_codg: 50,
  begndate: 10,
  enddate: 10,
  vali_flag: 3,
  chrgitm_lv: 3,
  pric_uplmt_amt: 40,
  selfpay_prop: 40,
  row_fp: 16,
};

function kindTable(kind: CatalogKind): JournalTable {
  return {
    name: KINDS[kind].table,
    build: (t: Knex.CreateTableBuilder) => {
      unicode(t);
      for (const c of CATALOG_COLUMNS_STORED) {
        if (c === 'added_import' || c === 'import_id' || c === 'src_file' || c === 'src_line') t.integer(c).nullable();
        else if (WIDTHS[c]) {
          const col = t.string(c, WIDTHS[c]);
          if (c === 'med_list_codg' || c === 'begndate') col.notNullable();
          else col.nullable();
        } else t.text(c).nullable();
      }
      t.primary(['med_list_codg', 'begndate']);
    },
  };
}

/** Chinese text needs a full Unicode character set whatever the MySQL server's default is. */
function unicode(t: Knex.CreateTableBuilder): void {
  if ((t as unknown as { client?: { dialect?: string } }).client?.dialect === 'mysql') t.charset('utf8mb4');
}

/** The view over every kind: what a HIS reads (`SELECT … FROM hisops_catalog WHERE med_list_codg = …`). */
export const CATALOG_VIEW = 'hisops_catalog';

/** How each dialect creates a view only when it is missing. */
const CREATE_VIEW: Record<Dialect, (name: string, select: string) => string> = {
  sqlite: (n, s) => `CREATE VIEW IF NOT EXISTS ${n} AS ${s}`,
  postgres: (n, s) => `CREATE OR REPLACE VIEW ${n} AS ${s}`,
  mysql: (n, s) => `CREATE OR REPLACE VIEW ${n} AS ${s}`,
  oracle: (n, s) => `CREATE OR REPLACE VIEW ${n} AS ${s}`,
  mssql: (n, s) => `CREATE OR ALTER VIEW ${n} AS ${s}`,
};

function viewSelect(): string {
  const cols = [
    'med_list_codg',
    'begndate',
    'enddate',
    'vali_flag',
    'hilist_name',
    'hilist_spec',
    'chrgitm_lv',
    'pric_uplmt_amt',
    'selfpay_prop',
    'prodentp_name',
    'aprvno',
    'prcunt',
    'ver',
    'ver_name',
  ];
  return KIND_LIST.map(
    (k) => `SELECT '${k.kind}' AS kind, '${k.list_type}' AS list_type, ${cols.join(', ')} FROM ${k.table}`,
  ).join(' UNION ALL ');
}

export const CATALOG_IMPORT_TABLE: JournalTable = {
  name: 'hisops_catalog_import',
  build: (t) => {
    unicode(t);
    t.increments('import_id');
    t.string('kind', 4).notNullable();
    t.text('files').notNullable();
    t.string('ver', 100).nullable();
    t.string('ver_name', 200).nullable();
    t.integer('rows_read').notNullable();
    t.integer('added').notNullable();
    t.integer('changed').notNullable();
    t.integer('ended').notNullable();
    t.integer('unchanged').notNullable();
    t.integer('rejected').notNullable();
    t.integer('full_catalog').notNullable();
    t.string('started_at', 30).notNullable();
    t.string('finished_at', 30).nullable();
    t.string('run_id', 40).nullable();
    t.index(['kind']);
  },
  migrations: [
    widenColumns('001-widen-version', 'hisops_catalog_import', [
      { name: 'ver', length: 100, nullable: true },
      { name: 'ver_name', length: 200, nullable: true },
    ]),
  ],
};

export const CATALOG_CHANGE_TABLE: JournalTable = {
  name: 'hisops_catalog_change',
  build: (t) => {
    unicode(t);
    t.integer('import_id').notNullable();
    t.string('kind', 4).notNullable();
    t.string('med_list_codg', 50).notNullable();
    t.string('begndate', 10).notNullable();
    t.string('change', 10).notNullable();
    t.string('fields', 200).nullable();
    t.text('before').nullable();
    t.text('after').nullable();
    t.index(['med_list_codg']);
    t.index(['import_id']);
  },
};

export const MAPPING_TABLE: JournalTable = {
  name: 'hisops_mapping',
  build: (t) => {
    unicode(t);
    t.string('fixmedins_hilist_id', 50).notNullable();
    t.string('begndate', 10).notNullable();
    t.string('enddate', 10).nullable();
    t.string('fixmedins_hilist_name', 200).nullable();
    t.string('list_type', 3).notNullable();
    t.string('med_list_codg', 50).notNullable();
    t.text('extra').nullable();
    t.text('source').nullable();
    t.integer('import_id').nullable();
    t.string('updated_at', 30).nullable();
    t.primary(['fixmedins_hilist_id', 'begndate']);
    t.index(['med_list_codg']);
  },
};

export const MAPPING_IMPORT_TABLE: JournalTable = {
  name: 'hisops_mapping_import',
  build: (t) => {
    unicode(t);
    t.increments('import_id');
    t.text('file').notNullable();
    t.integer('rows_read').notNullable();
    t.integer('added').notNullable();
    t.integer('changed').notNullable();
    t.integer('closed').notNullable();
    t.integer('unchanged').notNullable();
    t.integer('rejected').notNullable();
    t.string('applied_at', 30).notNullable();
    t.string('run_id', 40).nullable();
  },
};

export const MAPPING_CHANGE_TABLE: JournalTable = {
  name: 'hisops_mapping_change',
  build: (t) => {
    unicode(t);
    t.integer('import_id').notNullable();
    t.integer('seq').notNullable();
    t.string('fixmedins_hilist_id', 50).notNullable();
    t.string('begndate', 10).notNullable();
    t.string('action', 10).notNullable();
    t.integer('line').nullable();
    t.text('before').nullable();
    t.text('after').nullable();
    t.string('at', 30).notNullable();
    t.index(['fixmedins_hilist_id']);
  },
};

/** Upload journal for 3301/3302 (in the journal database). */
export const MAPPING_UPLOAD_TABLE: JournalTable = {
  name: 'hisops_mapping_upload',
  build: (t) => {
    unicode(t);
    t.increments('id');
    t.string('run_id', 40).notNullable();
    t.integer('seq').notNullable();
    t.string('infno', 4).notNullable();
    t.string('fixmedins_hilist_id', 50).notNullable();
    t.string('begndate', 10).notNullable();
    t.string('list_type', 3).notNullable();
    t.string('med_list_codg', 50).notNullable();
    t.text('payload').notNullable();
    t.string('payload_hash', 20).notNullable();
    t.string('state', 12).notNullable();
    t.string('msgid', 40).nullable();
    t.string('infcode', 40).nullable();
    t.text('err_msg').nullable();
    t.string('updated_at', 30).notNullable();
    t.index(['run_id']);
    t.index(['fixmedins_hilist_id', 'begndate']);
  },
  migrations: [
    widenColumns('001-widen-infcode', 'hisops_mapping_upload', [{ name: 'infcode', length: 40, nullable: true }]),
  ],
};

/** Create the catalog tables (all kinds) and the mapping tables if missing. DDL runs outside transactions (MySQL commits on DDL). */
export async function ensureCatalogTables(db: Db): Promise<void> {
  const j = new Journal(db);
  let created = false;
  for (const k of KIND_LIST) {
    if (!(await db.knex.schema.hasTable(k.table))) created = true;
    await j.ensure(kindTable(k.kind));
  }
  await j.ensure(CATALOG_IMPORT_TABLE);
  await j.ensure(CATALOG_CHANGE_TABLE);
  if (created || !(await db.knex.schema.hasTable(CATALOG_VIEW))) {
    try {
      await db.knex.raw(CREATE_VIEW[db.dialect](CATALOG_VIEW, viewSelect()));
    } catch (e) {
      // The view is a convenience for the HIS; a database that refuses it (rights) still imports.
      if (!/exist/i.test(String((e as Error).message))) throw e;
    }
  }
}

/**
 * Which of hisops's catalog and mapping tables the database holds. A dry run and a read-only
 * command read what is there and treat a missing table as empty: they create nothing in the HIS.
 */
export async function presentTables(db: Pick<Db, 'knex'>): Promise<ReadonlySet<string>> {
  const names = [
    ...KIND_LIST.map((k) => k.table),
    CATALOG_IMPORT_TABLE.name,
    CATALOG_CHANGE_TABLE.name,
    MAPPING_TABLE.name,
    MAPPING_IMPORT_TABLE.name,
    MAPPING_CHANGE_TABLE.name,
  ];
  const out = new Set<string>();
  for (const n of names) if (await db.knex.schema.hasTable(n)) out.add(n);
  return out;
}

export async function ensureMappingTables(db: Db): Promise<void> {
  const j = new Journal(db);
  await j.ensure(MAPPING_TABLE);
  await j.ensure(MAPPING_IMPORT_TABLE);
  await j.ensure(MAPPING_CHANGE_TABLE);
}
