import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, inScope } from '../../core/errors';
import { FEATURE_SINCE } from '../../core/feature-versions';
import { podSpecPath } from '../../core/kinds';
import { atLeast } from '../../core/kubernetes-version';
import { assertValid } from '../../values/assert-valid';
import { dns1123SubdomainProblems, labelValueProblems } from '../../values/dns-name';
import { PatternPodOptions } from '../pod-options';
import { leaveImagePullPolicyUnset } from './image-pull-policy';
import { PodUser, withPodUser } from './pod-user';
import { kubernetesVersionOf } from './target-version';

/**
 * Applies the pod-level options (`PatternPodOptions`) to `workload`: through cdk8s-plus's API
 * where it has one (init containers, tolerations, node affinity), else added to the rendered
 * pod spec (node selector, priority class, pull secrets, topology spread, native sidecars).
 * Every error names `scope` and the prop.
 */
export function applyPodOptions(
  scope: Construct,
  workload: kplus.Workload,
  p: PatternPodOptions,
  who: PodUser,
  podSelector: Readonly<Record<string, string>>,
): void {
  const apiObject = ApiObject.of(workload);
  const spec = `/${(podSpecPath(apiObject.kind) ?? ['spec', 'template', 'spec']).join('/')}`;
  const initCount = p.initContainers?.length ?? 0;
  (p.initContainers ?? []).forEach((c, i) => {
    inScope(scope, `initContainers[${i}]`, () => workload.addInitContainer(withPodUser(c, who)));
    if (c.imagePullPolicy === undefined) leaveImagePullPolicyUnset(workload, 'initContainers', i);
  });
  const sidecars = p.sidecars ?? [];
  if (sidecars.length > 0) {
    const version = kubernetesVersionOf(scope);
    if (!atLeast(version, FEATURE_SINCE.nativeSidecars)) {
      throw new ConstructError(
        scope,
        `native sidecars need Kubernetes ${FEATURE_SINCE.nativeSidecars} or later (the app targets ${version})`,
        {
          prop: 'sidecars',
          hint: `raise the app's kubernetesVersion to ${FEATURE_SINCE.nativeSidecars}+, or run it as a regular container (extraContainers); nativeSidecarsSupported(scope) tells which`,
        },
      );
    }
    sidecars.forEach((c, i) => {
      inScope(scope, `sidecars[${i}]`, () => workload.addInitContainer(withPodUser(c, who)));
      apiObject.addJsonPatch(JsonPatch.add(`${spec}/initContainers/${initCount + i}/restartPolicy`, 'Always'));
      if (c.imagePullPolicy === undefined) leaveImagePullPolicyUnset(workload, 'initContainers', initCount + i);
    });
  }
  (p.tolerations ?? []).forEach((t, i) => {
    inScope(scope, `tolerations[${i}]`, () => workload.scheduling.tolerate(kplus.Node.tainted(t)));
  });
  if (p.nodeAffinity !== undefined && p.nodeAffinity.length > 0) {
    const queries = p.nodeAffinity;
    inScope(scope, 'nodeAffinity', () => workload.scheduling.attract(kplus.Node.labeled(...queries)));
  }
  if (p.nodeSelector !== undefined) {
    for (const [k, v] of Object.entries(p.nodeSelector)) {
      assertValid(scope, `nodeSelector['${k}']`, v, labelValueProblems(v));
    }
    apiObject.addJsonPatch(JsonPatch.add(`${spec}/nodeSelector`, { ...p.nodeSelector }));
  }
  if (p.priorityClassName !== undefined) {
    assertValid(scope, 'priorityClassName', p.priorityClassName, dns1123SubdomainProblems(p.priorityClassName));
    apiObject.addJsonPatch(JsonPatch.add(`${spec}/priorityClassName`, p.priorityClassName));
  }
  if (p.imagePullSecrets !== undefined && p.imagePullSecrets.length > 0) {
    p.imagePullSecrets.forEach((n, i) => assertValid(scope, `imagePullSecrets[${i}]`, n, dns1123SubdomainProblems(n)));
    apiObject.addJsonPatch(
      JsonPatch.add(
        `${spec}/imagePullSecrets`,
        p.imagePullSecrets.map((name) => ({ name })),
      ),
    );
  }
  if (p.topologySpread !== undefined && p.topologySpread.length > 0) {
    const constraints = p.topologySpread.map((t, i) => {
      const maxSkew = t.maxSkew ?? 1;
      if (!Number.isInteger(maxSkew) || maxSkew < 1)
        throw new ConstructError(scope, `must be a positive integer (is ${maxSkew})`, {
          prop: `topologySpread[${i}].maxSkew`,
        });
      return {
        maxSkew,
        topologyKey: t.topologyKey ?? 'kubernetes.io/hostname',
        whenUnsatisfiable: t.whenUnsatisfiable ?? 'ScheduleAnyway',
        labelSelector: { matchLabels: { ...podSelector } },
      };
    });
    apiObject.addJsonPatch(JsonPatch.add(`${spec}/topologySpreadConstraints`, constraints));
  }
}
