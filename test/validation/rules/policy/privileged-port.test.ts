// policy/privileged-port: lib/validation/rules/policy/privileged-port.ts, run on its cases (privileged-port.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/privileged-port';
import { describeRule } from '../rule-cases';
import { CASES } from './privileged-port.cases';

describeRule(RULE, CASES);
