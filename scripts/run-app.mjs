#!/usr/bin/env node
// Kept for the benchmarks and older scripts: `node scripts/run-app.mjs [app.ts] [--env a,b] [app args...]`
// is `kubecraft synth [app.ts] [--env a,b] -- [app args...]` from this repository's sources
// (the output folder comes from $CDK8S_OUTDIR, default dist/).
import { runDevCli } from './kubecraft.mjs';

const cli = ['synth', '--quiet'];
const rest = [];
let app;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--env') {
    cli.push(a);
    if (i + 1 < args.length) cli.push(args[++i]);
  } else if (a.startsWith('--env=')) cli.push(a);
  else if (app === undefined && /\.(ts|js|mjs|cjs)$/.test(a)) app = a;
  else rest.push(a);
}
process.exitCode = await runDevCli([...cli, ...(app ? [app] : []), '--', ...rest]);
