// The functions over the line limit and the files over theirs, in src/ (the size rule of
// docs/architecture.md). `node scripts/sizes.mjs [--json] [--fn N] [--file N]`.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const FN = opt('--fn', 80);
const FILE = opt('--file', 400);

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) yield p;
  }
}

/** Every function-like node over FN lines, named by where it is declared. */
export function measure(root = 'src') {
  const longFns = [];
  const longFiles = [];
  for (const f of files(root)) {
    const text = fs.readFileSync(f, 'utf8');
    const lines = text.split('\n').length;
    const sf = ts.createSourceFile(f, text, ts.ScriptTarget.ES2022, true);
    if (lines > FILE) longFiles.push({ file: f, lines, inFunctions: linesInFunctions(sf) });
    const visit = (node, owner) => {
      let name = owner;
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const a = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const b = sf.getLineAndCharacterOfPosition(node.end).line;
        const n =
          node.name && 'text' in node.name
            ? node.name.text
            : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)
              ? node.parent.name.text
              : ts.isPropertyAssignment(node.parent) && 'text' in node.parent.name
                ? node.parent.name.text
                : '(anonymous)';
        name = owner ? `${owner}.${n}` : n;
        if (b - a + 1 > FN) longFns.push({ file: f, name, line: a + 1, lines: b - a + 1 });
      } else if (ts.isClassDeclaration(node) && node.name) name = node.name.text;
      ts.forEachChild(node, (c) => visit(c, name));
    };
    visit(sf, '');
  }
  return { longFns, longFiles };
}

/** Lines inside the outermost function bodies of a file: how much of it is logic rather than declarations. */
function linesInFunctions(sf) {
  let n = 0;
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const a = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const b = sf.getLineAndCharacterOfPosition(node.end).line;
      n += b - a + 1;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return n;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measure();
  if (args.includes('--json')) console.log(JSON.stringify(r, null, 2));
  else {
    for (const x of r.longFns.sort((a, b) => b.lines - a.lines))
      console.log(`${String(x.lines).padStart(5)}  ${x.file}:${x.line}  ${x.name}`);
    console.log(`${r.longFns.length} functions over ${FN} lines`);
    for (const x of r.longFiles.sort((a, b) => b.lines - a.lines))
      console.log(`${String(x.lines).padStart(5)}  ${x.file}  (${x.inFunctions} in functions)`);
    console.log(`${r.longFiles.length} files over ${FILE} lines`);
  }
}
