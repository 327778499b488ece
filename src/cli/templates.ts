import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's templates/ folder: dist/cli and src/cli both sit two levels below the package root. */
export function templatesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');
}
