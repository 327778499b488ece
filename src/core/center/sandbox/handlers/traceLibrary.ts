/**
 * ZSMCJ003 四码合一查询: the four-code library, paged like 1312 (data.page_num from 1,
 * data.page_size up to 1000), from the sandbox's generated drug catalog. No specification was
 * published; the sandbox answers with hisops's default field names (docs/trace.md), so that the
 * download can be tested end to end and a real center's names are set in trace.library.fields.
 */
import { traceLibraryEntries } from '../catalogGen.js';
import { node, pageOf, text, type Handler } from './context.js';

export const traceLibraryQuery: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const pageNum = Math.max(1, Number(d.page_num) || 1);
  const pageSize = Math.max(1, Math.min(1000, Number(d.page_size) || 100));
  const prefix = text(d, 'trac_prefix');
  const codg = text(d, 'med_list_codg');
  const rows = traceLibraryEntries(ctx.opts.seed, ctx.opts.catalog).filter(
    (r) => (!prefix || r.trac_prefix === prefix) && (!codg || r.med_list_codg === codg),
  );
  return { output: pageOf(rows, pageNum, pageSize) };
};
