/**
 * Golden files: a test compares what the code renders now with a file kept in the repository.
 * A missing golden file fails the test — deleting one must not make it pass — unless
 * HISOPS_UPDATE_GOLDEN=1, which (re)writes every golden file the run reaches.
 */
import fs from 'node:fs';
import path from 'node:path';

export const updatingGolden = (): boolean => process.env.HISOPS_UPDATE_GOLDEN === '1';

/**
 * The golden file's text, after writing `actual` to it under HISOPS_UPDATE_GOLDEN=1.
 * Throws, naming the file and the variable, when the file is missing otherwise.
 */
export function readGolden(file: string, actual: string): string {
  if (updatingGolden()) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  } else if (!fs.existsSync(file)) {
    throw new Error(
      `golden file ${file} is missing; run the test with HISOPS_UPDATE_GOLDEN=1 to write it, then review and commit it`,
    );
  }
  return fs.readFileSync(file, 'utf8');
}
