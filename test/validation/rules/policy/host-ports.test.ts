// policy/host-ports: lib/validation/rules/policy/host-ports.ts, run on its cases (host-ports.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/host-ports';
import { describeRule } from '../rule-cases';
import { CASES } from './host-ports.cases';

describeRule(RULE, CASES);
