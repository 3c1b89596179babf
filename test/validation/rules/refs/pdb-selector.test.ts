// refs/pdb-selector: lib/validation/rules/refs/pdb-selector.ts, run on its cases (pdb-selector.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/pdb-selector';
import { describeRule } from '../rule-cases';
import { CASES } from './pdb-selector.cases';

describeRule(RULE, CASES);
