// policy/selinux: lib/validation/rules/policy/selinux.ts, run on its cases (selinux.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/selinux';
import { describeRule } from '../rule-cases';
import { CASES } from './selinux.cases';

describeRule(RULE, CASES);
