// policy/seccomp: lib/validation/rules/policy/seccomp.ts, run on its cases (seccomp.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/seccomp';
import { describeRule } from '../rule-cases';
import { CASES } from './seccomp.cases';

describeRule(RULE, CASES);
