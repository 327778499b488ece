/**
 * Comparing two column types: equal, a widening (every value fits), a narrowing, or a change of
 * family; and a stable key for a type. The parsers that make the canonical types are types.ts.
 */
import { maxBytesPerChar } from './charsets.js';
import type { BaseType, ColumnType, LobSize } from './model.js';

export type TypeRelation = 'equal' | 'widen' | 'narrow' | 'change';

export interface TypeContext {
  /** Charsets that turn byte lengths into characters (column charset, or the database's). */
  fromCharset?: string;
  toCharset?: string;
}

const INT_RANK: Partial<Record<BaseType, number>> = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, bigint: 5 };
/** Decimal digits an integer type can need (the unsigned maximum's digits). */
const INT_DIGITS: Record<number, [number, number]> = { 1: [3, 3], 2: [5, 5], 3: [7, 8], 4: [10, 10], 5: [19, 20] };
const LOB_BYTES: Record<LobSize, number> = { tiny: 255, regular: 65535, medium: 16777215, long: 4294967295 };

/** A stable string for a canonical type; equal keys ⇔ equal types (native spelling ignored). */
export function typeKey(t: ColumnType): string {
  const parts: string[] = [t.base];
  if (t.length !== undefined) parts.push(`len=${t.length}${t.lengthUnit === 'byte' ? 'B' : ''}`);
  if (t.national) parts.push('national');
  if (t.precision !== undefined) parts.push(`p=${t.precision}`);
  if (t.scale !== undefined) parts.push(`s=${t.scale}`);
  if (t.unsigned) parts.push('unsigned');
  if (t.withTimeZone) parts.push('tz');
  if (t.size) parts.push(`size=${t.size}`);
  if (t.values) parts.push(`values=${JSON.stringify(t.values)}`);
  if (t.base === 'other') parts.push(`native=${t.native.toLowerCase().replace(/\s+/g, ' ')}`);
  return parts.join(' ');
}

function family(b: BaseType): string {
  if (b in INT_RANK) return 'int';
  if (b === 'char' || b === 'varchar' || b === 'text' || b === 'enum' || b === 'set') return 'string';
  if (b === 'binary' || b === 'varbinary' || b === 'blob') return 'binary';
  if (b === 'float' || b === 'double') return 'float';
  if (b === 'datetime' || b === 'timestamp') return b; // different semantics (time zone conversion)
  return b;
}

interface StringCap {
  /** Most characters a value may have. */
  chars: number;
  /** Most bytes a value may take. */
  bytes: number;
}

/** Limits of a string type: char lengths limit characters, byte lengths and LOB sizes limit bytes. */
function stringCapacity(t: ColumnType, charset: string | undefined): StringCap {
  const bpc = maxBytesPerChar(charset);
  if (t.base === 'text') {
    const bytes = LOB_BYTES[t.size ?? 'long'];
    return { chars: bytes, bytes };
  }
  if (t.base === 'enum' || t.base === 'set') {
    const longest =
      t.base === 'enum'
        ? Math.max(0, ...(t.values ?? []).map((v) => [...v].length))
        : (t.values ?? []).reduce((a, v) => a + [...v].length + 1, 0);
    return { chars: longest, bytes: longest * bpc };
  }
  const n = t.length ?? 65535;
  return t.lengthUnit === 'byte' ? { chars: n, bytes: n } : { chars: n, bytes: n * bpc };
}

/** Does `to` accept every value `from` accepts? The worst value is the longest in characters or in bytes. */
function holds(from: StringCap, to: StringCap, bpc: number): boolean {
  return to.chars >= Math.min(from.chars, from.bytes) && to.bytes >= Math.min(from.bytes, from.chars * bpc);
}

function decimalFits(from: { p?: number; s?: number }, to: { p?: number; s?: number }): boolean {
  if (to.p === undefined) return true; // NUMBER without precision holds any decimal
  if (from.p === undefined) return false;
  const fs = from.s ?? 0;
  const ts = to.s ?? 0;
  return ts >= fs && to.p - ts >= from.p - fs;
}

/**
 * How `to` relates to `from`: equal, a widening (every value of `from` fits `to` unchanged), a
 * narrowing (same family, some values may not fit), or a change of type family.
 */
