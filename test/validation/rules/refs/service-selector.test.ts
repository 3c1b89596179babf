// refs/service-selector: lib/validation/rules/refs/service-selector.ts, run on its cases (service-selector.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/service-selector';
import { describeRule } from '../rule-cases';
import { CASES } from './service-selector.cases';

describeRule(RULE, CASES);
