// Every property test runs from one seed per test file, printed when a property fails (in
// fast-check's message: `{ seed: ..., path: ... }`) and settable to reproduce a failure:
//   FC_SEED=788180280 npx jest test/validation/property.test.ts
import fc from 'fast-check';

const fromEnv = process.env.FC_SEED;
const seed =
  fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : (Date.now() ^ (Math.random() * 0x100000000)) | 0;
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer (is '${fromEnv}')`);
fc.configureGlobal({ seed });
