// refs/service-account: lib/validation/rules/refs/service-account.ts, run on its cases (service-account.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/service-account';
import { describeRule } from '../rule-cases';
import { CASES } from './service-account.cases';

describeRule(RULE, CASES);
