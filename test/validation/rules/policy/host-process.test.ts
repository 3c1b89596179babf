// policy/host-process: lib/validation/rules/policy/host-process.ts, run on its cases (host-process.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/host-process';
import { describeRule } from '../rule-cases';
import { CASES } from './host-process.cases';

describeRule(RULE, CASES);