export function compareTypes(from: ColumnType, to: ColumnType, ctx: TypeContext = {}): TypeRelation {
  // Charset changes are reported on their own; the same declared type is equal here.
  if (typeKey(from) === typeKey(to)) return 'equal';
  const fb = from.base;
  const tb = to.base;
  // integers
  const fr = INT_RANK[fb];
  const tr = INT_RANK[tb];
  if (fr !== undefined && tr !== undefined) {
    if (fr === tr && !!from.unsigned === !!to.unsigned) return 'equal';
    if (from.unsigned && !to.unsigned) return tr > fr ? 'widen' : 'narrow';
    if (!from.unsigned && to.unsigned) return 'narrow';
    return tr > fr ? 'widen' : tr < fr ? 'narrow' : 'equal';
  }
  if (fr !== undefined && tb === 'decimal') {
    const digits = INT_DIGITS[fr]![from.unsigned ? 1 : 0];
    return decimalFits({ p: digits, s: 0 }, { p: to.precision, s: to.scale }) ? 'widen' : 'change';
  }
  if (fb === 'decimal' && tb === 'decimal') {
    const a = decimalFits({ p: from.precision, s: from.scale }, { p: to.precision, s: to.scale });
    const b = decimalFits({ p: to.precision, s: to.scale }, { p: from.precision, s: from.scale });
    if (a && b) return !!from.unsigned === !!to.unsigned ? 'equal' : from.unsigned ? 'widen' : 'narrow';
    return a && (!to.unsigned || from.unsigned) ? 'widen' : 'narrow';
  }
  if (family(fb) === 'float' && family(tb) === 'float') {
    if (fb === tb) {
      if (from.precision === to.precision && from.scale === to.scale) return 'equal';
      if (to.precision === undefined) return 'widen';
      if (from.precision === undefined) return 'narrow';
      return decimalFits({ p: from.precision, s: from.scale }, { p: to.precision, s: to.scale }) ? 'widen' : 'narrow';
    }
    return fb === 'float' ? 'widen' : 'narrow';
  }
  // strings
  if (family(fb) === 'string' && family(tb) === 'string') {
    if ((fb === 'enum' || fb === 'set') && tb === fb) {
      const fv = from.values ?? [];
      const tv = to.values ?? [];
      if (fv.length === tv.length && fv.every((v, i) => v === tv[i])) return 'equal';
      // Appending members keeps every stored ordinal; anything else rewrites data.
      if (tv.length > fv.length && fv.every((v, i) => v === tv[i])) return 'widen';
      return 'narrow';
    }
    if (tb === 'enum' || tb === 'set') return 'narrow';
    if (fb === 'varchar' && tb === 'char') return 'change'; // trailing-space padding changes values
    if (!!from.national !== !!to.national) return 'change';
    const a = stringCapacity(from, ctx.fromCharset);
    const b = stringCapacity(to, ctx.toCharset ?? ctx.fromCharset);
    const ab = holds(a, b, maxBytesPerChar(ctx.fromCharset));
    const ba = holds(b, a, maxBytesPerChar(ctx.toCharset ?? ctx.fromCharset));
    if (ab && ba && fb === tb) return 'equal';
    return ab ? 'widen' : 'narrow';
  }
  if (family(fb) === 'binary' && family(tb) === 'binary') {
    const cap = (t: ColumnType) => (t.base === 'blob' ? LOB_BYTES[t.size ?? 'long'] : (t.length ?? 65535));
    if (fb === tb && cap(from) === cap(to)) return 'equal';
    if (fb === 'varbinary' && tb === 'binary') return 'change';
    return cap(to) >= cap(from) ? 'widen' : 'narrow';
  }
  if (fb === 'bit' && tb === 'bit') {
    const a = from.length ?? 1;
    const b = to.length ?? 1;
    return a === b ? 'equal' : b > a ? 'widen' : 'narrow';
  }
  if (fb === tb && (fb === 'time' || fb === 'datetime' || fb === 'timestamp')) {
    if (!!from.withTimeZone !== !!to.withTimeZone) return 'change';
    const a = from.precision ?? 0;
    const b = to.precision ?? 0;
    return a === b ? 'equal' : b > a ? 'widen' : 'narrow';
  }
  if (fb === tb && fb !== 'other') return typeKey(from) === typeKey(to) ? 'equal' : 'change';
  if (fb === 'other' && tb === 'other') return typeKey(from) === typeKey(to) ? 'equal' : 'change';
  return 'change';
}
