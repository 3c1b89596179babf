// refs/ingress-backend: lib/validation/rules/refs/ingress-backend.ts, run on its cases (ingress-backend.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/ingress-backend';
import { describeRule } from '../rule-cases';
import { CASES } from './ingress-backend.cases';

describeRule(RULE, CASES);
