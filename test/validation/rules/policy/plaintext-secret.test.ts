// policy/plaintext-secret: lib/validation/rules/policy/plaintext-secret.ts, run on its cases (plaintext-secret.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/plaintext-secret';
import { describeRule } from '../rule-cases';
import { CASES } from './plaintext-secret.cases';

describeRule(RULE, CASES);
