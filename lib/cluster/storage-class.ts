import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { labelKeyProblems } from '../values/dns-name';
import { checkOneOf, claimDefault, ImportedClass } from './class-support';

/**
 * What happens to a volume when its claim is deleted: `RETAIN` keeps it (and its data) for an
 * administrator to reclaim, `DELETE` deletes it and its storage. The same enum as cdk8s-plus-27's
 * `PersistentVolumeReclaimPolicy`, so it serves StorageClasses and PersistentVolumes alike.
 */
export const ReclaimPolicy = kplus.PersistentVolumeReclaimPolicy;
/** What happens to a volume when its claim is deleted (see `ReclaimPolicy`). */
export type ReclaimPolicy = kplus.PersistentVolumeReclaimPolicy;

/** When a claim of the class gets its volume. */
export enum VolumeBindingMode {
  /** As soon as the claim is created, wherever the provisioner chooses. */
  IMMEDIATE = 'Immediate',
  /**
   * When the first pod using the claim is scheduled, in the topology (zone, node) of that pod:
   * what zonal block storage and local volumes need.
   */
  WAIT_FOR_FIRST_CONSUMER = 'WaitForFirstConsumer',
}

/**
 * One allowed topology: node label → allowed values, e.g.
 * `{ 'topology.kubernetes.io/zone': ['eu-west-1a', 'eu-west-1b'] }`. A node qualifies when it
 * matches every key of the term.
 */
export type TopologyTerm = Readonly<Record<string, readonly string[]>>;

/** The annotation that marks the cluster's default StorageClass. */
export const DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

/** A StorageClass, created by the app or imported by name (`StorageClass.fromStorageClassName`). */
export interface IStorageClass extends kplus.IResource {
  /** The REST resource name, `storageclasses`. */
  readonly resourceType: 'storageclasses';
}

/**
 * Properties for `StorageClass`.
 */
export interface StorageClassProps extends kplus.ResourceProps {
  /**
   * The provisioner that creates the volumes: a CSI driver name such as `ebs.csi.aws.com`,
   * `pd.csi.storage.gke.io` or `rook-ceph.rbd.csi.ceph.com`.
   */
  readonly provisioner: string;

  /**
   * Provisioner-specific parameters (e.g. `{ type: 'gp3', encrypted: 'true' }`); opaque to
   * Kubernetes, immutable once created.
   *
   * @default - none
   */
  readonly parameters?: Readonly<Record<string, string>>;

  /**
   * What happens to a provisioned volume when its claim is deleted.
   *
   * @default ReclaimPolicy.DELETE (the API server's default)
   */
  readonly reclaimPolicy?: ReclaimPolicy;

  /**
   * When claims get their volume.
   *
   * @default VolumeBindingMode.IMMEDIATE (the API server's default)
   */
  readonly volumeBindingMode?: VolumeBindingMode;

  /**
   * Whether claims of the class may be resized by editing their storage request.
   *
   * @default false
   */
  readonly allowVolumeExpansion?: boolean;

  /**
   * Mount options of the provisioned volumes (e.g. `['noatime']`); not checked by Kubernetes:
   * a bad option makes mounts fail.
   *
   * @default - none
   */
  readonly mountOptions?: readonly string[];

  /**
   * Where volumes may be provisioned; a node qualifies when it matches any term.
   *
   * @default - anywhere
   */
  readonly allowedTopologies?: readonly TopologyTerm[];

  /**
   * Make it the cluster's default StorageClass (annotation
   * `storageclass.kubernetes.io/is-default-class: "true"`), used by claims that name no class.
   *
   * @default false
   */
  readonly isDefault?: boolean;
}

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;

/**
 * A StorageClass: how volumes of a kind of storage are provisioned, named by claims
 * (`storageClassName`).
 *
 * The constructor applies the API server's checks (`ValidateStorageClass`): the provisioner is a
 * qualified name; at most 512 parameters, non-empty keys, 256 KiB in all; each topology term's
 * keys are label keys with non-empty, distinct values, and no two terms are the same.
 *
 * ```ts
 * const fast = new StorageClass(chart, 'fast', {
 *   provisioner: 'ebs.csi.aws.com',
 *   parameters: { type: 'gp3' },
 *   reclaimPolicy: ReclaimPolicy.RETAIN,
 *   volumeBindingMode: VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER,
 *   allowVolumeExpansion: true,
 * });
 * new kplus.PersistentVolumeClaim(chart, 'data', { storage: Size.gibibytes(10), storageClassName: fast.name });
 * ```
 *
 * @see https://kubernetes.io/docs/concepts/storage/storage-classes/
 */
