// policy/read-only-root-fs: lib/validation/rules/policy/read-only-root-fs.ts, run on its cases (read-only-root-fs.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/read-only-root-fs';
import { describeRule } from '../rule-cases';
import { CASES } from './read-only-root-fs.cases';

describeRule(RULE, CASES);
