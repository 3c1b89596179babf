// refs/role: lib/validation/rules/refs/role.ts, run on its cases (role.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/role';
import { describeRule } from '../rule-cases';
import { CASES } from './role.cases';

describeRule(RULE, CASES);
