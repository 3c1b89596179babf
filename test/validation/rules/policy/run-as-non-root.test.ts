// policy/run-as-non-root: lib/validation/rules/policy/run-as-non-root.ts, run on its cases (run-as-non-root.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/run-as-non-root';
import { describeRule } from '../rule-cases';
import { CASES } from './run-as-non-root.cases';

describeRule(RULE, CASES);
