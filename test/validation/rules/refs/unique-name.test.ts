// refs/unique-name: lib/validation/rules/refs/unique-name.ts, run on its cases (unique-name.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/unique-name';
import { describeRule } from '../rule-cases';
import { CASES } from './unique-name.cases';

describeRule(RULE, CASES);
