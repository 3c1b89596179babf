#!/usr/bin/env node
// npm run fuzz [-- --runs N]: the property tests with new seeds (FC_SEED=random), N rounds
// (default 5). `npm test` always runs them from one fixed seed; a counterexample found here is
// reproduced with the seed printed (FC_SEED=<seed> npx jest <file>) and kept as a regression row.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`npm run fuzz: --runs must be a positive integer (not '${values.runs}')`);
  process.exit(2);
}
const files = [
  'test/validation/property.test.ts',
  'test/validation/malformed-input.test.ts',
  'test/output/yaml-roundtrip.property.test.ts',
  'test/app/dependency-order.test.ts',
];
for (let i = 1; i <= runs; i++) {
  console.log(`== fuzz round ${i} of ${runs}`);
  const r = spawnSync('npx', ['jest', '--ci', ...files], {
    stdio: 'inherit',
    env: { ...process.env, FC_SEED: 'random' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
