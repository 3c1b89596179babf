// policy/probe-host: lib/validation/rules/policy/probe-host.ts, run on its cases (probe-host.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/probe-host';
import { describeRule } from '../rule-cases';
import { CASES } from './probe-host.cases';

describeRule(RULE, CASES);
