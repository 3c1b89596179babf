// refs/volume-mount: lib/validation/rules/refs/volume-mount.ts, run on its cases (volume-mount.cases.ts).
import { RULE } from '../../../../lib/validation/rules/refs/volume-mount';
import { describeRule } from '../rule-cases';
import { CASES } from './volume-mount.cases';

describeRule(RULE, CASES);
