// policy/probes: lib/validation/rules/policy/probes.ts, run on its cases (probes.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/probes';
import { describeRule } from '../rule-cases';
import { CASES } from './probes.cases';

describeRule(RULE, CASES);
