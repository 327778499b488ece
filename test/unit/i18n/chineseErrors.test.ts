/**
 * Every error a user can meet has its Chinese words (issue #17): a static scan of src with the
 * TypeScript compiler finds each `inputError(…)`, `externalError(…)` and `new HisopsError(…)` and
 * requires it to be followed by `.zh(…)` or to pass `zh:` in its init object. The two factories in
 * core/errors.ts are where the words are attached, not where an error is made.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../../src');
const FACTORIES = new Set([path.join(SRC, 'core', 'errors.ts')]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

interface Site {
  where: string;
  hasZh: boolean;
  zhArgs: ts.NodeArray<ts.Expression> | undefined;
}

/** The error constructions of one file and whether each carries Chinese words. */
export function errorSites(file: string, text: string): Site[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Site[] = [];
  const visit = (n: ts.Node): void => {
    const isFactory =
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      (n.expression.text === 'inputError' || n.expression.text === 'externalError');
    const isNew = ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'HisopsError';
    if (isFactory || isNew) {
      const p = n.parent;
      const chained =
        ts.isPropertyAccessExpression(p) && p.name.text === 'zh' && ts.isCallExpression(p.parent)
          ? p.parent
          : undefined;
      const init = isNew ? (n as ts.NewExpression).arguments?.[0] : undefined;
      const zhProp =
        !!init &&
        ts.isObjectLiteralExpression(init) &&
        init.properties.some((pr) => pr.name !== undefined && pr.name.getText() === 'zh');
      const line = sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      out.push({
        where: `${path.relative(SRC, file)}:${line}`,
        hasZh: !!chained || zhProp,
        zhArgs: chained?.arguments,
      });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('every error has Chinese words', () => {
  const files = sourceFiles(SRC).filter((f) => !FACTORIES.has(f));
  const sites = files.flatMap((f) => errorSites(f, fs.readFileSync(f, 'utf8')));

  it('finds the error constructions of src (the scan itself works)', () => {
    expect(sites.length).toBeGreaterThan(150);
  });

  it('each inputError / externalError / new HisopsError is followed by .zh(…) or passes zh:', () => {
    expect(sites.filter((s) => !s.hasZh).map((s) => s.where)).toEqual([]);
  });

  it('a .zh(…) with literal words writes them in Chinese', () => {
    const english = sites.filter((s) => {
      const first = s.zhArgs?.[0];
      if (!first) return false;
      const literal =
        ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || ts.isTemplateExpression(first);
      return literal && !CJK.test(first.getText());
    });
    expect(english.map((s) => s.where)).toEqual([]);
  });

  it('the scan catches a construction without Chinese words', () => {
    const s = errorSites(
      'x.ts',
      "throw inputError('X', 'No file', 'Name one');\nthrow inputError('Y', 'a', 'b').zh('甲', '乙');\nthrow new HisopsError({ code: 'Z', summary: 's', zh: { summary: '丙' } });",
    );
    expect(s.map((x) => x.hasZh)).toEqual([false, true, true]);
  });
});
