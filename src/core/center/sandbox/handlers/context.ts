/**
 * What every transaction handler receives and may return. Handlers run synchronously inside one
 * ledger transaction; a business refusal is thrown as `Refusal` and becomes infcode -1 with its
 * text as err_msg (the transaction is rolled back).
 */
import type { ValidateOptions } from '../../protocol/index.js';
import type { Ledger, MessageRow } from '../ledger.js';
import type { SplitFn } from '../simpleSplit.js';
import type { CatalogOptions } from '../catalogGen.js';

export class Refusal extends Error {
  constructor(readonly err_msg: string) {
    super(err_msg);
    this.name = 'Refusal';
  }
}

export interface ServiceOptions {
  /** The center's division (answers, ids, local persons). */
  admdvs: string;
  seed: number;
  split: SplitFn;
  utcOffsetMinutes: number | undefined;
  /** Is a sign_no valid for the rest of its day ('day') or for a number of milliseconds? */
  signInValidity: 'day' | number;
  requireSignIn: boolean;
  /** Accept a second live settlement of the same visit and charge batch (to reproduce duplicates). */
  allowDuplicateSettlements: boolean;
  /** Settle a visit the sandbox never registered from the request's own amounts (old clients and tests). */
  lenientVisits: boolean;
  /** How long a produced or uploaded file can be downloaded, in hours. */
  fileTtlHours: number;
  catalog: CatalogOptions;
  validate: ValidateOptions;
  /** Institutions registered here besides the demo's and those the ledger holds. */
  institutions: ReadonlySet<string>;
}

export interface HandlerCtx {
  ledger: Ledger;
  opts: ServiceOptions;
  infno: string;
  msgid: string;
  env: Record<string, unknown>;
  input: Record<string, unknown>;
  fixmedins_code: string;
  fixmedins_name: string;
  now: Date;
  /** `yyyy-MM-dd HH:mm:ss` in the center's clock. */
  nowText: string;
  /** `yyyy-MM-dd` in the center's clock. */
  today: string;
  /** Canonical texts of the input's objects, written once for the request's digest (digestOf). */
  texts?: WeakMap<object, string>;
  /** What the transaction's Preparer made before the ledger transaction (see PREPARERS). */
  prepared?: unknown;
}

export type HandlerResult =
  | { output: Record<string, unknown>; created?: MessageRow['created']; psn_no?: string | null }
  | { file: Buffer; filename: string };

export type Handler = (ctx: HandlerCtx) => HandlerResult;

/**
 * The long part of a transaction, run before its handler and outside the ledger transaction, with
 * breaks: the center answers other calls meanwhile. Its result is the handler's `ctx.prepared`.
 */
export type Preparer = (ctx: HandlerCtx) => Promise<unknown>;

/** The object node `name` of the input (validated before the handler runs). */
export function node(ctx: HandlerCtx, name: string): Record<string, unknown> {
  return (ctx.input[name] ?? {}) as Record<string, unknown>;
}

/** A field as trimmed text ('' when absent). Codes may arrive as numbers. */
export function text(o: Record<string, unknown>, k: string): string {
  const v = o[k];
  if (v === undefined || v === null) return '';
  return String(v).trim();
}

/** A date-time `yyyy-MM-dd HH:mm:ss` plus hours. */
export function addHours(nowText: string, hours: number): string {
  const t = new Date(`${nowText.replace(' ', 'T')}Z`);
  t.setUTCHours(t.getUTCHours() + hours);
  return t.toISOString().slice(0, 19).replace('T', ' ');
}

/** Page `pageNum` (from 1) of `rows` as the center's paged queries (1312, ZSMCJ003) answer it. */
export function pageOf<T>(rows: readonly T[], pageNum: number, pageSize: number) {
  const pages = Math.ceil(rows.length / pageSize);
  const data = rows.slice((pageNum - 1) * pageSize, pageNum * pageSize);
  return {
    data,
    recordCounts: rows.length,
    pageNum,
    pageSize,
    pages,
    size: data.length,
    firstPage: pageNum === 1,
    lastPage: pageNum >= pages,
  };
}
