#!/usr/bin/env node
// The `kubecraft` command (package.json "bin").
import { main } from './main';

main(process.argv.slice(2), __filename).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`kubecraft: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
