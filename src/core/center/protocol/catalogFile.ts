/**
 * Catalog download files (1301–1315 of kind "file"): a ZIP holding one text file, tab-separated,
 * no header, one record per line, columns by position (reference §5 1301–1321, single source).
 * Newer versions add trailing columns: they are kept as `col_<n>`. Catalogs whose column names
 * are known only in Chinese use the national names where they are certain (vali_flag, rid,
 * crte_time, updt_time, ver, ver_name, memo) and `col_<n>` for the rest.
 */
import { parseTsv, rowsToRecords, writeTsv } from './tsv.js';

const c = (s: string): string[] => s.trim().split(/\s+/);

export const CATALOG_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  '1301': c(`med_list_codg drug_prodname genname_codg drug_genname chemname alis eng_name reg_name drugstdcode
    drug_dosform drug_dosform_name drug_type drug_type_name drug_spec drug_spec_code reg_dosform reg_spec reg_spec_code
    each_dos used_frqu acdbas nat_drug_no used_mtd tcmpat_flag prodplac_type prodplac_type_name prcunt_type otc_flag
    otc_flag_name pacmatl pacmatl_name pacspec pac_cnt efcc_atd rute manl begndate enddate min_useunt min_salunt
    min_unt min_pac_cnt min_pacunt min_prepunt minpacunt_name min_prepunt_name convrat drug_expy min_prcunt wubi pinyin
    subpck_fcty prodentp_code prodentp_name sp_lmtpric_drug_flag sp_drug_flag lmt_usescp lmt_used_flag drug_regno
    drug_regcert_begndate drug_regcert_enddate aprvno aprvno_begndate aprvno_enddate mkt_stas mkt_stas_name
    drug_reg_appvletr_elecacs splm_appy_appvletr_file nat_hi_druglist_memo bas_medn_flag_name bas_medn_flag
    advaltax_adjm_drug_flag advaltax_adjm_drug_name lstd_druglist_drug hi_nego_drug_flag hi_nego_drug_name nhc_drug_codg
    memo vali_flag rid crte_time updt_time ver ver_name chld_medc co_name conseval_drug dstr dstr_coner
    dstr_auth_file_elecacs nat_hi_druglist_dosform nat_hi_druglist_chrgitm_lv`),
  '1302': c(`med_list_codg tcmherb_name cpnd_flag qlt_reg tcmherb_year med_part safe_mtr cnvl_used natfla mertpm cat
    begndate enddate vali_flag rid crte_time updt_time ver ver_name mlms_name efcc_atd psdg_mtd ecy_type mlms_cat_souc
    nat_hi_pay_pol prov_hi_pay_pol std_name std_pagen`),
  '1303': c(`med_list_codg drug_prodname alis eng_name dosform dosform_name reg_dosform ing efcc_atd chrt drug_spec
    drug_spec_code reg_spec reg_spec_code rute stog used_frqu each_dos drug_type drug_type_name otc_flag otc_flag_name
    pacmatl pacmatl_name pacspec manl pac_cnt min_useunt min_salunt min_unt min_pac_cnt min_pacunt min_prepunt
    min_prepunt_name drug_expy min_prcunt defs mnan tabo prodentp_code prodentp_name prodentp_addr sp_lmtpric_drug_flag
    aprvno aprvno_begndate aprvno_enddate drug_regno drug_regcert_begndate drug_regcert_enddate convrat lmt_usescp
    minpacunt_name reg_name subpck_fcty mkt_stas drug_reg_appvletr_elecacs splm_appy_appvletr_file nat_hi_druglist_no
    nat_hi_druglist_memo advaltax_adjm_drug_flag advaltax_adjm_drug_name lstd_druglist_drug nhc_drug_codg memo vali_flag
    begntime endtime rid crte_time updt_time ver ver_name selfprep_pmtno chld_medc eld_patn_medc medins_coner_name
    medins_coner_tel selfprep_pmtno_elecacs`),
  '1305': c(`med_list_codg prcunt prcunt_name trt_item_dscr trt_exct_cont trt_item_cont vali_flag memo servitem_type
    servitem_name item_dscr begndate enddate rid ver ver_name`),
  '1306': c(`med_list_codg mcs_name udi hi_genname_code hi_genname prod_mol spec_code spec mcs_type spec_mol matl_code
    mcs_matl pacspec pac_cnt prod_pacmatl pacunt prod_convrat min_useunt prodplac_type prodplac_type_name prodstrd
    prodexpy perf_stru_comp apb_scp prod_istr prod_img_no prod_qlt_std manl oth_cert_matl sped_flag sped_name comb_name
    case_flag lmt_used_flag hi_lmt_scp min_salunt highval_mcs_flag matl_type_code impt_matl_hmorgn_flag stlz_flag
    stlz_flag_name impt_itvt_clss_flag impt_itvt_clss_name dspo_used_flag dspo_used_flag_name reger_name begndate enddate
    med_equ_mgt_type med_equ_mgt_type_name reg_fil_no reg_fil_prod_name stru_comp oth_cont aprv_date reger_addr
    regcert_expy_begntime regcert_expy_endtime prodentp_code prodentp_name manu_addr agnt_entp agnt_entp_addr
    manu_nat_regn aftsal_serins reg_fil_elec_file prod_img vali_flag rid ver ver_name`),
  '1307': c(`diag_list_id cpr cpr_code_scp cpr_name sec_code_scp sec_name cgy_code cgy_name sor_code sor_name diag_code
    diag_name used_std natstd_diag_code natstd_diag_name clnc_diag_code clnc_diag_name memo vali_flag rid crte_time
    updt_time ver ver_name`),
  '1308': c(`col_1 col_2 col_3 col_4 col_5 col_6 col_7 col_8 col_9 col_10 col_11 col_12 col_13 col_14 col_15 col_16
    col_17 memo vali_flag rid crte_time updt_time ver ver_name`),
  '1309': c(
    'col_1 col_2 col_3 col_4 memo vali_flag rid crte_time updt_time ver col_11 ver_name col_13 col_14 col_15 col_16',
  ),
  '1310': c('col_1 col_2 col_3 col_4 col_5 vali_flag rid crte_time updt_time ver col_11 memo ver_name col_14 col_15'),
  '1311': c('col_1 col_2 col_3 vali_flag rid crte_time updt_time ver col_9 memo ver_name col_12 col_13 col_14 col_15'),
  '1313': c('col_1 col_2 col_3 col_4 col_5 vali_flag rid crte_time updt_time ver ver_name'),
  '1314': c('col_1 col_2 col_3 col_4 col_5 col_6 col_7 memo vali_flag rid crte_time updt_time ver ver_name'),
  '1315': c('col_1 col_2 col_3 col_4 col_5 col_6 col_7 memo vali_flag rid crte_time updt_time ver ver_name'),
};

export type CatalogRecord = Record<string, string | null>;

function columnsOf(infno: string): readonly string[] {
  const cols = CATALOG_COLUMNS[infno];
  if (!cols) throw new RangeError(`no file columns known for catalog ${infno}`);
  return cols;
}

/** Records → file text in the catalog's column order (the sandbox's side). Missing fields are empty. */
export function writeCatalogFile(infno: string, records: readonly Record<string, unknown>[]): string {
  const cols = columnsOf(infno);
  return writeTsv(records.map((r) => cols.map((k) => r[k] ?? null)));
}

/** File text → records keyed by column name; `null` literals and blanks are null; extra columns kept. */
export function parseCatalogFile(infno: string, text: string): CatalogRecord[] {
  return rowsToRecords(parseTsv(text), columnsOf(infno));
}

/**
 * The `ver` to ask for next: the version name of the last record (reference clients read the
 * 版本名称 column of the last file and pass it back), or undefined for an empty file.
 */
export function catalogNextVersion(records: readonly CatalogRecord[]): string | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    const v = r.ver_name ?? r.ver;
    if (v) return v;
  }
  return undefined;
}
