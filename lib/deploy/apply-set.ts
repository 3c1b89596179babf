import { createHash } from 'crypto';
import { Manifest } from '../core';

/**
 * kubectl ApplySets (KEP-3659, `KUBECTL_APPLYSET=true kubectl apply --prune --applyset=...`):
 * the objects of one apply are labelled as members of a set whose parent object records which
 * kinds and namespaces the set spans; the next apply deletes the members it no longer holds,
 * and never touches objects of another set or objects that are in no set.
 *
 * kubecraft makes each output folder (an environment, or the charts outside environments) one
 * ApplySet. Its parent is a cluster-scoped `ApplySet.kubecraft.io` object rather than kubectl's
 * default Secret: a Secret parent needs `kubectl apply --namespace`, and kubectl then refuses
 * every object of another namespace, while a cluster-scoped parent spans namespaces (recorded in
 * the parent's `additional-namespaces`). kubectl takes a custom parent type only when its CRD
 * carries the `applyset.kubernetes.io/is-parent-type` label.
 *
 * `kubecraft apply` follows the ApplySet protocol with kubectl commands (see `apply-output.ts`),
 * writing the parent exactly as kubectl's `--applyset` does (tooling `kubectl/<version>`, field
 * manager `kubectl-applyset`), so a plain `KUBECTL_APPLYSET=true kubectl apply --prune
 * --applyset=applysets.kubecraft.io/<name>` can take the same set over, and back.
 *
 * The member labels are not written into `dist/`: they are added while applying (kubectl's
 * `--applyset` refuses input that already carries them).
 */

/** The API group, kind and resource of kubecraft's ApplySet parents. */
export const APPLY_SET_GROUP = 'kubecraft.io';
export const APPLY_SET_KIND = 'ApplySet';
export const APPLY_SET_RESOURCE = 'applysets';

/** The label kubectl puts on every member of an ApplySet, valued with the set's id. */
export const APPLY_SET_PART_OF_LABEL = 'applyset.kubernetes.io/part-of';
/** The label of a parent, valued with the set's id. */
export const APPLY_SET_ID_LABEL = 'applyset.kubernetes.io/id';
/** The parent's annotation listing the group-kinds of its members (`Deployment.apps,Service`). */
export const APPLY_SET_KINDS_ANNOTATION = 'applyset.kubernetes.io/contains-group-kinds';
/** The parent's annotation naming the tool that manages the set (`kubectl/v1.32`). */
export const APPLY_SET_TOOLING_ANNOTATION = 'applyset.kubernetes.io/tooling';
/** The parent's annotation listing the namespaces of its members. */
export const APPLY_SET_NAMESPACES_ANNOTATION = 'applyset.kubernetes.io/additional-namespaces';
/** The field manager kubectl uses for the parent (`<tool>-applyset`). */
export const KUBECTL_APPLY_SET_MANAGER = 'kubectl-applyset';

/** The `--applyset` value that names a parent: `applysets.kubecraft.io/<name>`. */
export function applySetFlag(name: string): string {
  return `${APPLY_SET_RESOURCE}.${APPLY_SET_GROUP}/${name}`;
}

/**
 * The id of the ApplySet whose parent is `ApplySet.kubecraft.io/<name>`, as kubectl computes it:
 * `applyset-<base64url(sha256(<name>.<namespace>.<kind>.<group>))>-v1`, with an empty namespace
 * for a cluster-scoped parent.
 */
export function applySetId(name: string): string {
  const digest = createHash('sha256').update(`${name}..${APPLY_SET_KIND}.${APPLY_SET_GROUP}`).digest('base64url');
  return `applyset-${digest}-v1`;
}

/**
 * The name of an output folder's ApplySet: `<app>` for the charts outside environments,
 * `<app>-<environment>` for an environment, as a lowercase DNS subdomain name.
 */
export function applySetName(app: string, folder: string): string {
  const raw = folder ? `${app}-${folder}` : app;
  const name = raw
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 253);
  return name || 'kubecraft';
}

/** The CustomResourceDefinition of the parents: cluster-scoped, labelled as an ApplySet parent type. */
export function applySetParentCrd(): Manifest {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${APPLY_SET_RESOURCE}.${APPLY_SET_GROUP}`,
      labels: { 'applyset.kubernetes.io/is-parent-type': 'true', 'app.kubernetes.io/managed-by': 'kubecraft' },
    },
    spec: {
      group: APPLY_SET_GROUP,
      names: {
        kind: APPLY_SET_KIND,
        listKind: `${APPLY_SET_KIND}List`,
        plural: APPLY_SET_RESOURCE,
        singular: 'applyset',
      },
      scope: 'Cluster',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description:
                'The parent of a kubectl ApplySet made by kubecraft apply: its labels and annotations are the set.',
            },
          },
        },
      ],
    },
  };
}
