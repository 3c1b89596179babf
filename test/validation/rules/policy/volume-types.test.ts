// policy/volume-types: lib/validation/rules/policy/volume-types.ts, run on its cases (volume-types.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/volume-types';
import { describeRule } from '../rule-cases';
import { CASES } from './volume-types.cases';

describeRule(RULE, CASES);
