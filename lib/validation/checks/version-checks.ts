import { atLeast, FEATURE_SINCE } from '../../core';
import { FieldPath } from '../field-path';
import { forbidden } from '../problem';
import { ValidationContext } from '../validation-context';
import { display } from './shape';

/**
 * Checks features whose availability depends on the target Kubernetes version beyond what its
 * schema says: native sidecar containers (`initContainers[].restartPolicy: Always`) are in the
 * 1.28 schema, but the feature gate is off there, so the API server drops the field and the
 * "sidecar" becomes an init container that never exits: the pod never starts.
 */
export function checkVersionFeatures(ctx: ValidationContext): void {
  if (atLeast(ctx.kubernetesVersion, FEATURE_SINCE.nativeSidecars)) return;
  for (const obj of ctx.objects) {
    for (const { location } of ctx.inputOf(obj).pod?.containers ?? []) {
      const { container, field, init } = location;
      if (!init || container.restartPolicy !== 'Always') continue;
      ctx.reportAll(obj, [
        forbidden(
          FieldPath.root(field).child('restartPolicy'),
          `init container '${display(container.name)}' is a native sidecar (restartPolicy: Always), which Kubernetes ${ctx.kubernetesVersion} does not enable: the field is dropped and the pod never gets past it`,
          `target Kubernetes ${FEATURE_SINCE.nativeSidecars} or later (kubernetesVersion), run the sidecar as a regular container, or relax values/native-sidecar if your cluster enables the SidecarContainers feature gate`,
          'values/native-sidecar',
        ),
      ]);
    }
  }
}
