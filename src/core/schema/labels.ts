/** Dialect names for messages and headers (kept here so the pure planner needs nothing from core/db). */
import type { Dialect } from '../db/index.js';

export const DIALECT_LABEL: Record<Dialect, string> = {
  oracle: 'Oracle',
  postgres: 'PostgreSQL',
  mysql: 'MySQL/MariaDB',
  mssql: 'SQL Server',
  sqlite: 'SQLite',
};
