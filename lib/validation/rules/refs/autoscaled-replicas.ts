/**
 * `refs/autoscaled-replicas`: a workload targeted by a HorizontalPodAutoscaler sets no replicas of its own (reported on the workload, once per autoscaler).
 */
import { asObject, display } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { forbidden } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, referenceRule } from './app-index';

/** The `refs/autoscaled-replicas` rule. */
export const RULE: ReferenceRule<'refs/autoscaled-replicas', AppIndex> = referenceRule({
  id: 'refs/autoscaled-replicas',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'a workload targeted by a HorizontalPodAutoscaler sets no replicas of its own',
    why: 'every apply resets the replica count the autoscaler chose, so the workload flaps between the two',
  },
  appliesTo: 'all',
  check: (input, index) => {
    const m = input.manifest;
    const replicas = asObject(m.spec)?.replicas;
    if (typeof replicas !== 'number') return [];
    return index
      .scalersOf(m)
      .map((hpa) =>
        forbidden(
          FieldPath.root('spec').child('replicas'),
          `${display(m.kind)} '${display(asObject(m.metadata)?.name)}' sets replicas ${replicas} ` +
            `but is scaled by the HorizontalPodAutoscaler at ${hpa.path}: every apply resets the count the autoscaler chose`,
          'remove replicas from the workload (cdk8s-plus does this when the autoscaler is created from the workload)',
        ),
      );
  },
});
