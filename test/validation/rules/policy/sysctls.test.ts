// policy/sysctls: lib/validation/rules/policy/sysctls.ts, run on its cases (sysctls.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/sysctls';
import { describeRule } from '../rule-cases';
import { CASES } from './sysctls.cases';

describeRule(RULE, CASES);
