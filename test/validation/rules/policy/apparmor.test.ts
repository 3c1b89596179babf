// policy/apparmor: lib/validation/rules/policy/apparmor.ts, run on its cases (apparmor.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/apparmor';
import { describeRule } from '../rule-cases';
import { CASES } from './apparmor.cases';

describeRule(RULE, CASES);
