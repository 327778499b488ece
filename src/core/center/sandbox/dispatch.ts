/** Which handler answers which transaction. Anything else is refused with infcode -1. */
import { CATALOG_FILE_INFNOS } from '../protocol/index.js';
import type { Handler, Preparer } from './handlers/context.js';
import { catalogDownload } from './handlers/catalog.js';
import { download, upload } from './handlers/files.js';
import { mappingRevoke, mappingUpload } from './handlers/mapping.js';
import { hilistQuery } from './handlers/hilist.js';
import { personInfo } from './handlers/person.js';
import { querySettlement } from './handlers/query.js';
import { reverse } from './handlers/reverse.js';
import { signIn, signOut } from './handlers/session.js';
import {
  cancelInpatient,
  cancelOutpatient,
  presettleInpatient,
  presettleOutpatient,
  settleInpatient,
  settleOutpatient,
} from './handlers/settle.js';
import { cancelRegistration, registerOutpatient, uploadVisitInfo } from './handlers/visit.js';
import { admit, cancelAdmission, cancelDischarge, changeStay, discharge } from './handlers/admission.js';
import {
  deleteInpatientLines,
  deleteOutpatientLines,
  uploadInpatientLines,
  uploadOutpatientLines,
} from './handlers/feeLines.js';
import { queryFeeLines } from './handlers/feeQuery.js';
import { stmtDetail, stmtDetailResult } from './handlers/stmtDetail.js';
import { stmtTotal } from './handlers/stmtTotal.js';
import { traceUpload } from './handlers/trace.js';
import { traceLibraryQuery } from './handlers/traceLibrary.js';

/** Transactions with a long part run before their handler (Preparer). */
export const PREPARERS: Readonly<Record<string, Preparer>> = {
  '3202': stmtDetailResult,
};

export const HANDLERS: Readonly<Record<string, Handler>> = {
  '9001': signIn,
  '9002': signOut,
  '1101': personInfo,
  '2201': registerOutpatient,
  '2202': cancelRegistration,
  '2203': uploadVisitInfo,
  '2203A': uploadVisitInfo,
  '2204': uploadOutpatientLines,
  '2205': deleteOutpatientLines,
  '2206': presettleOutpatient,
  '2207': settleOutpatient,
  '2208': cancelOutpatient,
  '2301': uploadInpatientLines,
  '2302': deleteInpatientLines,
  '2303': presettleInpatient,
  '2304': settleInpatient,
  '2305': cancelInpatient,
  '2401': admit,
  '2402': discharge,
  '2403': changeStay,
  '2404': cancelAdmission,
  '2405': cancelDischarge,
  '2601': reverse,
  '5203': querySettlement,
  '5204': queryFeeLines,
  '1312': hilistQuery,
  '3201': stmtTotal,
  '3202': stmtDetail,
  '9101': upload,
  '9102': download,
  '3301': mappingUpload,
  '3302': mappingRevoke,
  '3501': traceUpload,
  '3502': traceUpload,
  '3505': traceUpload,
  '3506': traceUpload,
  '3501A': traceUpload,
  '3502A': traceUpload,
  '3505A': traceUpload,
  '3506A': traceUpload,
  ZSMCJ003: traceLibraryQuery,
  ...Object.fromEntries(Object.keys(CATALOG_FILE_INFNOS).map((k) => [k, catalogDownload])),
};

/** The transactions the sandbox answers, sorted. */
export function offeredInfnos(): string[] {
  return Object.keys(HANDLERS).sort();
}

/**
 * A list of transactions in its shortest complete form: runs of three or more consecutive
 * numbers become a range (1305-1315), everything else is listed as is. Nothing is left out, so a
 * refusal that must fit err_msg's 200 characters still names every transaction offered.
 */
export function compactInfnos(infnos: readonly string[]): string {
  const plain = [...new Set(infnos.filter((x) => /^\d+$/.test(x)))].map(Number).sort((a, b) => a - b);
  const other = [...new Set(infnos.filter((x) => !/^\d+$/.test(x)))].sort();
  const parts: string[] = [];
  for (let i = 0; i < plain.length; ) {
    let j = i;
    while (j + 1 < plain.length && plain[j + 1] === plain[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${plain[i]}-${plain[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(plain[k]));
    i = j + 1;
  }
  return [...parts, ...other].join(' ');
}

/** The refusal of a known transaction the sandbox does not answer: the whole list, within 200 characters. */
export function notOfferedMessage(infno: string): string {
  return `交易 ${infno} 未开放 (offered: ${compactInfnos(offeredInfnos())})`;
}

/**
 * National transactions the reference names that the sandbox does not answer: a request for one
 * is told "not offered" rather than "unknown".
 */
export const NOT_OFFERED = new Set([
  '1304',
  '1316',
  '1317',
  '1318',
  '1319',
  '1320',
  '1321',
  '1901',
  '2001',
  '2101',
  '2102',
  '2103',
  '3203',
  '3204',
  '3503',
  '3504',
  '3507',
  '3508',
  '5205',
  '5206',
  '9002A',
]);
