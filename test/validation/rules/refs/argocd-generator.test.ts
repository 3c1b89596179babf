// refs/argocd-generator: lib/validation/rules/refs/argocd-generator.ts, run on its cases (argocd-generator.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/argocd-generator';
import { describeRule } from '../rule-cases';
import { CASES } from './argocd-generator.cases';

describeRule(RULE, CASES);
