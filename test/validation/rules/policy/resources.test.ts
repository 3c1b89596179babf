// policy/resources: lib/validation/rules/policy/resources.ts, run on its cases (resources.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/resources';
import { describeRule } from '../rule-cases';
import { CASES } from './resources.cases';

describeRule(RULE, CASES);
