/**
 * Where the shipped templates are: the `templates/` folder at the package root, found upward from
 * this file so that it works from the sources (src/core/his) and from the build (dist/core/his).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function hisTemplatesDir(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'templates');
    if (fs.existsSync(path.join(candidate, 'profiles')) && fs.existsSync(path.join(dir, 'package.json')))
      return (cached = candidate);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('hisops templates folder not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** The built-in profile for the reference HIS. */
export function referenceProfilePath(): string {
  return path.join(hisTemplatesDir(), 'profiles', 'reference.yaml');
}

export function referenceSchemaPath(dialect: string): string {
  return path.join(hisTemplatesDir(), 'sql', `reference-his.${dialect}.sql`);
}

/** The built-in profile for the vendor-style HIS (templates/sql/vendor-his.<dialect>.sql). */
export function vendorProfilePath(): string {
  return path.join(hisTemplatesDir(), 'profiles', 'vendor.yaml');
}

export function vendorSchemaPath(dialect: string): string {
  return path.join(hisTemplatesDir(), 'sql', `vendor-his.${dialect}.sql`);
}
