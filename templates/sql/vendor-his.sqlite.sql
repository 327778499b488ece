-- Vendor-style HIS schema for hisops (sqlite): pinyin-abbreviation names, Chinese comments,
-- a hospital code (YYBM) on every table, digit status codes, DECIMAL(12,4) amounts.
-- Generated from src/core/his/vendorSchema.ts; the golden test keeps the two equal.

-- YY_XMZD: 医院收费项目字典
CREATE TABLE IF NOT EXISTS YY_XMZD (
  YYBM   varchar(20) NOT NULL, -- 医院编码
  XMBM   varchar(30) NOT NULL, -- 医院项目编码
  XMMC   varchar(200) NOT NULL, -- 医院项目名称
  MLLB   varchar(30) NOT NULL, -- 目录类别
  SFXMLB varchar(6), -- 收费项目类别
  SFXMDJ varchar(3), -- 收费项目等级
  DJ     numeric(12,4) NOT NULL, -- 单价
  JJDW   varchar(100), -- 计价单位
  GG     varchar(200), -- 规格
  CFYBZ  varchar(3), -- 处方药标志
  ZSMBZ  varchar(3) NOT NULL, -- 追溯码标志
  YXBZ   varchar(3) NOT NULL, -- 有效标志
  CJSJ   datetime NOT NULL, -- 创建时间
  CONSTRAINT YY_XMZD_PK PRIMARY KEY (YYBM, XMBM)
);

-- YP_ZSMQZ: 药品追溯码前缀（药品标识码）
CREATE TABLE IF NOT EXISTS YP_ZSMQZ (
  YYBM  varchar(20) NOT NULL, -- 医院编码
  XMBM  varchar(30) NOT NULL, -- 医院项目编码
  ZSMQZ varchar(20) NOT NULL, -- 追溯码前缀
  BZJB  varchar(3), -- 包装级别
  CONSTRAINT YP_ZSMQZ_PK PRIMARY KEY (YYBM, XMBM, ZSMQZ)
);

-- YB_MLDZ: 医保目录对照
CREATE TABLE IF NOT EXISTS YB_MLDZ (
  YYBM   varchar(20) NOT NULL, -- 医院编码
  YYXMBM varchar(30) NOT NULL, -- 医院项目编码
  YYXMMC varchar(200), -- 医院项目名称
  MLLB   varchar(30) NOT NULL, -- 目录类别
  YBMLBM varchar(50) NOT NULL, -- 医保目录编码
  KSRQ   date NOT NULL, -- 开始日期
  ZZRQ   date NOT NULL, -- 终止日期
  BZ     varchar(500), -- 备注
  CJSJ   datetime NOT NULL, -- 创建时间
  XGSJ   datetime NOT NULL, -- 修改时间
  CONSTRAINT YB_MLDZ_PK PRIMARY KEY (YYBM, YYXMBM, YBMLBM, KSRQ)
);

-- MZ_GHXX: 门诊挂号及住院登记（就诊信息）
CREATE TABLE IF NOT EXISTS MZ_GHXX (
  YYBM  varchar(20) NOT NULL, -- 医院编码
  MZZYH varchar(30) NOT NULL, -- 门诊住院号
  JZID  varchar(30), -- 就诊ID
  RYBH  varchar(30), -- 人员编号
  XM    varchar(50), -- 姓名
  ZJLX  varchar(6), -- 证件类型
  ZJHM  varchar(50), -- 证件号码
  XZLX  varchar(6), -- 险种类型
  YLLB  varchar(6) NOT NULL, -- 医疗类别
  KSSJ  datetime NOT NULL, -- 开始时间
  JSSJ  datetime, -- 结束时间
  KSBM  varchar(30), -- 科室编码
  KSMC  varchar(100), -- 科室名称
  YSXM  varchar(50), -- 医生姓名
  ZDBM  varchar(30), -- 诊断编码
  ZDMC  varchar(500), -- 诊断名称
  CJSJ  datetime NOT NULL, -- 创建时间
  CONSTRAINT MZ_GHXX_PK PRIMARY KEY (YYBM, MZZYH)
);
CREATE INDEX IF NOT EXISTS MZ_GHXX_JZID ON MZ_GHXX (YYBM, JZID);

