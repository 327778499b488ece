/** The file catalogs (1301–1315) through the client: page after page of list, download, parse. */
import { inputError } from '../../errors.js';
import { catalogNextVersion, parseCatalogFile, type CatalogRecord } from '../protocol/catalogFile.js';
import { CATALOG_FILE_INFNOS, type CatalogFileInfno } from '../protocol/catalogTransactions.js';
import { parseFileInfo, type FileInfo } from '../protocol/records.js';
import type { Center } from './center.js';
import { readFileBody } from './fileBody.js';
import type { CallOptions, CenterReply } from './types.js';

export interface CatalogPage {
  /** The version asked for. */
  ver: string;
  fileinfo: FileInfo;
  count: number;
  /** The version the next page is asked for (undefined when the file was empty). */
  nextVer: string | undefined;
  msgids: { list: string; download: string };
}

export interface CatalogDownloadOptions {
  /** Version to start from (the last one imported; `0` or an empty string for everything). */
  ver: string;
  /** Stop after this many files (default 100). */
  maxPages?: number;
  /** Called with each page's records (for streaming into a database). */
  onPage?: (page: CatalogPage, records: CatalogRecord[]) => Promise<void> | void;
  /** Keep every record in the result (default true; set false for big catalogs with onPage). */
  collect?: boolean;
}

export interface CatalogDownloadResult {
  infno: CatalogFileInfno;
  pages: CatalogPage[];
  records: CatalogRecord[];
  /** The version to start from next time. */
  lastVer: string;
}

/**
 * 1301–1315 file catalogs: ask for the file newer than `ver`, download it (9102), unzip, parse
 * the tab-separated rows; repeat with the version of the last record until a file is empty,
 * the version stops moving, or maxPages is reached.
 */
export async function catalogDownload(
  center: Center,
  infno: CatalogFileInfno,
  o: CatalogDownloadOptions,
  opts?: CallOptions,
): Promise<CenterReply<CatalogDownloadResult>> {
  if (!Object.hasOwn(CATALOG_FILE_INFNOS, infno)) {
    throw inputError(
      'CENTER_CATALOG',
      `${infno} is not a file catalog`,
      `Use one of ${Object.keys(CATALOG_FILE_INFNOS).join(', ')}; 1312 is a paged query (hilistQuery).`,
    ).zh(
      `${infno} 不是文件下载类目录`,
      `请使用 ${Object.keys(CATALOG_FILE_INFNOS).join('、')} 之一；1312 是分页查询（hilistQuery）。`,
    );
  }
  const pages: CatalogPage[] = [];
  const records: CatalogRecord[] = [];
  const maxPages = o.maxPages ?? 100;
  let ver = o.ver;
  let last: CenterReply<FileInfo> | undefined;
  let attempts = 0;
  let durationMs = 0;
  while (pages.length < maxPages) {
    const list = await center.request(
      infno,
      { data: { ver } },
      (out) => parseFileInfo(out, `${infno} ${CATALOG_FILE_INFNOS[infno]}`),
      opts,
    );
    last = list;
    attempts += list.attempts;
    durationMs += list.durationMs;
    if (list.result.data_cnt === 0) break;
    const down = await center.downloadFile(
      {
        file_qury_no: list.result.file_qury_no,
        filename: list.result.filename,
        fixmedins_code: center.config.catalogFileOwner,
      },
      opts,
    );
    attempts += down.attempts;
    durationMs += down.durationMs;
    const rows = parseCatalogFile(infno, readFileBody(down.result, '.txt').text);
    const nextVer = catalogNextVersion(rows);
    const page: CatalogPage = {
      ver,
      fileinfo: list.result,
      count: rows.length,
      nextVer,
      msgids: { list: list.msgid, download: down.msgid },
    };
    pages.push(page);
    if (o.onPage) await o.onPage(page, rows);
    if (o.collect !== false) for (const r of rows) records.push(r);
    if (rows.length === 0 || !nextVer || nextVer === ver) break;
    ver = nextVer;
  }
  const lastVer = pages.length ? (pages[pages.length - 1]!.nextVer ?? ver) : o.ver;
  return {
    infno,
    msgid: last!.msgid,
    inf_refmsgid: last!.inf_refmsgid,
    warn_msg: last!.warn_msg,
    attempts,
    durationMs,
    result: { infno, pages, records, lastVer },
  };
}
