// refs/autoscaled-replicas: lib/validation/rules/refs/autoscaled-replicas.ts, run on its cases (autoscaled-replicas.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/autoscaled-replicas';
import { describeRule } from '../rule-cases';
import { CASES } from './autoscaled-replicas.cases';

describeRule(RULE, CASES);
