/** Read a profile file and validate it (see parseProfile). */
import fs from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors.js';
import { parseProfile, type Profile } from './parseProfile.js';

export async function loadProfile(file: string): Promise<Profile> {
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
    ).zh(`无法读取 HIS 接口配置 ${abs}`, '请检查 hisops.yaml 中的 his.profile：相对于 hisops.yaml 的路径，或用 builtin:reference 表示参考 HIS（hisops init 会写出一份副本供修改）。', code === 'ENOENT' ? '文件不存在。' : String((e as Error).message));
  }
  return parseProfile(text, abs);
}
