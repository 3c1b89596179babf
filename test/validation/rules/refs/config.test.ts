// refs/config: lib/validation/rules/refs/config.ts, run on its cases (config.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/config';
import { describeRule } from '../rule-cases';
import { CASES } from './config.cases';

describeRule(RULE, CASES);
