// policy/node-port-range: lib/validation/rules/policy/node-port-range.ts, run on its cases (node-port-range.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/node-port-range';
import { describeRule } from '../rule-cases';
import { CASES } from './node-port-range.cases';

describeRule(RULE, CASES);
