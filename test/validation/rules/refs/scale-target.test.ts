// refs/scale-target: lib/validation/rules/refs/scale-target.ts, run on its cases (scale-target.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/scale-target';
import { describeRule } from '../rule-cases';
import { CASES } from './scale-target.cases';

describeRule(RULE, CASES);
