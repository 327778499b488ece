// Writes docs/exit-codes.md from the built catalogue (run through `npm run docs:exit-codes`).
import fs from 'node:fs';
import { renderExitCodesDoc } from '../dist/cli/exitCodesDoc.js';

const target = new URL('../docs/exit-codes.md', import.meta.url);
fs.writeFileSync(target, renderExitCodesDoc());
process.stdout.write(`wrote ${target.pathname}\n`);
