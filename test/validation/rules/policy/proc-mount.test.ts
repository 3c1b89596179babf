// policy/proc-mount: lib/validation/rules/policy/proc-mount.ts, run on its cases (proc-mount.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/proc-mount';
import { describeRule } from '../rule-cases';
import { CASES } from './proc-mount.cases';

describeRule(RULE, CASES);
