/**
 * Every code hisops reports, in one table: the exit code it comes with and what it means. Codes are
 * stable (scripts match on them); summaries and fixes are for people and may be reworded. A test
 * keeps this table complete (every code written in src/ is here) and docs/exit-codes.md is
 * generated from it (`npm run docs:exit-codes`).
 */
import type { ExitCode } from './errors.js';

interface ErrorCodeSpec {
  /** The exit code a run ends with when this code stops it (some codes come with either of two). */
  exit: ExitCode | readonly ExitCode[];
  /** The part of hisops that reports it (the doc groups by it). */
  area: string;
  /** One line: what happened. */
  meaning: string;
}

const c = (area: string, exit: ExitCode | readonly ExitCode[], meaning: string): ErrorCodeSpec => ({
  area,
  exit,
  meaning,
});

export const ERROR_CODES = {
  // notifications
  NOTIFY_CONFIG: c(
    'notifications',
    2,
    'the notify: section of hisops.yaml is not valid (a secret written in the file, an unknown channel or event, bad quiet hours)',
  ),
  NOTIFY_NO_CHANNEL: c(
    'notifications',
    2,
    'notify test found no configured channel (or not the one named by --channel)',
  ),
  NOTIFY_FAILED: c(
    'notifications',
    5,
    'a channel did not accept a notification (HTTP error, robot errcode, SMTP failure); after a job it is only a warning and is retried on the next run',
  ),
  WATCH_CONFIG: c('notifications', 2, 'the watch: section of hisops.yaml (center watch thresholds) is not valid'),
  WATCH_DURATION: c('notifications', 2, 'center watch --every or --for is not a duration'),
  STATS_PERIOD: c('notifications', 2, 'center stats --from/--to is not a date or time, or --to is before --from'),
  // general
  LOCK_HELD: c(
    'general',
    5,
    'another run of the same job and institution holds the run lock (the holder is named); --wait queues behind it',
  ),
  JOURNAL_BUSY: c('general', 5, 'the SQLite journal stayed locked by another process past journal.busyTimeoutMs'),
  BAD_WAIT: c('general', 2, '--wait is not a duration'),
  USAGE: c('general', 2, 'unknown command or option, or an option value commander rejects'),
  INTERNAL: c('general', 1, 'an unexpected failure inside hisops (a bug)'),
  INPUT_INVALID: c('general', 2, 'the input or the configuration stopped the command (no more specific code)'),
  EXTERNAL_FAILED: c('general', 5, 'an external system failed (no more specific code)'),
  NEEDS_CONFIRMATION: c(
    'general',
    4,
    'a step needs consent and nobody can answer: re-run with --yes after reading the plan',
  ),
  CANCELLED: c('general', 4, 'the person at the terminal declined the step; nothing was applied'),
  BAD_DATE: c('general', 2, 'a date option is not a date (yyyy-MM-dd, today or yesterday)'),
  BAD_PERIOD: c('general', 2, '--from is after --to'),
  BAD_NUMBER: c('general', 2, 'a numeric option is not a whole number in range'),
  BAD_LIMIT: c('general', 2, '--limit is not a positive whole number'),
  // files
  FILE_NOT_WRITABLE: c(
    'files',
    2,
    'a file or folder cannot be written (read-only, missing, or a file where a folder should be); the path is named',
  ),
  FILE_INACCESSIBLE: c(
    'files',
    2,
    'a file hisops uses cannot be opened (permissions, read-only mount, missing folder); the path is named',
  ),
  FILE_WRITE_FAILED: c(
    'files',
    5,
    'the disk is full or failing while writing a file; the path is named and nothing half-written is left',
  ),
  // configuration
  CONFIG_MISSING: c('configuration', 2, 'the file named by --config or HISOPS_CONFIG does not exist'),
  CONFIG_INVALID: c(
    'configuration',
    2,
    'hisops.yaml or a HISOPS_* variable holds a bad key or value (file, line, column and key are named)',
  ),
  CONFIG_BAD_TIMEZONE: c('configuration', 2, 'the timezone setting is not an IANA time zone name (e.g. Asia/Shanghai)'),
  CONFIG_INSTITUTION: c('configuration', 2, '--institution names no institution of hisops.yaml'),
  SECRET_FILE: c('configuration', 2, 'a password or secret file cannot be read'),
  DB_REF_UNKNOWN: c('configuration', 2, 'a database argument is neither a URL nor a named connection'),
  // set-up and doctor
  INIT_BAD_CODE: c('set-up and doctor', 2, 'hisops init: the institution code is malformed'),
  INIT_BAD_ADMVS: c('set-up and doctor', 2, 'hisops init: the admin division is not six digits'),
  INIT_EXISTS: c('set-up and doctor', 4, 'hisops init: the file exists and --force was not given'),
  PROFILE_PROBE: c(
    'set-up and doctor',
    2,
    'hisops doctor: statements of the HIS profile do not run on this HIS, or their rows break the statement contract (one row per statement)',
  ),
  CLOCK_SKEW: c(
    'set-up and doctor',
    5,
    "hisops doctor: this machine's clock differs from the center's by more than two minutes",
  ),
  CENTER_UTC_OFFSET: c(
    'set-up and doctor',
    2,
    "the center's times are off by whole hours: center.utcOffsetMinutes does not match the center's clock (480 = China time)",
  ),
  // databases
  DB_URL_BAD: c('databases', 2, 'a database URL cannot be read'),
  DB_URL_SCHEME: c('databases', 2, 'a database URL has an unknown scheme'),
  DB_URL_SQLITE: c('databases', 2, 'a sqlite: URL names no file'),
  DB_SQLITE_MISSING: c('databases', 2, 'the SQLite database file does not exist'),
  DB_UNREACHABLE: c('databases', 5, 'the database server cannot be reached'),
  DB_AUTH: c('databases', 5, 'the database server refused the login'),
  DB_MISSING: c('databases', 5, 'the named database does not exist on the server'),
  DB_DRIVER: c('databases', 5, 'the database driver is not installed'),
  DB_FAILED: c('databases', 5, 'the database failed a statement or the connection'),
  // HIS profile
  PROFILE_NOT_FOUND: c('HIS profile', 2, 'the HIS profile file cannot be read'),
  PROFILE_YAML: c('HIS profile', 2, 'the HIS profile is not valid YAML (line named)'),
  PROFILE_SHAPE: c('HIS profile', 2, 'the HIS profile does not have the expected structure'),
  PROFILE_UNKNOWN_KEY: c('HIS profile', 2, 'the HIS profile has an unknown key'),
  PROFILE_UNKNOWN_STATEMENT: c('HIS profile', 2, 'the HIS profile has a statement hisops does not know'),
  PROFILE_UNKNOWN_DIALECT: c('HIS profile', 2, 'a profile statement has SQL for an unknown dialect'),
  PROFILE_QUESTION_MARK: c('HIS profile', 2, 'a profile statement uses "?" instead of named binds'),
  PROFILE_UNKNOWN_BIND: c('HIS profile', 2, 'a profile statement uses a bind the statement does not take'),
  PROFILE_MISSING_BIND: c('HIS profile', 2, 'a profile statement lacks a bind it must use'),
  PROFILE_MISSING_STATEMENT: c('HIS profile', 2, 'the profile lacks a statement hisops needs'),
  PROFILE_NO_STATEMENT: c('HIS profile', 2, 'the profile has no statement of that name'),
  PROFILE_NO_VARIANT: c('HIS profile', 2, "a profile statement has no SQL for this database's dialect"),
  PROFILE_BIND_VALUE: c('HIS profile', 1, 'a statement ran without a value for one of its binds (a bug)'),
  PROFILE_STATEMENT_FAILED: c('HIS profile', 5, 'a profile statement failed on the HIS database'),
  PROFILE_UNKNOWN_FRAGMENT: c(
    'HIS profile',
    2,
    'a profile statement or fragment uses {{name}} for a fragment the profile does not define',
  ),
  PROFILE_FRAGMENT_CYCLE: c('HIS profile', 2, 'a profile fragment includes itself, directly or through others'),
  PROFILE_BIND_NAME: c(
    'HIS profile',
    2,
    'an institution bind declared under binds: clashes with a statement bind or is not a name',
  ),
  PROFILE_INSTITUTION_BIND: c(
    'HIS profile',
    2,
    'a statement uses an institution bind the institution in hisops.yaml gives no value',
  ),
  PROFILE_UNSUPPORTED: c(
    'HIS profile',
    2,
    'the job needs a statement the profile marks unsupported: this HIS does not provide that data',
  ),
  HIS_REFERENCE_DIALECT: c('HIS profile', 2, 'no reference HIS schema exists for this database'),
  HIS_VENDOR_DIALECT: c(
    'HIS profile',
    2,
    'no vendor-style HIS schema exists for this database (SQLite, PostgreSQL, MySQL/MariaDB only)',
  ),
  PROFILE_DRAFT_EXISTS: c('HIS profile', 2, 'profile draft -o names a file that exists (pass --force to overwrite it)'),
  // schema
  SCHEMA_BAD_STEP: c('schema', 2, '--skip / --mark-done names no statement number'),
  SCHEMA_ORACLE_MAX_IDENTIFIER: c('schema', 2, 'schema.oracle.maxIdentifier is neither 30 nor 128'),
  SCHEMA_SKIP_AND_MARK: c('schema', 2, 'one statement was both skipped and marked done'),
  SCHEMA_REASON_MISSING: c('schema', 2, '--skip / --mark-done need --reason (kept in the journal with who ran it)'),
  SCHEMA_REASON_ALONE: c('schema', 2, '--reason without --skip or --mark-done'),
  SCHEMA_OVERRIDE_NEEDS_APPLY: c('schema', 2, '--skip / --mark-done take effect only in an apply'),
  SCHEMA_NO_SUCH_STEP: c('schema', 2, 'the script has no safe statement with that number'),
  SCHEMA_STEP_COMPLETED: c('schema', 2, 'the statement named by --skip / --mark-done is already settled in this apply'),
  SCHEMA_STEP_PARTIAL: c(
    'schema',
    2,
    'the statement a killed run had in flight took effect in part: fix by hand, then --mark-done or --skip',
  ),
  SCHEMA_STATE_UNKNOWN: c(
    'schema',
    2,
    'the database is neither where the apply left it nor where the plan started (changed elsewhere): nothing was applied',
  ),
  SCHEMA_SQLITE_MISSING: c('schema', 2, 'no SQLite database at the path of a sqlite: URL'),
  SCHEMA_SQLITE_NOT_FILE: c('schema', 2, 'the path of a sqlite: URL is a folder, not a database file'),
  SCHEMA_APPLY_DIALECT: c('schema', 2, 'the sync script is for another dialect than the database'),
  SCHEMA_APPLY_FAILED: c('schema', 5, 'a statement of the sync script failed; the journal says how far it got'),
  SCHEMA_APPLY_PARTIAL: c('schema', 4, 'an earlier run applied part of this plan: use --resume'),
  SCHEMA_APPLY_TO_SNAPSHOT: c('schema', 2, 'a script was to be applied to a snapshot file, not a database'),
  SCHEMA_BAD_DIALECT: c('schema', 2, 'not a dialect hisops writes'),
  SCHEMA_BAD_FORMAT: c('schema', 2, 'unknown --format'),
  SCHEMA_CHANGED_SINCE_PLAN: c('schema', 2, 'the database changed since the script was planned; nothing was applied'),
  SCHEMA_DIALECT_UNSUPPORTED: c('schema', 2, 'hisops cannot read the schema of this kind of database'),
  SCHEMA_DICTIONARY_DENIED: c('schema', [2, 5], "the user may not read the schema's data dictionary"),
  SCHEMA_NOT_FOUND: c('schema', 2, 'the schema or database is not visible'),
  SCHEMA_NO_DATABASE: c('schema', 2, 'the URL names no database'),
  SCHEMA_RESUME_NEEDS_SCRIPT: c('schema', 2, '--resume needs the saved script'),
  SCHEMA_SNAPSHOT_OF_FILE: c('schema', 2, 'the argument is already a snapshot'),
  SNAPSHOT_UNREADABLE: c('schema', 2, 'a snapshot file cannot be read'),
  SNAPSHOT_NOT_JSON: c('schema', 2, 'a snapshot file is not JSON'),
  SNAPSHOT_FOREIGN: c('schema', 2, 'the file is not a hisops schema snapshot'),
  SNAPSHOT_DAMAGED: c('schema', 2, 'a snapshot file is damaged'),
  SNAPSHOT_VERSION: c('schema', 2, 'a snapshot has a format version this hisops does not read'),
  DDL_UNREADABLE: c(
    'schema',
    2,
    'a DDL file or folder given as a schema cannot be read (missing, no permission, bad gzip)',
  ),
  DDL_EMPTY: c('schema', 2, 'a DDL folder holds no SQL files, or the files hold no statements'),
  DDL_FLYWAY_DUPLICATE: c('schema', 2, 'two Flyway migrations in a DDL folder have the same version'),
  DDL_BAD_DIALECT: c('schema', 2, '--ddl-dialect names a dialect hisops does not read DDL in'),
  DDL_DIALECT_UNKNOWN: c(
    'schema',
    2,
    'the dialect of DDL files could not be told from their content; --ddl-dialect names it',
  ),
  DDL_NEEDS_SCRATCH: c(
    'schema',
    2,
    'MySQL/PostgreSQL DDL files need a scratch server (--scratch or schema.scratch) to be read',
  ),
  DDL_SCRATCH_DIALECT: c('schema', 2, 'the scratch server is of another dialect than the DDL files'),
  DDL_SCRATCH_FAILED: c('schema', 2, 'a temporary database could not be created on the scratch server'),
  DDL_STATEMENT_FAILED: c(
    'schema',
    2,
    'a statement of DDL files failed in the scratch database (file and line named); nothing was read',
  ),
  DDL_STATEMENT_UNREADABLE: c(
    'schema',
    2,
    'the Oracle DDL reader met a statement it cannot read (file and line named); nothing was read',
  ),
  SCRIPT_UNREADABLE: c('schema', 2, 'a sync script cannot be read'),
  SCRIPT_FOREIGN: c('schema', 2, 'the file is not a hisops sync script'),
  SCRIPT_DAMAGED: c('schema', 2, 'the header of a sync script is damaged'),
  SCRIPT_EDITED: c('schema', 2, 'a sync script was edited after it was written'),
  SCRIPT_VERSION: c('schema', 2, 'a sync script has a format this hisops does not read'),
  DECISIONS_UNREADABLE: c('schema', 2, 'the rename decisions file cannot be read'),
  DECISIONS_BAD: c('schema', 2, 'the rename decisions file is malformed'),
  MASK_RULES_UNREADABLE: c('schema', 2, 'the masking rules file cannot be read'),
  MASK_RULES_BAD: c('schema', 2, 'the masking rules file is malformed'),
  CLONE_BAD_BATCH: c('schema', 2, '--batch-size is not a row count'),
  CLONE_BAD_MAX_ROWS: c('schema', 2, '--max-rows is not a row count'),
  CLONE_DEST_NOT_EMPTY: c('schema', 2, "the clone's target database already holds tables"),
  CLONE_PARTIAL: c('schema', 4, 'an earlier clone stopped part-way: use --resume'),
  CLONE_BAD_SAMPLE: c('schema', 2, '--sample is not a row count'),
  CLONE_BAD_JOIN: c(
    'schema',
    2,
    'a --sample-join (or schema.cloneJoins) is not child.col=parent.col, or names a table or column the source lacks',
  ),
  CLONE_LEAK: c(
    'schema',
    2,
    'the masked copy still holds original values of masked columns (table, column and count named, never the value): drop it, add masking rules, clone again',
  ),
  // catalogs and mappings
  CATALOG_KIND: c('catalogs and mappings', 2, 'not a catalog kind (1301, 1302, 1303, 1305, 1306)'),
  CATALOG_MAX_PAGES: c('catalogs and mappings', 2, '--max-pages is not a positive number'),
  CATALOG_NO_FILES: c('catalogs and mappings', 2, 'no catalog files were given'),
  FILE_UNREADABLE: c('catalogs and mappings', 2, 'an input file cannot be read'),
  FILE_EMPTY: c('catalogs and mappings', 2, 'an input file holds no rows (a failed download or export)'),
  ZIP_TRUNCATED: c('catalogs and mappings', 2, 'a ZIP file is cut short'),
  ZIP_UNSUPPORTED: c('catalogs and mappings', 2, 'a ZIP file uses a method hisops cannot read'),
  ZIP_EMPTY: c('catalogs and mappings', 2, 'a ZIP file holds no catalog file'),
  MOJIBAKE: c('catalogs and mappings', 2, 'the text would read as mojibake in the chosen encoding: pass --encoding'),
  BAD_ENCODING: c('catalogs and mappings', 2, 'the text is not valid in the given encoding'),
  NO_HEADER: c('catalogs and mappings', 2, 'the file has no header line'),
  UNKNOWN_KIND: c('catalogs and mappings', 2, 'which catalog a file holds cannot be told: pass --kind'),
  MISSING_COLUMN: c('catalogs and mappings', 2, 'a required column is missing'),
  COLUMN_COUNT: c('catalogs and mappings', 2, 'a line has the wrong number of columns'),
  MISSING_VALUE: c('catalogs and mappings', 2, 'a required value is empty'),
  BAD_INTERVAL: c('catalogs and mappings', 2, 'a validity period ends before it begins'),
  BAD_CODE: c('catalogs and mappings', 2, 'a code is malformed'),
  CODE_SHAPE: c('catalogs and mappings', 2, "a code does not have the national code's shape"),
  DUPLICATE_KEY: c('catalogs and mappings', 2, 'the same code and begin date appear twice'),
  UNCLOSED_QUOTE: c('catalogs and mappings', 2, 'a quoted field is never closed'),
  OVERLAP: c('catalogs and mappings', 2, 'two mappings of one item overlap in time'),
  UNKNOWN_NATIONAL_CODE: c('catalogs and mappings', 2, 'a mapping names a national code that is not in the catalog'),
  WRONG_LIST_TYPE: c('catalogs and mappings', 2, "a mapping's list type does not match the national code's catalog"),
  UNCOVERED_DAYS: c('catalogs and mappings', 3, 'days on which a billed item has no valid mapping'),
  MAPPING_COLUMNS: c('catalogs and mappings', 2, '--columns is malformed'),
  MAPPING_WITHIN: c('catalogs and mappings', 2, '--within is not a number of days'),
  // center client
  CENTER_CONFIG: c('center client', 2, 'a center setting (URL, institution code, operator …) is invalid'),
  CENTER_TLS_CA: c('center client', 2, 'the file named by center.tlsCa cannot be read or holds no PEM certificate'),
  CENTER_GATEWAY_CONFIG: c('center client', 2, 'the gateway scheme needs a paasid and a secret'),
  CENTER_FIXMEDINS_CODE: c('center client', 2, 'the institution code is not 12 letters or digits'),
  CENTER_INPUT_INVALID: c('center client', 2, 'a request to the center was not sent: its input breaks the interface'),
  CENTER_CATALOG: c('center client', 2, 'not a catalog the center serves as a file'),
  CENTER_NOT_REVERSIBLE: c('center client', 2, 'the transaction cannot be reversed with 2601'),
  CENTER_NO_JOURNAL: c('center client', 2, 'a state-changing call needs the journal to record it first'),
  CENTER_JOURNAL: c('center client', 5, 'the call could not be recorded in the journal, so it was not sent'),
  CENTER_JOURNAL_UPDATE: c('center client', 5, "the center's answer could not be recorded in the journal"),
  CENTER_UNREACHABLE: c('center client', 5, 'the center cannot be reached; the request was not sent'),
  CENTER_TLS: c('center client', 5, "the center's TLS certificate was not accepted (center.tlsCa names a private CA)"),
  CENTER_TIMEOUT: c('center client', 5, 'the center did not answer in time'),
  CENTER_CONNECTION_RESET: c('center client', 5, 'the connection to the center broke during a call'),
  CENTER_HTTP: c('center client', 5, 'the center answered with an HTTP error'),
  CENTER_GATEWAY: c('center client', 5, "the gateway answered with an error instead of the center's envelope"),
  CENTER_NOT_JSON: c('center client', 5, "the center's answer is not JSON"),
  CENTER_BAD_RESPONSE: c('center client', 5, "the center's answer lacks a field"),
  CENTER_BAD_AMOUNT: c('center client', 5, 'the center sent an amount that is not an amount'),
  CENTER_REFUSED: c('center client', 5, 'the center refused the call (infcode ≠ 0)'),
  CENTER_REJECTED: c('center client', 5, 'the center rejected the call'),
  CENTER_ENCRYPTED_NO_KEY: c(
    'center client',
    5,
    'the center answered on the 国密 (SM4) channel and no SM4 key is configured: the answer is kept, not read as empty',
  ),
  CENTER_DECRYPT_FAILED: c(
    'center client',
    5,
    "the center's SM4-encrypted answer does not decrypt with the configured key",
  ),
  CENTER_SIGNATURE_INVALID: c(
    'center client',
    5,
    "the center's answer fails the SM2 signature check (or carries none) under center.sm2CenterPublicKey",
  ),
  CENTER_CRYPTO_CONFIG: c(
    'center client',
    2,
    'a key of the 国密 channel (center.sm4Key, center.sm2Key, center.sm2CenterPublicKey) is missing or malformed',
  ),
  CENTER_PROVINCE: c('center client', 2, 'center.province names no known province profile'),
  CENTER_NOT_ASKED: c('center client', 3, 'a stuck settlement the center was not asked about (a finding)'),
  // center sandbox
  CENTER_FAULTS_FILE: c('center sandbox', 2, 'center serve: the fault rules file cannot be read'),
  CENTER_LEDGER: c('center sandbox', 5, 'center serve: the sandbox ledger cannot be opened'),
  CENTER_PORT_DENIED: c('center sandbox', 2, 'center serve: not allowed to listen on the port'),
  CENTER_PORT_IN_USE: c('center sandbox', 2, 'center serve: the port is in use'),
  CENTER_SERVE_OPTION: c('center sandbox', 2, 'center serve: an option is out of range'),
  CENTER_SERVE_SECRET: c('center sandbox', 2, 'center serve: the x-tif check needs the gateway secret'),
  CENTER_SEED_SOURCE: c('center sandbox', 2, 'center seed: no source given (--from-his)'),
  CENTER_SEED_PLANT: c(
    'center sandbox',
    2,
    'center seed: --plant is not a number, or more than the HIS settlements allow',
  ),
  CENTER_SEED_RANGE: c('center sandbox', 2, 'center seed: more than 31 days at once'),
  CENTER_SEED_LEDGER_EXISTS: c('center sandbox', 2, 'center seed: the sandbox ledger exists (replace it with --force)'),
  SANDBOX_FAULT_SPEC: c('center sandbox', 2, 'a fault rule is malformed'),
  SANDBOX_LEDGER_VERSION: c('center sandbox', 2, 'the sandbox ledger was written by a newer hisops'),
  SANDBOX_SEED: c('center sandbox', 2, 'a seeded settlement is malformed'),
  // demo
  DEMO_DIR_USED: c('demo', 2, 'the demo folder already holds a demo'),
  DEMO_SIZE: c('demo', 2, 'unknown seed size (small, medium, large)'),
  DEMO_SEED: c('demo', 2, 'the seed is not a whole number from 0 to 4294967295'),
  DEMO_DAYS: c('demo', 2, 'cannot seed that many days'),
  DEMO_START: c('demo', 2, '--start is not a date'),
  DEMO_ADMDVS: c('demo', 2, 'not a six-digit admin division'),
  DEMO_FIXMEDINS: c('demo', 2, 'not a 12-character institution code'),
  DEMO_NOT_EMPTY: c('demo', 2, 'the database already holds HIS data'),
  DEMO_CENTER_SEEDED: c('demo', 2, 'the center side of this seed was already written'),
  DEMO_CENTER_PLAN: c('demo', 2, 'the seeded HIS lacks a settlement an anomaly needs'),
  DEMO_MISMATCH: c('demo', 1, 'a demo step did not find what the seed planted (a bug)'),
  // settlement rules
  BILL_UNREADABLE: c('settlement rules', 2, 'the bill file cannot be read'),
  BILL_INVALID: c('settlement rules', 2, 'the bill breaks the bill format (path and fix named)'),
  BILL_TOTALS_INVALID: c('settlement rules', 2, "the bill's totals do not split medfee_sumamt"),
  BILL_REFUND_EARLIER: c('settlement rules', 2, 'the bill refunds lines settled in an earlier interim settlement'),
  BILL_REFUND_EXCEEDS: c('settlement rules', 2, 'refunds exceed the charges of the stay'),
  BILL_YTD_INCONSISTENT: c(
    'settlement rules',
    2,
    'year-to-date amounts are lower than earlier interim settlements paid',
  ),
  BILL_STATE_INCONSISTENT: c(
    'settlement rules',
    2,
    'the carried state (balances, accumulators, stay) does not follow the earlier settlement',
  ),
  POLICY_UNREADABLE: c('settlement rules', 2, 'a policy file cannot be read'),
  POLICY_INVALID: c('settlement rules', 2, 'a policy file breaks the policy format'),
  POLICY_NOT_FOUND: c('settlement rules', 2, 'no policy for the insurance type on that date'),
  POLICY_OVERLAP: c('settlement rules', 2, 'two policies overlap in time'),
  RULES_INVARIANT: c('settlement rules', 1, 'a computed settlement breaks an invariant (a bug in the rules engine)'),
  RULES_NO_EXPLANATION: c('settlement rules', 1, 'a result was computed without its explanation (a bug)'),
  // reconciliation
  RECONCILE_CONFIG: c('reconciliation', 2, 'a reconcile: setting in hisops.yaml is invalid'),
  RECONCILE_DATE: c('reconciliation', 2, '--date, --from or --to is not a date'),
  RECONCILE_DATE_CONFLICT: c('reconciliation', 2, '--date together with --from/--to'),
  RECONCILE_RANGE_INCOMPLETE: c('reconciliation', 2, '--from without --to, or the reverse'),
  RECONCILE_RANGE_BACKWARDS: c('reconciliation', 2, 'the range ends before it starts'),
  RECONCILE_RANGE_FUTURE: c('reconciliation', 2, 'the range reaches past today'),
  RECONCILE_RANGE_TOO_LONG: c('reconciliation', 2, 'the range covers more days than allowed'),
  RECONCILE_BAD_INSUTYPE: c('reconciliation', 2, '--insutype is not an insurance type'),
  RECONCILE_BAD_CLR_TYPE: c('reconciliation', 2, '--clr-type is not a clearing type'),
  RECONCILE_BAD_LIMIT: c('reconciliation', 2, '--limit is not a number of runs'),
  RECONCILE_BAD_DAYS: c('reconciliation', 2, '--days is not a number of days'),
  RECONCILE_REPORT_FORMAT: c('reconciliation', 2, 'the report format cannot be told from the file name'),
  RECONCILE_RESULT_UNREADABLE: c('reconciliation', 5, "the center's 3202 result file cannot be read"),
  RECONCILE_RESULT_MALFORMED: c(
    'reconciliation',
    5,
    "the center's 3202 result file has no line with the expected columns",
  ),
  HIS_NO_SETL_ID: c('reconciliation', 3, 'a HIS settlement without setl_id (a finding)'),
  HIS_UNKNOWN_INSUTYPE: c('reconciliation', 3, 'a HIS settlement with an unknown insurance type (a finding)'),
  HIS_UNKNOWN_CLR_TYPE: c('reconciliation', 3, 'a HIS settlement with an unknown clearing type (a finding)'),
  HIS_BAD_AMOUNT: c('reconciliation', 3, 'a HIS settlement with an amount that is not an amount (a finding)'),
  HIS_BAD_TIME: c('reconciliation', 3, 'a HIS settlement with a bad settlement time (a finding)'),
  NOT_ASKED: c('reconciliation', 3, 'a difference the center was not asked about (query limit reached)'),
  // stuck settlements
  STUCK_CONFIG: c('stuck settlements', 2, 'a stuck: setting in hisops.yaml is invalid'),
  STUCK_DURATION: c('stuck settlements', 2, 'a duration (--older-than) is malformed'),
  STUCK_IDS: c('stuck settlements', 2, 'the settlements named are not among the stuck ones'),
  STUCK_NO_IDS: c('stuck settlements', 2, 'name the settlements to repair, or pass --all'),
  BAD_CENTER_ONLY: c('stuck settlements', 2, '--center-only is not complete or cancel'),
  // traceability codes
  TRACE_BAD_DATE: c('traceability codes', 2, 'a date option is not a date'),
  TRACE_BAD_WINDOW: c('traceability codes', 2, '--from is after --to'),
  TRACE_BAD_KIND: c('traceability codes', 2, '--kind is not a kind of record'),
  TRACE_BAD_DISP_TYPE: c('traceability codes', 2, 'a dispensing record is neither a sale nor a return'),
  TRACE_NO_ID: c('traceability codes', 2, 'a dispensing or stock row has no id'),
  TRACE_FILE: c('traceability codes', 2, 'a trace file is not valid JSON'),
  TRACE_FILE_ROW: c('traceability codes', 2, 'a trace file row has neither disp_id nor stock_id'),
  TRACE_FILE_UNREADABLE: c('traceability codes', 2, 'a trace file cannot be read'),
  TRACE_FILE_AND_WINDOW: c('traceability codes', 2, 'both a file and --from/--to were given'),
  TRACE_UPLOAD_INCOMPLETE: c(
    'traceability codes',
    5,
    'the upload stopped (the center kept failing) or left records with an unknown outcome; run it again',
  ),
  TRACE_SETTING: c('traceability codes', 2, 'a trace: setting in hisops.yaml is invalid'),
  TRACE_INVOICE_FILE: c(
    'traceability codes',
    2,
    'a supplier code list cannot be read or has no invoice number / code column',
  ),
  TRACE_INVOICE_STATEMENT: c(
    'traceability codes',
    2,
    'the HIS profile lacks stock_in_by_invoice / insert_stock_code for trace import-invoice',
  ),
  TRACE_LIBRARY_FILE: c(
    'traceability codes',
    2,
    'a four-code library file has bad rows or lacks a required column (each problem named with file, line, field); nothing was imported',
  ),
  TRACE_LIBRARY_ANSWER: c(
    'traceability codes',
    5,
    "the center's ZSMCJ003 answer does not read as library entries (check trace.library in hisops.yaml); the current library is kept",
  ),
  TRACE_LIBRARY_EMPTY: c(
    'traceability codes',
    5,
    "the center's ZSMCJ003 answer held no library entries; the current library is kept",
  ),
  TRACE_RELATION_FILE: c(
    'traceability codes',
    2,
    'a package-relation file has bad rows, or puts a code into another package than a stored relation; nothing was imported',
  ),
} as const satisfies Readonly<Record<string, ErrorCodeSpec>>;

/**
 * A code of the catalogue. `inputError` and `externalError` accept only these, so a code missing
 * from the table (or misspelt) fails the typecheck, not only the catalogue test.
 */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Whether a text read at run time (a journal row, a center answer) is a catalogued code. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** The exit codes a code may end a run with. */
export function exitsOf(code: string): readonly ExitCode[] {
  const e = isErrorCode(code) ? (ERROR_CODES[code] as ErrorCodeSpec).exit : undefined;
  return e === undefined ? [] : typeof e === 'number' ? [e] : e;
}
