// policy/duplicate-env: lib/validation/rules/policy/duplicate-env.ts, run on its cases (duplicate-env.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/duplicate-env';
import { describeRule } from '../rule-cases';
import { CASES } from './duplicate-env.cases';

describeRule(RULE, CASES);
