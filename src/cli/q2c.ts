#!/usr/bin/env node
import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not a user error: say so plainly, with the detail a maintainer needs.
    process.stderr.write(`q2c: internal error: ${(e as Error).stack ?? String(e)}\nPlease report this with the command you ran.\n`);
    process.exitCode = 1;
  },
);
