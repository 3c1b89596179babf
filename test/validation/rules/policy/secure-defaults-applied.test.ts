// policy/secure-defaults-applied: lib/validation/rules/policy/secure-defaults-applied.ts, run on its cases (secure-defaults-applied.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/secure-defaults-applied';
import { describeRule } from '../rule-cases';
import { CASES } from './secure-defaults-applied.cases';

describeRule(RULE, CASES);
