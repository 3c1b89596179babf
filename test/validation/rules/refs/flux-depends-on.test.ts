// refs/flux-depends-on: lib/validation/rules/refs/flux-depends-on.ts, run on its cases (flux-depends-on.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/flux-depends-on';
import { describeRule } from '../rule-cases';
import { CASES } from './flux-depends-on.cases';

describeRule(RULE, CASES);
