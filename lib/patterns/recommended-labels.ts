import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PatternIdentity } from './pattern-identity';

/** The value of `app.kubernetes.io/managed-by` on everything a pattern creates. */
export const MANAGED_BY = 'kubecraft';

/**
 * The Kubernetes recommended labels (`app.kubernetes.io/*`) for everything a pattern creates.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export function recommendedLabels(id: PatternIdentity): Record<string, string> {
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': id.name,
    'app.kubernetes.io/instance': id.instance,
    'app.kubernetes.io/component': id.component,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
  if (id.partOf) labels['app.kubernetes.io/part-of'] = id.partOf;
  if (id.version) labels['app.kubernetes.io/version'] = id.version;
  return labels;
}

/**
 * The pod selector of a pattern: name, instance and component only. It does not depend on the
 * construct path, the version or anything else that changes, so moving the construct in the
 * tree or upgrading the image never changes a Deployment's immutable selector.
 */
export function selectorLabels(id: PatternIdentity): Record<string, string> {
  return {
    'app.kubernetes.io/name': id.name,
    'app.kubernetes.io/instance': id.instance,
    'app.kubernetes.io/component': id.component,
  };
}

/**
 * Removes cdk8s-plus's construct-path label (`cdk8s.io/metadata.addr`) from a workload's pod
 * template, so that nothing about a pattern's pods depends on where it sits in the construct
 * tree. Patterns select their pods by `selectorLabels` instead.
 */
export function dropConstructPathLabel(workload: IConstruct): void {
  const apiObject = ApiObject.of(workload);
  const template = apiObject.kind === 'CronJob' ? '/spec/jobTemplate/spec/template' : '/spec/template';
  apiObject.addJsonPatch(JsonPatch.remove(`${template}/metadata/labels/cdk8s.io~1metadata.addr`));
}
