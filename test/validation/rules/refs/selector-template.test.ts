// refs/selector-template: lib/validation/rules/refs/selector-template.ts, run on its cases (selector-template.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/selector-template';
import { describeRule } from '../rule-cases';
import { CASES } from './selector-template.cases';

describeRule(RULE, CASES);
