import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { podSpecPath } from '../../core/kinds';

/**
 * Removes the `imagePullPolicy: Always` cdk8s-plus-27 renders on every container it was not
 * given (its `Container` defaults it, with no way to leave it out), so that the API server's
 * own default applies: `IfNotPresent` for an image pinned by a tag or digest, `Always` for
 * `:latest` or no tag. `index` is the container's place in `list` of the workload's pod spec
 * (containers are only ever appended, so it stays right).
 */
export function leaveImagePullPolicyUnset(
  workload: kplus.AbstractPod,
  list: 'containers' | 'initContainers',
  index: number,
): void {
  const apiObject = ApiObject.of(workload);
  const spec = podSpecPath(apiObject.kind);
  if (!spec) return;
  apiObject.addJsonPatch(JsonPatch.remove(`/${[...spec, list, String(index), 'imagePullPolicy'].join('/')}`));
}
