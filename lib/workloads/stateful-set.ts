import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';
import { assertValid } from '../values/assert-valid';
import { dns1123LabelProblems } from '../values/dns-name';
import { sizeToQuantity } from '../values/quantity';

/** A PersistentVolumeClaim template: each pod of the StatefulSet gets its own claim from it. */
export interface VolumeClaimTemplate {
  /** The claim name; each pod's claim is `<name>-<statefulset>-<ordinal>`. */
  readonly name: string;
  /** Storage requested per pod. */
  readonly storage: Size;
  /** Where the volume is mounted in the selected containers. */
  readonly mountPath: string;
  /**
   * Names of the containers that mount the volume.
   *
   * @default - every (non-init) container
   */
  readonly containers?: readonly string[];
  /**
   * Access modes of each claim.
   *
   * @default [PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: readonly kplus.PersistentVolumeAccessMode[];
  /**
   * StorageClass to provision from.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/**
 * Properties for `StatefulSet`.
 */
export interface StatefulSetProps extends kplus.StatefulSetProps {
  /**
   * Per-pod persistent volumes (`spec.volumeClaimTemplates`), which cdk8s-plus-27 lacks.
   *
   * @default - no claim templates
   */
  readonly volumeClaimTemplates?: readonly VolumeClaimTemplate[];
}

/**
 * cdk8s-plus-27's `StatefulSet` with volume claim templates: stable, ordered pods, each with
 * its own PersistentVolumeClaim, reached through a headless Service.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/
 */
export class StatefulSet extends kplus.StatefulSet {
  /** The claim templates, in declaration order. */
  public readonly volumeClaimTemplates: readonly VolumeClaimTemplate[];

  constructor(scope: Construct, id: string, props: StatefulSetProps) {
    super(scope, id, props);
    const templates = props.volumeClaimTemplates ?? [];
    const names = new Set<string>();
    templates.forEach((t, i) => {
      const prop = `volumeClaimTemplates[${i}]`;
      assertValid(this, `${prop}.name`, t.name, dns1123LabelProblems(t.name));
      if (names.has(t.name))
        throw new ConstructError(this, `duplicate volume claim template '${t.name}'`, { prop: `${prop}.name` });
      names.add(t.name);
      if (!t.mountPath.startsWith('/'))
        throw new ConstructError(this, `must be absolute (is '${t.mountPath}')`, { prop: `${prop}.mountPath` });
      if (t.storage.toKibibytes() <= 0)
        throw new ConstructError(this, `must be positive (is ${t.storage.toKibibytes()} KiB)`, {
          prop: `${prop}.storage`,
        });
    });
    this.volumeClaimTemplates = templates;
  }

  /** @internal */
  public _toKube(): kplus.k8s.StatefulSetSpec {
    const spec = super._toKube();
    if (this.volumeClaimTemplates.length === 0) return spec;
    const podSpec = spec.template.spec!;
    const known = new Set(podSpec.containers.map((c) => c.name));
    // checked at synth, when every container has been added
    this.volumeClaimTemplates.forEach((t, i) => {
      for (const name of t.containers ?? []) {
        if (!known.has(name))
          throw new ConstructError(this, `names container '${name}', which does not exist`, {
            prop: `volumeClaimTemplates[${i}].containers`,
          });
      }
    });
    const containers = podSpec.containers.map((c) => {
      const mounts = this.volumeClaimTemplates
        .filter((t) => t.containers === undefined || t.containers.includes(c.name))
        .map((t) => ({ name: t.name, mountPath: t.mountPath }));
      return mounts.length === 0 ? c : { ...c, volumeMounts: [...(c.volumeMounts ?? []), ...mounts] };
    });
    return {
      ...spec,
      template: { ...spec.template, spec: { ...podSpec, containers } },
      volumeClaimTemplates: this.volumeClaimTemplates.map((t) => ({
        metadata: { name: t.name },
        spec: {
          accessModes: [...(t.accessModes ?? [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE])],
          storageClassName: t.storageClassName,
          resources: { requests: { storage: kplus.k8s.Quantity.fromString(sizeToQuantity(t.storage)) } },
        },
      })),
    };
  }
}
