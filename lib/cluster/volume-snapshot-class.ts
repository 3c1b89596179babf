import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';
import { registerCustomResourceScope } from '../core/kinds';
import { Policy } from '../validation/policy';
import { assertValid } from '../values/assert-valid';
import { checkOneOf, claimDefault, csiDriverNameProblems } from './class-support';

/** The API group of volume snapshots: a CRD group (the CSI external-snapshotter), not built into Kubernetes. */
export const SNAPSHOT_API_GROUP = 'snapshot.storage.k8s.io';
/** The annotation that marks a driver's default VolumeSnapshotClass. */
export const DEFAULT_SNAPSHOT_CLASS_ANNOTATION = 'snapshot.storage.kubernetes.io/is-default-class';

/** What happens to a snapshot's content (and the snapshot on the storage) when the VolumeSnapshot is deleted. */
export enum SnapshotDeletionPolicy {
  /** The content and the physical snapshot are deleted with the VolumeSnapshot. */
  DELETE = 'Delete',
  /** The content and the physical snapshot are kept (for backups that outlive their VolumeSnapshot). */
  RETAIN = 'Retain',
}

/**
 * Properties for `VolumeSnapshotClass`.
 */
export interface VolumeSnapshotClassProps extends kplus.ResourceProps {
  /** The CSI driver that takes the snapshots, e.g. `ebs.csi.aws.com`. */
  readonly driver: string;

  /**
   * What happens to the snapshot on the storage when its VolumeSnapshot is deleted; required
   * by the API, so chosen explicitly.
   */
  readonly deletionPolicy: SnapshotDeletionPolicy;

  /**
   * Driver-specific parameters for taking snapshots; opaque to Kubernetes.
   *
   * @default - none
   */
  readonly parameters?: Readonly<Record<string, string>>;

  /**
   * Make it the default class of its driver (annotation
   * `snapshot.storage.kubernetes.io/is-default-class: "true"`), for VolumeSnapshots that name
   * none; a driver has at most one.
   *
   * @default false
   */
  readonly isDefault?: boolean;

  /**
   * Why the cluster serves `snapshot.storage.k8s.io/v1` although the app neither contains nor
   * registers its CRD, e.g. `'installed by the EKS snapshot-controller add-on'`. Relaxes
   * `schema/unknown-kind` for this object only, with that reason in the report (the constructor
   * has checked its fields). Leave it unset when the app contains the CRDs (upstream YAML of the
   * external-snapshotter) or registers them (`registerCrdsFromFile`): the object is then
   * validated against the CRD's schema.
   *
   * @default - the CRD must be in the app or registered; otherwise synth fails with `schema/unknown-kind`
   */
  readonly crdInstalledBy?: string;
}

/**
 * A VolumeSnapshotClass (`snapshot.storage.k8s.io/v1`): how a CSI driver takes volume
 * snapshots, named by VolumeSnapshots.
 *
 * The kind is a custom resource of the CSI external-snapshotter, not built into Kubernetes: the
 * cluster needs its CRDs (installed by most managed distributions or a snapshot-controller
 * add-on). kubecraft validates custom resources against their CRD, so the app either contains
 * the CRDs, registers them (`registerCrdsFromFile`), or says who installed them
 * (`crdInstalledBy`). The constructor checks what the CRD and the snapshot controller need: a
 * valid CSI driver name, non-empty parameter keys, and one default class per driver in a chart.
 * The kind is registered as cluster-scoped, so no chart namespace is written on it.
 *
 * ```ts
 * new VolumeSnapshotClass(chart, 'ebs-snapshots', {
 *   driver: 'ebs.csi.aws.com',
 *   deletionPolicy: SnapshotDeletionPolicy.RETAIN,
 *   crdInstalledBy: 'the EKS snapshot-controller add-on',
 * });
 * ```
 *
 * @see https://kubernetes.io/docs/concepts/storage/volume-snapshot-classes/
 */
export class VolumeSnapshotClass extends kplus.Resource {
  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The REST resource name. */
  public readonly resourceType = 'volumesnapshotclasses';
  /** The CSI driver. */
  public readonly driver: string;
  /** The deletion policy. */
  public readonly deletionPolicy: SnapshotDeletionPolicy;
  /** Whether this is its driver's default class. */
  public readonly isDefault: boolean;

  constructor(scope: Construct, id: string, props: VolumeSnapshotClassProps) {
    super(scope, id);
    assertValid(this, 'driver', props.driver, csiDriverNameProblems(props.driver));
    if (props.deletionPolicy === undefined)
      throw new ConstructError(this, 'must be set: Delete or Retain', { prop: 'deletionPolicy' });
    checkOneOf(this, 'deletionPolicy', props.deletionPolicy, SnapshotDeletionPolicy);
    for (const key of Object.keys(props.parameters ?? {})) {
      if (key.length === 0) throw new ConstructError(this, 'keys must not be empty', { prop: 'parameters' });
    }
    if (props.crdInstalledBy !== undefined) {
      if (props.crdInstalledBy.trim().length < 10)
        throw new ConstructError(this, 'must say who installed the snapshot CRDs (at least 10 characters)', {
          prop: 'crdInstalledBy',
        });
      Policy.relax(
        this,
        'schema/unknown-kind',
        `the ${SNAPSHOT_API_GROUP} CRDs are in the cluster: ${props.crdInstalledBy.trim()}`,
      );
    }
    this.driver = props.driver;
    this.deletionPolicy = props.deletionPolicy;
    this.isDefault = props.isDefault ?? false;
    if (this.isDefault) claimDefault(this, 'VolumeSnapshotClass', 'isDefault', props.driver);
    registerCustomResourceScope(SNAPSHOT_API_GROUP, 'VolumeSnapshotClass', 'Cluster');
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `${SNAPSHOT_API_GROUP}/v1`,
      kind: 'VolumeSnapshotClass',
      metadata: props.metadata,
      driver: props.driver,
      deletionPolicy: props.deletionPolicy,
      parameters: props.parameters ? { ...props.parameters } : undefined,
    });
    if (this.isDefault) this.apiObject.metadata.addAnnotation(DEFAULT_SNAPSHOT_CLASS_ANNOTATION, 'true');
  }
}
