// policy/privileged: lib/validation/rules/policy/privileged.ts, run on its cases (privileged.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/privileged';
import { describeRule } from '../rule-cases';
import { CASES } from './privileged.cases';

describeRule(RULE, CASES);
