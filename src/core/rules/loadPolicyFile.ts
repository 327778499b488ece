/**
 * Load policy files through a reader the caller supplies (the rules core stays free of fs):
 * `loadPolicyFile(path, (p) => readFile(p, 'utf8'))`. A missing or unreadable file is an input
 * error (exit 2) that names the path.
 */
import { inputError } from '../errors.js';
import { checkOverlaps } from './policySet.js';
import { parsePolicy } from './parsePolicy.js';
import type { Policy } from './types.js';

export type ReadText = (path: string) => Promise<string> | string;

export async function loadPolicyFile(path: string, readText: ReadText): Promise<Policy> {
  let text: string;
  try {
    text = await readText(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw inputError(
      'POLICY_UNREADABLE',
      `cannot read policy file ${path}${code ? ` (${code})` : ''}`,
      code === 'ENOENT'
        ? 'check the path, or copy a template from templates/policies/ (employee.yaml, resident.yaml)'
        : 'check the file exists and is readable',
      e instanceof Error ? e.message : String(e),
      { path },
    ).zh(
      `无法读取政策文件 ${path}${code ? `（${code}）` : ''}`,
      code === 'ENOENT'
        ? '请检查路径，或从 templates/policies/ 复制模板（employee.yaml、resident.yaml）'
        : '请确认文件存在且可读',
    );
  }
  return parsePolicy(text, path);
}

/** Load several files and check their periods do not overlap. */
export async function loadPolicyFiles(paths: string[], readText: ReadText): Promise<Policy[]> {
  const policies: Policy[] = [];
  for (const p of paths) policies.push(await loadPolicyFile(p, readText));
  checkOverlaps(policies);
  return policies;
}
