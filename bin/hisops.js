#!/usr/bin/env node
// Thin shim: the built entry decides the exit code; this file only hands it to the process.
import { main } from '../dist/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`hisops: internal failure: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
