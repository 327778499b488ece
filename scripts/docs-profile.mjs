// Writes the generated statement-contract part of docs/profile.md (run through `npm run docs:profile`).
import fs from 'node:fs';
import { withContractDoc } from '../dist/core/his/contractDoc.js';

const target = new URL('../docs/profile.md', import.meta.url);
fs.writeFileSync(target, withContractDoc(fs.readFileSync(target, 'utf8')));
process.stdout.write(`wrote ${target.pathname}\n`);
