// policy/privilege-escalation: lib/validation/rules/policy/privilege-escalation.ts, run on its cases (privilege-escalation.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/privilege-escalation';
import { describeRule } from '../rule-cases';
import { CASES } from './privilege-escalation.cases';

describeRule(RULE, CASES);
