#!/usr/bin/env node
// Thin shim: the built entry decides the exit code; this file only hands it to the process.
import { main } from '../dist/main.js';

// A reader that goes away early (`hisops … | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`hisops: internal failure: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
