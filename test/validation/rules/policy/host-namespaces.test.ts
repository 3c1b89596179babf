// policy/host-namespaces: lib/validation/rules/policy/host-namespaces.ts, run on its cases (host-namespaces.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/host-namespaces';
import { describeRule } from '../rule-cases';
import { CASES } from './host-namespaces.cases';

describeRule(RULE, CASES);
