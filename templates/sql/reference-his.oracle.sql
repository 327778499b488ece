-- Reference HIS schema for hisops (oracle).
-- Generated from src/core/his/referenceSchema.ts; the golden test keeps the two equal.
-- A statement ends at a line that ends with ";". Money columns are exact decimals (16,2).

-- his_item: HIS items (drugs, services, materials) as the hospital bills them
CREATE TABLE his_item (
  fixmedins_hilist_id   VARCHAR2(30 CHAR) NOT NULL,
  fixmedins_hilist_name VARCHAR2(200 CHAR) NOT NULL,
  list_type             VARCHAR2(30 CHAR) NOT NULL,
  med_chrgitm_type      VARCHAR2(6 CHAR),
  chrgitm_lv            VARCHAR2(3 CHAR),
  pric                  NUMBER(16,6) NOT NULL,
  prcunt                VARCHAR2(100 CHAR),
  spec                  VARCHAR2(200 CHAR),
  dosform               VARCHAR2(200 CHAR),
  prodentp_name         VARCHAR2(200 CHAR),
  aprvno                VARCHAR2(100 CHAR),
  rx_flag               VARCHAR2(3 CHAR),
  trac_flag             VARCHAR2(3 CHAR) NOT NULL,
  vali_flag             VARCHAR2(3 CHAR) NOT NULL,
  created_at            TIMESTAMP(0) NOT NULL,
  updated_at            TIMESTAMP(0) NOT NULL,
  CONSTRAINT his_item_pk PRIMARY KEY (fixmedins_hilist_id)
);

-- his_item_trac_prefix: product-identification codes (first 7 digits of a 20-digit traceability code) of a drug
CREATE TABLE his_item_trac_prefix (
  fixmedins_hilist_id VARCHAR2(30 CHAR) NOT NULL,
  trac_prefix         VARCHAR2(20 CHAR) NOT NULL,
  pack_lv             VARCHAR2(3 CHAR),
  CONSTRAINT his_item_trac_prefix_pk PRIMARY KEY (fixmedins_hilist_id, trac_prefix)
);

-- his_mapping: the HIS's own mapping (对照) of its items to national codes, by validity period
CREATE TABLE his_mapping (
  fixmedins_hilist_id   VARCHAR2(30 CHAR) NOT NULL,
  fixmedins_hilist_name VARCHAR2(200 CHAR),
  list_type             VARCHAR2(30 CHAR) NOT NULL,
  med_list_codg         VARCHAR2(50 CHAR) NOT NULL,
  begndate              DATE NOT NULL,
  enddate               DATE NOT NULL,
  memo                  VARCHAR2(500 CHAR),
  created_at            TIMESTAMP(0) NOT NULL,
  updated_at            TIMESTAMP(0) NOT NULL,
  CONSTRAINT his_mapping_pk PRIMARY KEY (fixmedins_hilist_id, med_list_codg, begndate)
);

-- his_visit: outpatient and inpatient visits (就诊); mdtrt_id is the center visit id
CREATE TABLE his_visit (
  ipt_otp_no    VARCHAR2(30 CHAR) NOT NULL,
  mdtrt_id      VARCHAR2(30 CHAR),
  psn_no        VARCHAR2(30 CHAR),
  psn_name      VARCHAR2(50 CHAR),
  psn_cert_type VARCHAR2(6 CHAR),
  certno        VARCHAR2(50 CHAR),
  insutype      VARCHAR2(6 CHAR),
  med_type      VARCHAR2(6 CHAR) NOT NULL,
  begntime      TIMESTAMP(0) NOT NULL,
  endtime       TIMESTAMP(0),
  dept_code     VARCHAR2(30 CHAR),
  dept_name     VARCHAR2(100 CHAR),
  caty          VARCHAR2(6 CHAR),
  atddr_no      VARCHAR2(30 CHAR),
  dr_name       VARCHAR2(50 CHAR),
  dise_codg     VARCHAR2(30 CHAR),
  dise_name     VARCHAR2(500 CHAR),
  created_at    TIMESTAMP(0) NOT NULL,
  CONSTRAINT his_visit_pk PRIMARY KEY (ipt_otp_no)
);
CREATE INDEX his_visit_mdtrt ON his_visit (mdtrt_id);

