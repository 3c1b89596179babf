// refs/stateful-set-service: lib/validation/rules/refs/stateful-set-service.ts, run on its cases (stateful-set-service.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/stateful-set-service';
import { describeRule } from '../rule-cases';
import { CASES } from './stateful-set-service.cases';

describeRule(RULE, CASES);