-- YB_JSXX: 医保结算信息（结算主表，退费为负数的单独一行）
CREATE TABLE IF NOT EXISTS YB_JSXX (
  YYBM     varchar(20) NOT NULL, -- 医院编码
  JSLSH    varchar(40) NOT NULL, -- 结算流水号
  MZZYH    varchar(30), -- 门诊住院号
  JSID     varchar(30), -- 结算ID
  JZID     varchar(30), -- 就诊ID
  RYBH     varchar(30), -- 人员编号
  XM       varchar(50), -- 姓名
  ZJLX     varchar(6), -- 证件类型
  ZJHM     varchar(50), -- 证件号码
  XB       varchar(6), -- 性别
  MZ       varchar(3), -- 民族
  CSRQ     date, -- 出生日期
  NL       numeric(4,1), -- 年龄
  XZLX     varchar(6) NOT NULL, -- 险种类型
  RYLB     varchar(6), -- 人员类别
  GWYBZ    varchar(3), -- 公务员标志
  JSSJ     datetime, -- 结算时间
  JZPZLX   varchar(3), -- 就诊凭证类型
  YLLB     varchar(6), -- 医疗类别
  YLFZE    numeric(12,4), -- 医疗费总额
  QZFJE    numeric(12,4), -- 全自费金额
  CXJZFJE  numeric(12,4), -- 超限价自费费用
  XXZFJE   numeric(12,4), -- 先行自付金额
  FHZCFWJE numeric(12,4), -- 符合政策范围金额
  SJZFQFX  numeric(12,4), -- 实际支付起付线
  TCJJZF   numeric(12,4), -- 统筹基金支付
  JJZFBL   numeric(5,4), -- 统筹基金支付比例
  GWYBZZF  numeric(12,4), -- 公务员医疗补助资金支付
  QYBCZF   numeric(12,4), -- 企业补充医疗保险基金支付
  DBBXZF   numeric(12,4), -- 居民大病保险资金支付
  DEBZZF   numeric(12,4), -- 职工大额医疗费用补助基金支付
  YLJZZF   numeric(12,4), -- 医疗救助基金支付
  QTZF     numeric(12,4), -- 其他支付
  SCRYZF   numeric(12,4), -- 伤残人员医疗保障基金支付
  JJZFZE   numeric(12,4), -- 基金支付总额
  GRFDZE   numeric(12,4), -- 个人负担总金额
  GRZHZF   numeric(12,4), -- 个人账户支付
  GRXJZF   numeric(12,4), -- 个人现金支付
  YYFDJE   numeric(12,4), -- 医院负担金额
  ZHYE     numeric(12,4), -- 个人账户余额
  GJZHZF   numeric(12,4), -- 个人账户共济支付金额
  YYJSID   varchar(30), -- 医药机构结算ID
  QSJG     varchar(6), -- 清算经办机构
  JSJG     varchar(6), -- 结算经办机构
  QSFS     varchar(6), -- 清算方式
  QSLB     varchar(6) NOT NULL, -- 清算类别
  CBDQH    varchar(6), -- 参保地医保区划
  BDBZ     varchar(3), -- 本地标志（1本地 0异地）
  JSZT     varchar(1) NOT NULL, -- 结算状态（0待确认 1已结算 2已作废 3已撤销）
  THBZ     varchar(1) NOT NULL, -- 退费标志（1为撤销结算的负数行）
  YJSID    varchar(30), -- 原结算ID
  BWID     varchar(30) NOT NULL, -- 报文ID
  JYBH     varchar(4) NOT NULL, -- 交易编号
  ZFYY     varchar(200), -- 作废原因
  CJSJ     datetime NOT NULL, -- 创建时间
  XGSJ     datetime NOT NULL, -- 修改时间
  CONSTRAINT YB_JSXX_PK PRIMARY KEY (YYBM, JSLSH)
);
CREATE UNIQUE INDEX IF NOT EXISTS YB_JSXX_JSID ON YB_JSXX (YYBM, JSID);
CREATE UNIQUE INDEX IF NOT EXISTS YB_JSXX_BWID ON YB_JSXX (YYBM, BWID);
CREATE INDEX IF NOT EXISTS YB_JSXX_JSSJ ON YB_JSXX (JSSJ);
CREATE INDEX IF NOT EXISTS YB_JSXX_JZID ON YB_JSXX (JZID);