-- his_settlement: settlements: every 2207/2304 setlinfo field plus the HIS status and the request msgid
CREATE TABLE his_settlement (
  his_setl_no       VARCHAR2(40 CHAR) NOT NULL,
  ipt_otp_no        VARCHAR2(30 CHAR),
  setl_id           VARCHAR2(30 CHAR),
  mdtrt_id          VARCHAR2(30 CHAR),
  psn_no            VARCHAR2(30 CHAR),
  psn_name          VARCHAR2(50 CHAR),
  psn_cert_type     VARCHAR2(6 CHAR),
  certno            VARCHAR2(50 CHAR),
  gend              VARCHAR2(6 CHAR),
  naty              VARCHAR2(3 CHAR),
  brdy              DATE,
  age               NUMBER(4,1),
  insutype          VARCHAR2(6 CHAR) NOT NULL,
  psn_type          VARCHAR2(6 CHAR),
  cvlserv_flag      VARCHAR2(3 CHAR),
  setl_time         TIMESTAMP(0),
  mdtrt_cert_type   VARCHAR2(3 CHAR),
  med_type          VARCHAR2(6 CHAR),
  psn_setlway       VARCHAR2(6 CHAR),
  acct_used_flag    VARCHAR2(3 CHAR),
  medfee_sumamt     NUMBER(16,2),
  fulamt_ownpay_amt NUMBER(16,2),
  overlmt_selfpay   NUMBER(16,2),
  preselfpay_amt    NUMBER(16,2),
  inscp_scp_amt     NUMBER(16,2),
  act_pay_dedc      NUMBER(16,2),
  hifp_pay          NUMBER(16,2),
  pool_prop_selfpay NUMBER(5,4),
  cvlserv_pay       NUMBER(16,2),
  hifes_pay         NUMBER(16,2),
  hifmi_pay         NUMBER(16,2),
  hifob_pay         NUMBER(16,2),
  maf_pay           NUMBER(16,2),
  oth_pay           NUMBER(16,2),
  hifdm_pay         NUMBER(16,2),
  fund_pay_sumamt   NUMBER(16,2),
  psn_part_amt      NUMBER(16,2),
  acct_pay          NUMBER(16,2),
  psn_cash_pay      NUMBER(16,2),
  hosp_part_amt     NUMBER(16,2),
  balc              NUMBER(16,2),
  acct_mulaid_pay   NUMBER(16,2),
  medins_setl_id    VARCHAR2(30 CHAR),
  clr_optins        VARCHAR2(6 CHAR),
  setl_optins       VARCHAR2(6 CHAR),
  clr_way           VARCHAR2(6 CHAR),
  clr_type          VARCHAR2(6 CHAR) NOT NULL,
  insuplc_admdvs    VARCHAR2(6 CHAR),
  in_area_flag      VARCHAR2(3 CHAR),
  his_status        VARCHAR2(10 CHAR) NOT NULL,
  refd_setl_flag    VARCHAR2(3 CHAR) NOT NULL,
  init_setl_id      VARCHAR2(30 CHAR),
  msgid             VARCHAR2(30 CHAR) NOT NULL,
  infno             VARCHAR2(4 CHAR) NOT NULL,
  void_reason       VARCHAR2(200 CHAR),
  opter_id          VARCHAR2(30 CHAR),
  created_at        TIMESTAMP(0) NOT NULL,
  updated_at        TIMESTAMP(0) NOT NULL,
  CONSTRAINT his_settlement_pk PRIMARY KEY (his_setl_no)
);
CREATE UNIQUE INDEX his_settlement_setl_id ON his_settlement (setl_id);
CREATE UNIQUE INDEX his_settlement_msgid ON his_settlement (msgid);
CREATE INDEX his_settlement_time ON his_settlement (setl_time);
CREATE INDEX his_settlement_mdtrt ON his_settlement (mdtrt_id);

