// refs/argocd-destination: lib/validation/rules/refs/argocd-destination.ts, run on its cases (argocd-destination.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/argocd-destination';
import { describeRule } from '../rule-cases';
import { CASES } from './argocd-destination.cases';

describeRule(RULE, CASES);