-- YB_JSMX: 医保结算明细（费用明细）
CREATE TABLE IF NOT EXISTS YB_JSMX (
  YYBM     varchar(20) NOT NULL, -- 医院编码
  MXLSH    varchar(30) NOT NULL, -- 费用明细流水号
  JSLSH    varchar(40), -- 结算流水号
  JSID     varchar(30), -- 结算ID
  JZID     varchar(30), -- 就诊ID
  RYBH     varchar(30), -- 人员编号
  SFPCH    varchar(30), -- 收费批次号
  YLLB     varchar(6), -- 医疗类别
  FYFSSJ   datetime NOT NULL, -- 费用发生时间
  YYXMBM   varchar(30) NOT NULL, -- 医院项目编码
  YYXMMC   varchar(200), -- 医院项目名称
  YBMLBM   varchar(50), -- 医保目录编码
  MLLB     varchar(30), -- 目录类别
  SFXMLB   varchar(6), -- 收费项目类别
  SFXMDJ   varchar(3), -- 收费项目等级
  SL       numeric(16,4) NOT NULL, -- 数量
  DJ       numeric(16,6) NOT NULL, -- 单价
  JE       numeric(12,4) NOT NULL, -- 明细项目费用总额
  XJ       numeric(16,6), -- 定价上限金额
  ZFBL     numeric(5,4), -- 自付比例
  QZFJE    numeric(12,4), -- 全自费金额
  CXJJE    numeric(12,4), -- 超限价金额
  XXZFJE   numeric(12,4), -- 先行自付金额
  FHZCFWJE numeric(12,4), -- 符合政策范围金额
  CFH      varchar(30), -- 处方号
  CJSJ     datetime NOT NULL, -- 创建时间
  CONSTRAINT YB_JSMX_PK PRIMARY KEY (YYBM, MXLSH)
);
CREATE INDEX IF NOT EXISTS YB_JSMX_JSLSH ON YB_JSMX (YYBM, JSLSH);
CREATE INDEX IF NOT EXISTS YB_JSMX_FYFSSJ ON YB_JSMX (FYFSSJ);

-- YF_FYJL: 药房发药及退药记录
CREATE TABLE IF NOT EXISTS YF_FYJL (
  YYBM    varchar(20) NOT NULL, -- 医院编码
  FYDH    varchar(40) NOT NULL, -- 发药单号
  FYLX    varchar(1) NOT NULL, -- 发药类型（1发药 2退药）
  YFYDH   varchar(40), -- 原发药单号
  XMBM    varchar(30) NOT NULL, -- 医院项目编码
  XMMC    varchar(200), -- 医院项目名称
  PCH     varchar(30), -- 批次号
  JSID    varchar(30), -- 结算ID
  JZXH    varchar(30), -- 就诊序号
  RYBH    varchar(30), -- 人员编号
  ZJLX    varchar(6), -- 证件类型
  ZJHM    varchar(50), -- 证件号码
  XM      varchar(50), -- 姓名
  JZJSLX  varchar(6), -- 就诊结算类型
  SCPH    varchar(30), -- 生产批号
  SCRQ    date, -- 生产日期
  YXQZ    date, -- 有效期止
  CFYBZ   varchar(3), -- 处方药标志
  CLBZ    varchar(3), -- 拆零标志
  ZZCJJ   numeric(16,6), -- 最终成交单价
  SL      numeric(16,4) NOT NULL, -- 销售退货数量
  FYSJ    datetime NOT NULL, -- 发药退药时间
  FYRXM   varchar(50), -- 发药人姓名
  KFYS    varchar(50), -- 开方医生姓名
  YSXM    varchar(50), -- 药师姓名
  YSZYZSH varchar(50), -- 药师执业资格证号
  CFH     varchar(40), -- 处方号
  CJSJ    datetime NOT NULL, -- 创建时间
  CONSTRAINT YF_FYJL_PK PRIMARY KEY (YYBM, FYDH)
);
CREATE INDEX IF NOT EXISTS YF_FYJL_FYSJ ON YF_FYJL (FYSJ);

