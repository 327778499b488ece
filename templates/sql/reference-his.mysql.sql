-- Reference HIS schema for hisops (mysql).
-- Generated from src/core/his/referenceSchema.ts; the golden test keeps the two equal.
-- A statement ends at a line that ends with ";". Money columns are exact decimals (16,2).

-- his_item: HIS items (drugs, services, materials) as the hospital bills them
CREATE TABLE IF NOT EXISTS his_item (
  fixmedins_hilist_id   varchar(30) NOT NULL,
  fixmedins_hilist_name varchar(200) NOT NULL,
  list_type             varchar(30) NOT NULL,
  med_chrgitm_type      varchar(6),
  chrgitm_lv            varchar(3),
  pric                  decimal(16,6) NOT NULL,
  prcunt                varchar(100),
  spec                  varchar(200),
  dosform               varchar(200),
  prodentp_name         varchar(200),
  aprvno                varchar(100),
  rx_flag               varchar(3),
  trac_flag             varchar(3) NOT NULL,
  vali_flag             varchar(3) NOT NULL,
  created_at            datetime NOT NULL,
  updated_at            datetime NOT NULL,
  CONSTRAINT his_item_pk PRIMARY KEY (fixmedins_hilist_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_item_trac_prefix: product-identification codes (first 7 digits of a 20-digit traceability code) of a drug
CREATE TABLE IF NOT EXISTS his_item_trac_prefix (
  fixmedins_hilist_id varchar(30) NOT NULL,
  trac_prefix         varchar(20) NOT NULL,
  pack_lv             varchar(3),
  CONSTRAINT his_item_trac_prefix_pk PRIMARY KEY (fixmedins_hilist_id, trac_prefix)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_mapping: the HIS's own mapping (对照) of its items to national codes, by validity period
CREATE TABLE IF NOT EXISTS his_mapping (
  fixmedins_hilist_id   varchar(30) NOT NULL,
  fixmedins_hilist_name varchar(200),
  list_type             varchar(30) NOT NULL,
  med_list_codg         varchar(50) NOT NULL,
  begndate              date NOT NULL,
  enddate               date NOT NULL,
  memo                  varchar(500),
  created_at            datetime NOT NULL,
  updated_at            datetime NOT NULL,
  CONSTRAINT his_mapping_pk PRIMARY KEY (fixmedins_hilist_id, med_list_codg, begndate)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_visit: outpatient and inpatient visits (就诊); mdtrt_id is the center visit id
CREATE TABLE IF NOT EXISTS his_visit (
  ipt_otp_no    varchar(30) NOT NULL,
  mdtrt_id      varchar(30),
  psn_no        varchar(30),
  psn_name      varchar(50),
  psn_cert_type varchar(6),
  certno        varchar(50),
  insutype      varchar(6),
  med_type      varchar(6) NOT NULL,
  begntime      datetime NOT NULL,
  endtime       datetime,
  dept_code     varchar(30),
  dept_name     varchar(100),
  caty          varchar(6),
  atddr_no      varchar(30),
  dr_name       varchar(50),
  dise_codg     varchar(30),
  dise_name     varchar(500),
  created_at    datetime NOT NULL,
  CONSTRAINT his_visit_pk PRIMARY KEY (ipt_otp_no),
  KEY his_visit_mdtrt (mdtrt_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_settlement: settlements: every 2207/2304 setlinfo field plus the HIS status and the request msgid
CREATE TABLE IF NOT EXISTS his_settlement (
  his_setl_no       varchar(40) NOT NULL,
  ipt_otp_no        varchar(30),
  setl_id           varchar(30),
  mdtrt_id          varchar(30),
  psn_no            varchar(30),
  psn_name          varchar(50),
  psn_cert_type     varchar(6),
  certno            varchar(50),
  gend              varchar(6),
  naty              varchar(3),
  brdy              date,
  age               decimal(4,1),
  insutype          varchar(6) NOT NULL,
  psn_type          varchar(6),
  cvlserv_flag      varchar(3),
  setl_time         datetime,
  mdtrt_cert_type   varchar(3),
  med_type          varchar(6),
  psn_setlway       varchar(6),
  acct_used_flag    varchar(3),
  medfee_sumamt     decimal(16,2),
  fulamt_ownpay_amt decimal(16,2),
  overlmt_selfpay   decimal(16,2),
  preselfpay_amt    decimal(16,2),
  inscp_scp_amt     decimal(16,2),
  act_pay_dedc      decimal(16,2),
  hifp_pay          decimal(16,2),
  pool_prop_selfpay decimal(5,4),
  cvlserv_pay       decimal(16,2),
  hifes_pay         decimal(16,2),
  hifmi_pay         decimal(16,2),
  hifob_pay         decimal(16,2),
  maf_pay           decimal(16,2),
  oth_pay           decimal(16,2),
  hifdm_pay         decimal(16,2),
  fund_pay_sumamt   decimal(16,2),
  psn_part_amt      decimal(16,2),
  acct_pay          decimal(16,2),
  psn_cash_pay      decimal(16,2),
  hosp_part_amt     decimal(16,2),
  balc              decimal(16,2),
  acct_mulaid_pay   decimal(16,2),
  medins_setl_id    varchar(30),
  clr_optins        varchar(6),
  setl_optins       varchar(6),
  clr_way           varchar(6),
  clr_type          varchar(6) NOT NULL,
  insuplc_admdvs    varchar(6),
  in_area_flag      varchar(3),
  his_status        varchar(10) NOT NULL,
  refd_setl_flag    varchar(3) NOT NULL,
  init_setl_id      varchar(30),
  msgid             varchar(30) NOT NULL,
  infno             varchar(4) NOT NULL,
  void_reason       varchar(200),
  opter_id          varchar(30),
  created_at        datetime NOT NULL,
  updated_at        datetime NOT NULL,
  CONSTRAINT his_settlement_pk PRIMARY KEY (his_setl_no),
  UNIQUE KEY his_settlement_setl_id (setl_id),
  UNIQUE KEY his_settlement_msgid (msgid),
  KEY his_settlement_time (setl_time),
  KEY his_settlement_mdtrt (mdtrt_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_fee_detail: fee lines (费用明细) with the split the center returned for each
CREATE TABLE IF NOT EXISTS his_fee_detail (
  feedetl_sn            varchar(30) NOT NULL,
  his_setl_no           varchar(40),
  setl_id               varchar(30),
  mdtrt_id              varchar(30),
  psn_no                varchar(30),
  chrg_bchno            varchar(30),
  med_type              varchar(6),
  fee_ocur_time         datetime NOT NULL,
  fixmedins_hilist_id   varchar(30) NOT NULL,
  fixmedins_hilist_name varchar(200),
  med_list_codg         varchar(50),
  list_type             varchar(30),
  med_chrgitm_type      varchar(6),
  chrgitm_lv            varchar(3),
  cnt                   decimal(16,4) NOT NULL,
  pric                  decimal(16,6) NOT NULL,
  det_item_fee_sumamt   decimal(16,2) NOT NULL,
  pric_uplmt_amt        decimal(16,6),
  selfpay_prop          decimal(5,4),
  fulamt_ownpay_amt     decimal(16,2),
  overlmt_amt           decimal(16,2),
  preselfpay_amt        decimal(16,2),
  inscp_scp_amt         decimal(16,2),
  rxno                  varchar(30),
  bilg_dept_codg        varchar(30),
  bilg_dept_name        varchar(100),
  bilg_dr_codg          varchar(30),
  bilg_dr_name          varchar(50),
  created_at            datetime NOT NULL,
  CONSTRAINT his_fee_detail_pk PRIMARY KEY (feedetl_sn),
  KEY his_fee_detail_setl (his_setl_no),
  KEY his_fee_detail_time (fee_ocur_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_dispense: pharmacy sales and sale returns (3505/3506); codes in his_dispense_trac
CREATE TABLE IF NOT EXISTS his_dispense (
  disp_id               varchar(40) NOT NULL,
  disp_type             varchar(10) NOT NULL,
  orig_disp_id          varchar(40),
  fixmedins_hilist_id   varchar(30) NOT NULL,
  fixmedins_hilist_name varchar(200),
  fixmedins_bchno       varchar(30),
  setl_id               varchar(30),
  mdtrt_sn              varchar(30),
  psn_no                varchar(30),
  psn_cert_type         varchar(6),
  certno                varchar(50),
  psn_name              varchar(50),
  mdtrt_setl_type       varchar(6),
  manu_lotnum           varchar(30),
  manu_date             date,
  expy_end              date,
  rx_flag               varchar(3),
  trdn_flag             varchar(3),
  finl_trns_pric        decimal(16,6),
  sel_retn_cnt          decimal(16,4) NOT NULL,
  sel_retn_time         datetime NOT NULL,
  sel_retn_opter_name   varchar(50),
  prsc_dr_name          varchar(50),
  phar_name             varchar(50),
  phar_prac_cert_no     varchar(50),
  rxno                  varchar(40),
  created_at            datetime NOT NULL,
  CONSTRAINT his_dispense_pk PRIMARY KEY (disp_id),
  KEY his_dispense_time (sel_retn_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_dispense_trac: traceability codes scanned for a sale or return, one row per code
CREATE TABLE IF NOT EXISTS his_dispense_trac (
  disp_id        varchar(40) NOT NULL,
  trac_seq       int NOT NULL,
  drug_trac_codg varchar(100) NOT NULL,
  CONSTRAINT his_dispense_trac_pk PRIMARY KEY (disp_id, trac_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_stock: stock-in and stock changes (3502); codes in his_stock_trac
CREATE TABLE IF NOT EXISTS his_stock (
  stock_id              varchar(40) NOT NULL,
  inv_chg_type          varchar(6) NOT NULL,
  fixmedins_hilist_id   varchar(30) NOT NULL,
  fixmedins_hilist_name varchar(200),
  fixmedins_bchno       varchar(30) NOT NULL,
  pric                  decimal(16,6),
  cnt                   decimal(16,4) NOT NULL,
  rx_flag               varchar(3),
  trdn_flag             varchar(3),
  inv_chg_time          datetime NOT NULL,
  inv_chg_opter_name    varchar(50),
  manu_lotnum           varchar(30),
  manu_date             date,
  expy_end              date,
  spler_name            varchar(200),
  memo                  varchar(500),
  created_at            datetime NOT NULL,
  invc_no               varchar(50),
  CONSTRAINT his_stock_pk PRIMARY KEY (stock_id),
  KEY his_stock_time (inv_chg_time),
  KEY his_stock_invc (invc_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_stock_trac: traceability codes received with a stock record, one row per code
CREATE TABLE IF NOT EXISTS his_stock_trac (
  stock_id       varchar(40) NOT NULL,
  trac_seq       int NOT NULL,
  drug_trac_codg varchar(100) NOT NULL,
  CONSTRAINT his_stock_trac_pk PRIMARY KEY (stock_id, trac_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_stock_count: stock-takes (盘存, 3501): the counted stock of a drug batch on a day; codes in his_stock_count_trac
CREATE TABLE IF NOT EXISTS his_stock_count (
  count_id              varchar(40) NOT NULL,
  invdate               date NOT NULL,
  fixmedins_hilist_id   varchar(30) NOT NULL,
  fixmedins_hilist_name varchar(200),
  rx_flag               varchar(3),
  inv_cnt               decimal(16,2) NOT NULL,
  manu_lotnum           varchar(30),
  fixmedins_bchno       varchar(30) NOT NULL,
  manu_date             date,
  expy_end              date,
  memo                  varchar(500),
  created_at            datetime NOT NULL,
  CONSTRAINT his_stock_count_pk PRIMARY KEY (count_id),
  KEY his_stock_count_day (invdate)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_stock_count_trac: traceability codes counted in a stock-take, one row per code
CREATE TABLE IF NOT EXISTS his_stock_count_trac (
  count_id       varchar(40) NOT NULL,
  trac_seq       int NOT NULL,
  drug_trac_codg varchar(100) NOT NULL,
  CONSTRAINT his_stock_count_trac_pk PRIMARY KEY (count_id, trac_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- his_center_log: write-ahead log the HIS keeps of its calls to the center (written before the call)
CREATE TABLE IF NOT EXISTS his_center_log (
  msgid         varchar(30) NOT NULL,
  infno         varchar(4) NOT NULL,
  his_setl_no   varchar(40),
  mdtrt_id      varchar(30),
  psn_no        varchar(30),
  setl_id       varchar(30),
  request_time  datetime NOT NULL,
  response_time datetime,
  log_status    varchar(10) NOT NULL,
  infcode       varchar(10),
  err_msg       varchar(500),
  request_body  longtext,
  response_body longtext,
  CONSTRAINT his_center_log_pk PRIMARY KEY (msgid),
  KEY his_center_log_time (request_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
