// refs/probe-port: lib/validation/rules/refs/probe-port.ts, run on its cases (probe-port.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/probe-port';
import { describeRule } from '../rule-cases';
import { CASES } from './probe-port.cases';

describeRule(RULE, CASES);