export class StorageClass extends kplus.Resource implements IStorageClass {
  /** A StorageClass that exists in the cluster (installed with the cluster or a CSI driver). */
  public static fromStorageClassName(scope: Construct, id: string, name: string): IStorageClass {
    return new ImportedStorageClass(scope, id, name);
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The REST resource name. */
  public readonly resourceType = 'storageclasses';
  /** The provisioner. */
  public readonly provisioner: string;
  /** The reclaim policy, if set. */
  public readonly reclaimPolicy?: ReclaimPolicy;
  /** The volume binding mode, if set. */
  public readonly volumeBindingMode?: VolumeBindingMode;
  /** Whether claims may be resized. */
  public readonly allowVolumeExpansion: boolean;
  /** Whether this is the cluster's default StorageClass. */
  public readonly isDefault: boolean;

  constructor(scope: Construct, id: string, props: StorageClassProps) {
    super(scope, id);
    checkProvisioner(this, props.provisioner);
    checkParameters(this, props.parameters);
    checkOneOf(this, 'reclaimPolicy', props.reclaimPolicy, kplus.PersistentVolumeReclaimPolicy);
    checkOneOf(this, 'volumeBindingMode', props.volumeBindingMode, VolumeBindingMode);
    const topologies = checkTopologies(this, props.allowedTopologies ?? []);
    this.provisioner = props.provisioner;
    this.reclaimPolicy = props.reclaimPolicy;
    this.volumeBindingMode = props.volumeBindingMode;
    this.allowVolumeExpansion = props.allowVolumeExpansion ?? false;
    this.isDefault = props.isDefault ?? false;
    if (this.isDefault) claimDefault(this, 'StorageClass', 'isDefault');
    this.apiObject = new kplus.k8s.KubeStorageClass(this, 'Resource', {
      metadata: props.metadata,
      provisioner: props.provisioner,
      parameters: props.parameters ? { ...props.parameters } : undefined,
      reclaimPolicy: props.reclaimPolicy,
      volumeBindingMode: props.volumeBindingMode,
      allowVolumeExpansion: props.allowVolumeExpansion,
      mountOptions: props.mountOptions ? [...props.mountOptions] : undefined,
      allowedTopologies: topologies.length > 0 ? topologies : undefined,
    });
    if (this.isDefault) this.apiObject.metadata.addAnnotation(DEFAULT_STORAGE_CLASS_ANNOTATION, 'true');
  }
}

class ImportedStorageClass extends ImportedClass implements IStorageClass {
  public readonly resourceType = 'storageclasses';

  constructor(scope: Construct, id: string, name: string) {
    super(scope, id, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' }, name);
  }
}

function checkProvisioner(scope: IConstruct, provisioner: string): void {
  if (provisioner.length === 0) throw new ConstructError(scope, 'must not be empty', { prop: 'provisioner' });
  const problems = labelKeyProblems(provisioner.toLowerCase());
  if (problems.length > 0)
    throw new ConstructError(scope, `'${provisioner}' is not a qualified name: ${problems.join('; ')}`, {
      prop: 'provisioner',
      hint: "use the CSI driver's name, e.g. 'ebs.csi.aws.com'",
    });
}

/** Provisioner parameters as `validateParameters` checks them. */
function checkParameters(scope: IConstruct, params: Readonly<Record<string, string>> | undefined): void {
  const entries = Object.entries(params ?? {});
  if (entries.length > MAX_PARAMETERS)
    throw new ConstructError(scope, `must have at most ${MAX_PARAMETERS} entries (has ${entries.length})`, {
      prop: 'parameters',
    });
  let size = 0;
  for (const [key, value] of entries) {
    if (key.length === 0) throw new ConstructError(scope, 'keys must not be empty', { prop: 'parameters' });
    size += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (size > MAX_PARAMETERS_SIZE)
    throw new ConstructError(scope, `must total at most 256 KiB of keys and values (is ${size} bytes)`, {
      prop: 'parameters',
    });
}

/** Allowed topologies as `validateAllowedTopologies` checks them, in the API's shape. */
function checkTopologies(
  scope: IConstruct,
  terms: readonly TopologyTerm[],
  prop: string = 'allowedTopologies',
): kplus.k8s.TopologySelectorTerm[] {
  const seen: string[] = [];
  return terms.map((term, i) => {
    const where = `${prop}[${i}]`;
    const keys = Object.keys(term);
    if (keys.length === 0)
      throw new ConstructError(scope, 'must have at least one label (an empty term matches no node)', { prop: where });
    for (const key of keys) {
      const problems = labelKeyProblems(key);
      if (problems.length > 0)
        throw new ConstructError(scope, `label key '${key}' ${problems.join('; ')}`, { prop: `${where}.${key}` });
      const values = term[key];
      if (values.length === 0)
        throw new ConstructError(scope, 'must list at least one value', { prop: `${where}.${key}` });
      const duplicate = values.find((v, j) => values.indexOf(v) !== j);
      if (duplicate !== undefined)
        throw new ConstructError(scope, `lists '${duplicate}' twice`, { prop: `${where}.${key}` });
    }
    const canonical = JSON.stringify([...keys].sort().map((k) => [k, [...term[k]].sort()]));
    const same = seen.indexOf(canonical);
    if (same >= 0) throw new ConstructError(scope, `is the same as ${prop}[${same}]`, { prop: where });
    seen.push(canonical);
    return { matchLabelExpressions: keys.map((key) => ({ key, values: [...term[key]] })) };
  });
}