-- his_fee_detail: fee lines (费用明细) with the split the center returned for each
CREATE TABLE his_fee_detail (
  feedetl_sn            VARCHAR2(30 CHAR) NOT NULL,
  his_setl_no           VARCHAR2(40 CHAR),
  setl_id               VARCHAR2(30 CHAR),
  mdtrt_id              VARCHAR2(30 CHAR),
  psn_no                VARCHAR2(30 CHAR),
  chrg_bchno            VARCHAR2(30 CHAR),
  med_type              VARCHAR2(6 CHAR),
  fee_ocur_time         TIMESTAMP(0) NOT NULL,
  fixmedins_hilist_id   VARCHAR2(30 CHAR) NOT NULL,
  fixmedins_hilist_name VARCHAR2(200 CHAR),
  med_list_codg         VARCHAR2(50 CHAR),
  list_type             VARCHAR2(30 CHAR),
  med_chrgitm_type      VARCHAR2(6 CHAR),
  chrgitm_lv            VARCHAR2(3 CHAR),
  cnt                   NUMBER(16,4) NOT NULL,
  pric                  NUMBER(16,6) NOT NULL,
  det_item_fee_sumamt   NUMBER(16,2) NOT NULL,
  pric_uplmt_amt        NUMBER(16,6),
  selfpay_prop          NUMBER(5,4),
  fulamt_ownpay_amt     NUMBER(16,2),
  overlmt_amt           NUMBER(16,2),
  preselfpay_amt        NUMBER(16,2),
  inscp_scp_amt         NUMBER(16,2),
  rxno                  VARCHAR2(30 CHAR),
  bilg_dept_codg        VARCHAR2(30 CHAR),
  bilg_dept_name        VARCHAR2(100 CHAR),
  bilg_dr_codg          VARCHAR2(30 CHAR),
  bilg_dr_name          VARCHAR2(50 CHAR),
  created_at            TIMESTAMP(0) NOT NULL,
  CONSTRAINT his_fee_detail_pk PRIMARY KEY (feedetl_sn)
);
CREATE INDEX his_fee_detail_setl ON his_fee_detail (his_setl_no);
CREATE INDEX his_fee_detail_time ON his_fee_detail (fee_ocur_time);

-- his_dispense: pharmacy sales and sale returns (3505/3506); codes in his_dispense_trac
CREATE TABLE his_dispense (
  disp_id               VARCHAR2(40 CHAR) NOT NULL,
  disp_type             VARCHAR2(10 CHAR) NOT NULL,
  orig_disp_id          VARCHAR2(40 CHAR),
  fixmedins_hilist_id   VARCHAR2(30 CHAR) NOT NULL,
  fixmedins_hilist_name VARCHAR2(200 CHAR),
  fixmedins_bchno       VARCHAR2(30 CHAR),
  setl_id               VARCHAR2(30 CHAR),
  mdtrt_sn              VARCHAR2(30 CHAR),
  psn_no                VARCHAR2(30 CHAR),
  psn_cert_type         VARCHAR2(6 CHAR),
  certno                VARCHAR2(50 CHAR),
  psn_name              VARCHAR2(50 CHAR),
  mdtrt_setl_type       VARCHAR2(6 CHAR),
  manu_lotnum           VARCHAR2(30 CHAR),
  manu_date             DATE,
  expy_end              DATE,
  rx_flag               VARCHAR2(3 CHAR),
  trdn_flag             VARCHAR2(3 CHAR),
  finl_trns_pric        NUMBER(16,6),
  sel_retn_cnt          NUMBER(16,4) NOT NULL,
  sel_retn_time         TIMESTAMP(0) NOT NULL,
  sel_retn_opter_name   VARCHAR2(50 CHAR),
  prsc_dr_name          VARCHAR2(50 CHAR),
  phar_name             VARCHAR2(50 CHAR),
  phar_prac_cert_no     VARCHAR2(50 CHAR),
  rxno                  VARCHAR2(40 CHAR),
  created_at            TIMESTAMP(0) NOT NULL,
  CONSTRAINT his_dispense_pk PRIMARY KEY (disp_id)
);
CREATE INDEX his_dispense_time ON his_dispense (sel_retn_time);

-- his_dispense_trac: traceability codes scanned for a sale or return, one row per code
CREATE TABLE his_dispense_trac (
  disp_id        VARCHAR2(40 CHAR) NOT NULL,
  trac_seq       NUMBER(10) NOT NULL,
  drug_trac_codg VARCHAR2(100 CHAR) NOT NULL,
  CONSTRAINT his_dispense_trac_pk PRIMARY KEY (disp_id, trac_seq)
);

