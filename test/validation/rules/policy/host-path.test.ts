// policy/host-path: lib/validation/rules/policy/host-path.ts, run on its cases (host-path.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/host-path';
import { describeRule } from '../rule-cases';
import { CASES } from './host-path.cases';

describeRule(RULE, CASES);