-- YK_KCBD: 药库库存变动（入库）记录
CREATE TABLE IF NOT EXISTS YK_KCBD (
  YYBM  varchar(20) NOT NULL, -- 医院编码
  BDDH  varchar(40) NOT NULL, -- 变动单号
  BDLX  varchar(6) NOT NULL, -- 库存变更类型
  XMBM  varchar(30) NOT NULL, -- 医院项目编码
  XMMC  varchar(200), -- 医院项目名称
  PCH   varchar(30) NOT NULL, -- 批次号
  DJ    numeric(16,6), -- 单价
  SL    numeric(16,4) NOT NULL, -- 数量
  CFYBZ varchar(3), -- 处方药标志
  CLBZ  varchar(3), -- 拆零标志
  BDSJ  datetime NOT NULL, -- 库存变更时间
  CZRXM varchar(50), -- 操作人姓名
  SCPH  varchar(30), -- 生产批号
  SCRQ  date, -- 生产日期
  YXQZ  date, -- 有效期止
  BZ    varchar(500), -- 备注
  CJSJ  datetime NOT NULL, -- 创建时间
  CONSTRAINT YK_KCBD_PK PRIMARY KEY (YYBM, BDDH)
);
CREATE INDEX IF NOT EXISTS YK_KCBD_BDSJ ON YK_KCBD (BDSJ);

-- YP_ZSM: 药品追溯码（发药与入库共用，YWLX区分）
CREATE TABLE IF NOT EXISTS YP_ZSM (
  YYBM varchar(20) NOT NULL, -- 医院编码
  YWLX varchar(1) NOT NULL, -- 业务类型（1发药退药 2库存）
  YWDH varchar(40) NOT NULL, -- 业务单号
  XH   integer NOT NULL, -- 序号
  ZSM  varchar(100) NOT NULL, -- 追溯码
  CONSTRAINT YP_ZSM_PK PRIMARY KEY (YYBM, YWLX, YWDH, XH)
);

-- YB_JYRZ: 医保交易日志（调用中心前写入）
CREATE TABLE IF NOT EXISTS YB_JYRZ (
  YYBM  varchar(20) NOT NULL, -- 医院编码
  BWID  varchar(30) NOT NULL, -- 报文ID
  JYBH  varchar(4) NOT NULL, -- 交易编号
  JSLSH varchar(40), -- 结算流水号
  JZID  varchar(30), -- 就诊ID
  RYBH  varchar(30), -- 人员编号
  JSID  varchar(30), -- 结算ID
  QQSJ  datetime NOT NULL, -- 请求时间
  XYSJ  datetime, -- 响应时间
  JYZT  varchar(1) NOT NULL, -- 交易状态（0已发送未应答 1成功 2失败）
  XYDM  varchar(10), -- 响应代码
  CWXX  varchar(500), -- 错误信息
  CONSTRAINT YB_JYRZ_PK PRIMARY KEY (YYBM, BWID)
);
CREATE INDEX IF NOT EXISTS YB_JYRZ_QQSJ ON YB_JYRZ (QQSJ);
