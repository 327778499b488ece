/**
 * Oracle dictionary queries, in one place for review against Oracle's documentation
 * ("Static Data Dictionary Views", Oracle Database Reference 12.2–23ai). Each query reads one
 * ALL_* view for the whole schema (bind 1 = owner, upper case); none is issued per table.
 *
 * Notes for reviewers:
 * - ALL_TAB_COLS (not ALL_TAB_COLUMNS) because it carries HIDDEN_COLUMN, VIRTUAL_COLUMN and
 *   IDENTITY_COLUMN (12.1+); hidden (system-generated) columns are excluded. CHAR_USED is 'B'
 *   (BYTE) or 'C' (CHAR) for CHAR/VARCHAR2; CHAR_LENGTH is the declared length in characters,
 *   DATA_LENGTH the byte length. DATA_DEFAULT and SEARCH_CONDITION are LONG: they may be selected
 *   in a join but not filtered or sorted on, so NOT NULL check constraints are recognised in code.
 * - Numbers that can exceed 2^53 (sequence limits) are selected with TO_CHAR.
 * - ALL_INDEXES: LOB, IOT-top and cluster indexes are not user indexes; the indexes that back a
 *   primary key or unique constraint (ALL_CONSTRAINTS.INDEX_NAME) are folded into the constraint.
 *   DESC index columns appear as function-based ("SYS_NC…$") with the column name, in quotes, as
 *   ALL_IND_EXPRESSIONS.COLUMN_EXPRESSION.
 * - ALL_SOURCE holds PL/SQL without the CREATE [OR REPLACE] prefix, one row per line.
 * - ALL_OBJECTS lists everything else (synonyms, materialized views, types, jobs, database links
 *   …): object types hisops does not manage are reported, never dropped.
 */

export const ORACLE_QUERIES = {
  params: `SELECT parameter, value FROM nls_database_parameters WHERE parameter IN ('NLS_CHARACTERSET', 'NLS_NCHAR_CHARACTERSET')`,

  version: `SELECT banner FROM v$version WHERE ROWNUM = 1`,

  tables: `SELECT t.table_name, t.temporary, t.iot_type, c.comments
             FROM all_tables t
             LEFT JOIN all_tab_comments c ON c.owner = t.owner AND c.table_name = t.table_name AND c.table_type = 'TABLE'
            WHERE t.owner = ? AND t.nested = 'NO' AND t.secondary = 'N' AND (t.dropped IS NULL OR t.dropped = 'NO')
              AND NOT EXISTS (SELECT 1 FROM all_mviews m WHERE m.owner = t.owner AND m.mview_name = t.table_name)
              AND t.table_name NOT LIKE 'MLOG$\\_%' ESCAPE '\\' AND t.table_name NOT LIKE 'RUPD$\\_%' ESCAPE '\\'`,

  columns: `SELECT c.table_name, c.column_name, c.column_id, c.data_type, c.data_type_owner, c.data_length, c.data_precision, c.data_scale,
                   c.char_length, c.char_used, c.nullable, c.data_default, c.virtual_column, c.identity_column, cc.comments
              FROM all_tab_cols c
              LEFT JOIN all_col_comments cc ON cc.owner = c.owner AND cc.table_name = c.table_name AND cc.column_name = c.column_name
             WHERE c.owner = ? AND c.hidden_column = 'NO'
             ORDER BY c.table_name, c.column_id`,

  constraints: `SELECT c.table_name, c.constraint_name, c.constraint_type, c.search_condition, c.r_owner, c.r_constraint_name, r.table_name AS r_table_name,
                       c.delete_rule, c.status, c.generated, c.index_name
                  FROM all_constraints c
                  LEFT JOIN all_constraints r ON r.owner = c.r_owner AND r.constraint_name = c.r_constraint_name
                 WHERE c.owner = ? AND c.constraint_type IN ('P', 'U', 'R', 'C')`,

  consColumns: `SELECT cc.owner, cc.constraint_name, cc.table_name, cc.column_name, cc.position
                  FROM all_cons_columns cc
                 WHERE cc.owner = ?
                    OR (cc.owner, cc.constraint_name) IN (SELECT r_owner, r_constraint_name FROM all_constraints WHERE owner = ? AND constraint_type = 'R')
                 ORDER BY cc.owner, cc.constraint_name, cc.position`,

  indexes: `SELECT i.index_name, i.table_name, i.index_type, i.uniqueness, i.generated
              FROM all_indexes i
             WHERE i.owner = ? AND i.table_owner = i.owner AND i.index_type NOT IN ('LOB', 'IOT - TOP', 'CLUSTER')`,

  indColumns: `SELECT ic.index_name, ic.table_name, ic.column_name, ic.column_position, ic.descend
                 FROM all_ind_columns ic
                WHERE ic.index_owner = ?
                ORDER BY ic.index_name, ic.column_position`,

  indExpressions: `SELECT ie.index_name, ie.column_position, ie.column_expression FROM all_ind_expressions ie WHERE ie.index_owner = ?`,

  views: `SELECT v.view_name, v.text FROM all_views v WHERE v.owner = ?`,

  sequences: `SELECT s.sequence_name, TO_CHAR(s.min_value) AS min_value, TO_CHAR(s.max_value) AS max_value, TO_CHAR(s.increment_by) AS increment_by,
                     s.cycle_flag, TO_CHAR(s.cache_size) AS cache_size
                FROM all_sequences s
               WHERE s.sequence_owner = ? AND s.sequence_name NOT LIKE 'ISEQ$$\\_%' ESCAPE '\\'`,

  source: `SELECT s.name, s.type, s.line, s.text FROM all_source s
            WHERE s.owner = ? AND s.type IN ('PROCEDURE', 'FUNCTION', 'PACKAGE', 'PACKAGE BODY', 'TRIGGER', 'TYPE', 'TYPE BODY')
            ORDER BY s.name, s.type, s.line`,

  triggers: `SELECT t.trigger_name, t.table_name, t.base_object_type FROM all_triggers t WHERE t.owner = ?`,

  objects: `SELECT o.object_name, o.object_type, o.status FROM all_objects o
             WHERE o.owner = ? AND o.generated = 'N' AND o.object_name NOT LIKE 'BIN$%'`,
} as const;

export type OracleQueryName = keyof typeof ORACLE_QUERIES;

/** How many times each query binds the owner. */
export const ORACLE_QUERY_BINDS: Record<OracleQueryName, number> = {
  params: 0,
  version: 0,
  tables: 1,
  columns: 1,
  constraints: 1,
  consColumns: 2,
  indexes: 1,
  indColumns: 1,
  indExpressions: 1,
  views: 1,
  sequences: 1,
  source: 1,
  triggers: 1,
  objects: 1,
};