-- his_stock: stock-in and stock changes (3502); codes in his_stock_trac
CREATE TABLE his_stock (
  stock_id              VARCHAR2(40 CHAR) NOT NULL,
  inv_chg_type          VARCHAR2(6 CHAR) NOT NULL,
  fixmedins_hilist_id   VARCHAR2(30 CHAR) NOT NULL,
  fixmedins_hilist_name VARCHAR2(200 CHAR),
  fixmedins_bchno       VARCHAR2(30 CHAR) NOT NULL,
  pric                  NUMBER(16,6),
  cnt                   NUMBER(16,4) NOT NULL,
  rx_flag               VARCHAR2(3 CHAR),
  trdn_flag             VARCHAR2(3 CHAR),
  inv_chg_time          TIMESTAMP(0) NOT NULL,
  inv_chg_opter_name    VARCHAR2(50 CHAR),
  manu_lotnum           VARCHAR2(30 CHAR),
  manu_date             DATE,
  expy_end              DATE,
  spler_name            VARCHAR2(200 CHAR),
  memo                  VARCHAR2(500 CHAR),
  created_at            TIMESTAMP(0) NOT NULL,
  invc_no               VARCHAR2(50 CHAR),
  CONSTRAINT his_stock_pk PRIMARY KEY (stock_id)
);
CREATE INDEX his_stock_time ON his_stock (inv_chg_time);
CREATE INDEX his_stock_invc ON his_stock (invc_no);

-- his_stock_trac: traceability codes received with a stock record, one row per code
CREATE TABLE his_stock_trac (
  stock_id       VARCHAR2(40 CHAR) NOT NULL,
  trac_seq       NUMBER(10) NOT NULL,
  drug_trac_codg VARCHAR2(100 CHAR) NOT NULL,
  CONSTRAINT his_stock_trac_pk PRIMARY KEY (stock_id, trac_seq)
);

-- his_stock_count: stock-takes (盘存, 3501): the counted stock of a drug batch on a day; codes in his_stock_count_trac
CREATE TABLE his_stock_count (
  count_id              VARCHAR2(40 CHAR) NOT NULL,
  invdate               DATE NOT NULL,
  fixmedins_hilist_id   VARCHAR2(30 CHAR) NOT NULL,
  fixmedins_hilist_name VARCHAR2(200 CHAR),
  rx_flag               VARCHAR2(3 CHAR),
  inv_cnt               NUMBER(16,2) NOT NULL,
  manu_lotnum           VARCHAR2(30 CHAR),
  fixmedins_bchno       VARCHAR2(30 CHAR) NOT NULL,
  manu_date             DATE,
  expy_end              DATE,
  memo                  VARCHAR2(500 CHAR),
  created_at            TIMESTAMP(0) NOT NULL,
  CONSTRAINT his_stock_count_pk PRIMARY KEY (count_id)
);
CREATE INDEX his_stock_count_day ON his_stock_count (invdate);

-- his_stock_count_trac: traceability codes counted in a stock-take, one row per code
CREATE TABLE his_stock_count_trac (
  count_id       VARCHAR2(40 CHAR) NOT NULL,
  trac_seq       NUMBER(10) NOT NULL,
  drug_trac_codg VARCHAR2(100 CHAR) NOT NULL,
  CONSTRAINT his_stock_count_trac_pk PRIMARY KEY (count_id, trac_seq)
);

-- his_center_log: write-ahead log the HIS keeps of its calls to the center (written before the call)
CREATE TABLE his_center_log (
  msgid         VARCHAR2(30 CHAR) NOT NULL,
  infno         VARCHAR2(4 CHAR) NOT NULL,
  his_setl_no   VARCHAR2(40 CHAR),
  mdtrt_id      VARCHAR2(30 CHAR),
  psn_no        VARCHAR2(30 CHAR),
  setl_id       VARCHAR2(30 CHAR),
  request_time  TIMESTAMP(0) NOT NULL,
  response_time TIMESTAMP(0),
  log_status    VARCHAR2(10 CHAR) NOT NULL,
  infcode       VARCHAR2(10 CHAR),
  err_msg       VARCHAR2(500 CHAR),
  request_body  CLOB,
  response_body CLOB,
  CONSTRAINT his_center_log_pk PRIMARY KEY (msgid)
);
CREATE INDEX his_center_log_time ON his_center_log (request_time);
