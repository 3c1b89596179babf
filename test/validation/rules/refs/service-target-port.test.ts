// refs/service-target-port: lib/validation/rules/refs/service-target-port.ts, run on its cases (service-target-port.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/service-target-port';
import { describeRule } from '../rule-cases';
import { CASES } from './service-target-port.cases';

describeRule(RULE, CASES);
