// refs/namespace: lib/validation/rules/refs/namespace.ts, run on its cases (namespace.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/namespace';
import { describeRule } from '../rule-cases';
import { CASES } from './namespace.cases';

describeRule(RULE, CASES);
