/** 1301–1315 catalog downloads: the next version's records as a ZIP of tab-separated text. */
import { writeCatalogFile } from '../../protocol/index.js';
import { zipOne } from '../../../shared/index.js';
import { catalogVersions, nextCatalogVersion } from '../catalogGen.js';
import { node, Refusal, text, type Handler } from './context.js';
import { storeFile } from './files.js';

export const catalogDownload: Handler = (ctx) => {
  const ver = text(node(ctx, 'data'), 'ver');
  const versions = catalogVersions(ctx.infno, ctx.opts.seed, ctx.opts.catalog);
  const next = nextCatalogVersion(versions, ver);
  if (next === null)
    throw new Refusal(
      `目录版本号不存在：${ver} (ask with ver "0" to start from the first version, then pass the ver_name of the last record)`,
    );
  const records = next?.records ?? [];
  const base = next ? `${ctx.infno}_${next.ver}` : `${ctx.infno}_latest`;
  const f = storeFile(
    ctx,
    'catalog',
    `${base}.zip`,
    zipOne(`${base}.txt`, writeCatalogFile(ctx.infno, records), ctx.now),
    'plc',
  );
  return {
    output: {
      file_qury_no: f.file_qury_no,
      filename: f.filename,
      dld_endtime: f.dld_endtime,
      data_cnt: records.length,
    },
  };
};
