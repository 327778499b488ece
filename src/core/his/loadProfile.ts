/** Read a profile file and validate it (see parseProfile); with an institution's binds, attach them. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import { parseProfile, type Profile } from './parseProfile.js';

export interface LoadProfileOptions {
  /**
   * The institution's values of the institution binds: `fixmedins_code` and those under
   * `institutions[].binds` in hisops.yaml. Given, every bind the profile declares must have one.
   */
  binds?: Record<string, string | undefined>;
}

export async function loadProfile(file: string, opts: LoadProfileOptions = {}): Promise<Profile> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(
      'PROFILE_NOT_FOUND',
      `Cannot read the HIS profile ${abs}`,
      'Check his.profile in hisops.yaml: a path relative to hisops.yaml, or builtin:reference for the reference HIS (hisops init writes a copy to edit).',
      code === 'ENOENT' ? 'The file does not exist.' : String((e as Error).message),
      { file: abs },
    ).zh(
      `无法读取 HIS 接口配置 ${abs}`,
      '请检查 hisops.yaml 中的 his.profile：相对于 hisops.yaml 的路径，或用 builtin:reference 表示参考 HIS（hisops init 会写出一份副本供修改）。',
      code === 'ENOENT' ? '文件不存在。' : String((e as Error).message),
    );
  }
  const profile = parseProfile(text, abs);
  return opts.binds ? withBindValues(profile, opts.binds) : profile;
}

/** The profile with the institution's bind values; a declared bind without a value is an input error. */
export function withBindValues(profile: Profile, binds: Record<string, string | undefined>): Profile {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(binds)) if (v !== undefined && v !== null) values[k] = String(v);
  const missing = Object.keys(profile.binds).filter((b) => !(b in values));
  if (missing.length) {
    throw inputError(
      'PROFILE_INSTITUTION_BIND',
      `The profile ${profile.file} declares the institution bind${missing.length > 1 ? 's' : ''} ${missing.map((m) => ':' + m).join(', ')}, and the institution in hisops.yaml gives no value`,
      `Add under the institution in hisops.yaml:\n  binds:\n${missing.map((m) => `    ${m}: <${profile.binds[m] || 'value'}>`).join('\n')}`,
      "Every statement that uses an institution bind needs its value; without it hisops would read other institutions' rows or none.",
      { file: profile.file, binds: missing },
    ).zh(
      `配置文件 ${profile.file} 声明了机构绑定 ${missing.map((m) => ':' + m).join('、')}，但 hisops.yaml 中该机构未给出其值`,
      `请在 hisops.yaml 的该机构下添加 binds:，为 ${missing.join('、')} 给出取值。`,
      '缺少机构绑定值时，语句会读到其他机构的数据或读不到数据。',
    );
  }
  return { ...profile, bindValues: values };
}
