/**
 * Character sets matter where lengths are counted in bytes (Oracle VARCHAR2(n BYTE), SQL Server
 * varchar) and where text capacity is a byte count (MySQL TEXT = 65,535 bytes). The table gives
 * the worst-case bytes per character; unknown charsets are assumed to be 4-byte (the cautious
 * answer: a change then looks like a narrowing and goes to review rather than being applied).
 */
const MAX_BYTES: Record<string, number> = {
  // MySQL / MariaDB
  utf8mb4: 4,
  utf8mb3: 3,
  utf8: 3,
  latin1: 1,
  latin2: 1,
  ascii: 1,
  binary: 1,
  gbk: 2,
  gb2312: 2,
  gb18030: 4,
  big5: 2,
  ucs2: 2,
  utf16: 4,
  utf32: 4,
  cp1252: 1,
  // Oracle NLS_CHARACTERSET
  al32utf8: 4,
  utf8_oracle: 3,
  zhs16gbk: 2,
  zhs32gb18030: 4,
  we8mswin1252: 1,
  we8iso8859p1: 1,
  us7ascii: 1,
  al16utf16: 2,
  // PostgreSQL encodings
  sql_ascii: 1,
  euc_cn: 3,
  win1252: 1,
};

/** Worst-case bytes per character for a charset name (case-insensitive). */
export function maxBytesPerChar(charset: string | undefined): number {
  if (!charset) return 4;
  const k = charset.toLowerCase();
  return MAX_BYTES[k] ?? 4;
}

/** MariaDB 10.6+ says utf8mb3 where older servers said utf8; both mean the same 3-byte charset. */
export function normalizeCharset(charset: string | undefined | null): string | undefined {
  if (!charset) return undefined;
  const k = charset.toLowerCase();
  return k === 'utf8' ? 'utf8mb3' : k;
}

export function normalizeCollation(collation: string | undefined | null): string | undefined {
  if (!collation) return undefined;
  const k = collation.toLowerCase();
  return k.startsWith('utf8_') ? 'utf8mb3_' + k.slice(5) : k;
}
