// policy/image-pinned: lib/validation/rules/policy/image-pinned.ts, run on its cases (image-pinned.cases.ts).
import { RULE } from '../../../../lib/validation/rules/policy/image-pinned';
import { describeRule } from '../rule-cases';
import { CASES } from './image-pinned.cases';

describeRule(RULE, CASES);
