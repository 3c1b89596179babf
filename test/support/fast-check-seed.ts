// Every property test of `npm test` runs from one fixed seed, so CI never fails on a new draw
// (a counterexample found by `npm run fuzz` becomes a regression row). The seed is printed by
// fast-check when a property fails (`{ seed: ..., path: ... }`) and settable to reproduce one:
//   FC_SEED=788180280 npx jest test/validation/property.test.ts
// `FC_SEED=random` draws a new seed (what `npm run fuzz` does, printing it first).
import fc from 'fast-check';

/** The seed of `npm test`. */
export const FIXED_SEED = 20261207;

const fromEnv = process.env.FC_SEED;
const seed =
  fromEnv === undefined || fromEnv === ''
    ? FIXED_SEED
    : fromEnv === 'random'
      ? (Date.now() ^ (Math.random() * 0x100000000)) | 0
      : Number(fromEnv);
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or 'random' (is '${fromEnv}')`);
if (fromEnv === 'random') process.stderr.write(`fast-check seed: ${seed} (FC_SEED=${seed} reproduces it)\n`);
fc.configureGlobal({ seed });
