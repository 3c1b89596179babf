// policy/capabilities: lib/validation/rules/policy/capabilities.ts, run on its cases (capabilities.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/capabilities';
import { describeRule } from '../rule-cases';
import { CASES } from './capabilities.cases';

describeRule(RULE, CASES);
