/**
 * The demo hospital's people and places: departments (outpatient, emergency, wards) with their
 * doctors and usual diagnoses, the pharmacists, the drug suppliers and the cashiers. Declarations
 * only; the generator draws from them.
 */
export interface Dept {
  code: string;
  name: string;
  caty: string;
  doctors: Array<[string, string]>;
  diseases: Array<[string, string]>;
}

export const OTP_DEPTS: Dept[] = [
  {
    code: 'KS0301',
    name: '心血管内科',
    caty: 'A03.04',
    doctors: [
      ['D0301', '周建国'],
      ['D0302', '李秀兰'],
      ['D0303', '陈志强'],
    ],
    diseases: [
      ['I10.x00', '原发性高血压'],
      ['I25.103', '冠状动脉粥样硬化性心脏病'],
      ['E78.500', '高脂血症'],
    ],
  },
  {
    code: 'KS0302',
    name: '内分泌科',
    caty: 'A03.08',
    doctors: [
      ['D0311', '王丽娟'],
      ['D0312', '刘海涛'],
    ],
    diseases: [
      ['E11.900', '2型糖尿病'],
      ['E03.900', '甲状腺功能减退症'],
    ],
  },
  {
    code: 'KS0303',
    name: '呼吸内科',
    caty: 'A03.01',
    doctors: [
      ['D0321', '张明'],
      ['D0322', '黄晓燕'],
    ],
    diseases: [
      ['J06.900', '急性上呼吸道感染'],
      ['J20.900', '急性支气管炎'],
      ['J45.900', '支气管哮喘'],
    ],
  },
  {
    code: 'KS0304',
    name: '消化内科',
    caty: 'A03.02',
    doctors: [
      ['D0331', '杨志'],
      ['D0332', '赵敏'],
    ],
    diseases: [
      ['K29.700', '胃炎'],
      ['K21.900', '胃食管反流病'],
    ],
  },
  {
    code: 'KS0701',
    name: '儿科',
    caty: 'A07',
    doctors: [
      ['D0701', '吴静'],
      ['D0702', '徐磊'],
    ],
    diseases: [
      ['J06.900', '急性上呼吸道感染'],
      ['A09.900', '感染性腹泻'],
    ],
  },
  {
    code: 'KS0401',
    name: '骨科',
    caty: 'A04.03',
    doctors: [
      ['D0401', '孙伟'],
      ['D0402', '胡军'],
    ],
    diseases: [
      ['M54.500', '腰痛'],
      ['M17.900', '膝关节骨性关节炎'],
    ],
  },
  {
    code: 'KS5001',
    name: '中医科',
    caty: 'A50',
    doctors: [
      ['D5001', '朱桂英'],
      ['D5002', '高平'],
    ],
    diseases: [
      ['M54.200', '颈椎病'],
      ['K59.000', '便秘'],
    ],
  },
];
export const EMERGENCY: Dept = {
  code: 'KS2001',
  name: '急诊医学科',
  caty: 'A20',
  doctors: [
    ['D2001', '林涛'],
    ['D2002', '何芳'],
    ['D2003', '郭强'],
  ],
  diseases: [
    ['R50.900', '发热'],
    ['S01.900', '头部开放性伤口'],
    ['R10.400', '腹痛'],
  ],
};
export const IPT_DEPTS: Dept[] = [
  {
    code: 'KS0311',
    name: '呼吸内科病区',
    caty: 'A03.01',
    doctors: [
      ['D0321', '张明'],
      ['D0322', '黄晓燕'],
    ],
    diseases: [
      ['J18.900', '肺炎'],
      ['J44.100', '慢性阻塞性肺病伴急性加重'],
    ],
  },
  {
    code: 'KS0312',
    name: '心血管内科病区',
    caty: 'A03.04',
    doctors: [
      ['D0301', '周建国'],
      ['D0303', '陈志强'],
    ],
    diseases: [
      ['I63.900', '脑梗死'],
      ['I50.900', '心力衰竭'],
    ],
  },
  {
    code: 'KS0411',
    name: '普外科病区',
    caty: 'A04.01',
    doctors: [
      ['D0411', '马超'],
      ['D0412', '罗勇'],
    ],
    diseases: [
      ['K35.800', '急性阑尾炎'],
      ['K80.200', '胆囊结石'],
    ],
  },
  {
    code: 'KS0412',
    name: '骨科病区',
    caty: 'A04.03',
    doctors: [
      ['D0401', '孙伟'],
      ['D0402', '胡军'],
    ],
    diseases: [['S72.000', '股骨颈骨折']],
  },
  {
    code: 'KS0511',
    name: '产科病区',
    caty: 'A05.02',
    doctors: [
      ['D0511', '梁红'],
      ['D0512', '宋玲'],
    ],
    diseases: [
      ['O82.000', '剖宫产'],
      ['O80.000', '单胎顺产'],
    ],
  },
];
export const PHARMACISTS: Array<[string, string]> = [
  ['谢婷', 'YS430100201801'],
  ['韩雪', 'YS430100201907'],
  ['唐莉', 'YS430100202103'],
];
export const SUPPLIERS = ['国药控股湖南有限公司', '华润湖南医药有限公司', '九州通医药集团湖南有限公司'];
export const OPERATORS = ['收费员01', '收费员02', '收费员03', '收费员04'];
