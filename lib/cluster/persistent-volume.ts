import { ApiObject, Chart, JsonPatch, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import { Selector, SelectorOperator, SelectorSpec } from '../selectors/selector';
import { dns1123LabelProblems, dns1123SubdomainProblems, labelValueProblems } from '../values/dns-name';
import { parseQuantity, sizeToQuantity } from '../values/quantity';
import { checkOneOf, csiDriverNameProblems, hasBacksteps } from './class-support';
import { IStorageClass } from './storage-class';

/** The node label that holds a node's name, used by `PersistentVolumeSource.local({ node })`. */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** A Secret a CSI driver reads (in any namespace, hence both fields). */
export interface PersistentVolumeSecretRef {
  /** The Secret's name. */
  readonly name: string;
  /** The Secret's namespace. */
  readonly namespace: string;
}

/** Options for `PersistentVolumeSource.hostPath`. */
export interface HostPathSourceOptions {
  /**
   * What must exist at the path before the volume is mounted.
   *
   * @default HostPathVolumeType.DEFAULT (no check)
   */
  readonly type?: kplus.HostPathVolumeType;
}

/** Options for `PersistentVolumeSource.nfs`. */
export interface NfsSourceOptions {
  /** The NFS server's host name or IP address. */
  readonly server: string;
  /** The exported path, absolute (e.g. `/exports/cassandra`). */
  readonly path: string;
  /**
   * Mount the export read-only.
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

/** Options for `PersistentVolumeSource.local`. */
export interface LocalSourceOptions {
  /** The path of the disk or directory on the node, e.g. `/mnt/disks/ssd1`. */
  readonly path: string;
  /**
   * The node that has the disk: shorthand for `nodeAffinity: ['kubernetes.io/hostname in (<node>)']`.
   * Give this or the volume's `nodeAffinity`: a local volume needs one.
   *
   * @default - the volume's `nodeAffinity`
   */
  readonly node?: string;
  /**
   * The filesystem of a block device, formatted on first use.
   *
   * @default - a directory, or the device's existing filesystem
   */
  readonly fsType?: string;
}

/** Options for `PersistentVolumeSource.csi`. */
export interface CsiSourceOptions {
  /** The CSI driver, e.g. `ebs.csi.aws.com`. */
  readonly driver: string;
  /** The driver's id of the existing volume (e.g. an EBS volume id `vol-0123456789abcdef0`). */
  readonly volumeHandle: string;
  /**
   * The filesystem to mount.
   *
   * @default - the driver's default
   */
  readonly fsType?: string;
  /**
   * Mount the volume read-only.
   *
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Driver-specific attributes of the volume.
   *
   * @default - none
   */
  readonly volumeAttributes?: Readonly<Record<string, string>>;
  /**
   * Secret for the driver's ControllerPublishVolume and ControllerUnpublishVolume calls.
   *
   * @default - none
   */
  readonly controllerPublishSecretRef?: PersistentVolumeSecretRef;
  /**
   * Secret for the driver's NodeStageVolume call.
   *
   * @default - none
   */
  readonly nodeStageSecretRef?: PersistentVolumeSecretRef;
  /**
   * Secret for the driver's NodePublishVolume call.
   *
   * @default - none
   */
  readonly nodePublishSecretRef?: PersistentVolumeSecretRef;
  /**
   * Secret for the driver's ControllerExpandVolume call.
   *
   * @default - none
   */
  readonly controllerExpandSecretRef?: PersistentVolumeSecretRef;
  /**
   * Secret for the driver's NodeExpandVolume call.
   *
   * @default - none
   */
  readonly nodeExpandSecretRef?: PersistentVolumeSecretRef;
}

/** A problem with the options of a `PersistentVolumeSource` factory, reported when a volume uses it. */
interface SourceProblem {
  readonly field: string;
  readonly message: string;
}

const SECRET_REFS = [
  'controllerPublishSecretRef',
  'nodeStageSecretRef',
  'nodePublishSecretRef',
  'controllerExpandSecretRef',
  'nodeExpandSecretRef',
] as const;

/**
 * Where a PersistentVolume's storage is: one of a host path, an NFS export, a local disk, or an
 * existing volume of a CSI driver. The factories' options are checked when a volume uses them.
 */
export class PersistentVolumeSource {
  /**
   * A directory or file on the node (single-node clusters and tests only: the data stays on
   * whichever node the pod lands on).
   */
  public static hostPath(path: string, options: HostPathSourceOptions = {}): PersistentVolumeSource {
    return new PersistentVolumeSource('hostPath', hostPathProblems('path', path), {
      hostPath: { path, type: options.type },
    });
  }

  /** An NFS export. */
  public static nfs(options: NfsSourceOptions): PersistentVolumeSource {
    const problems: SourceProblem[] = [];
    if (options.server.length === 0) problems.push({ field: 'server', message: 'must not be empty' });
    if (!options.path.startsWith('/'))
      problems.push({ field: 'path', message: `must be an absolute path (is '${options.path}')` });
    return new PersistentVolumeSource('nfs', problems, {
      nfs: { server: options.server, path: options.path, readOnly: options.readOnly },
    });
  }

  /** A disk or directory of one node; the volume's pods are scheduled to that node. */
  public static local(options: LocalSourceOptions): PersistentVolumeSource {
    const problems = hostPathProblems('path', options.path);
    if (options.node !== undefined) {
      problems.push(...dns1123SubdomainProblems(options.node).map((message) => ({ field: 'node', message })));
      problems.push(...labelValueProblems(options.node).map((message) => ({ field: 'node', message })));
    }
    const affinity = options.node !== undefined ? [`${HOSTNAME_LABEL} in (${options.node})`] : undefined;
    return new PersistentVolumeSource(
      'local',
      problems,
      { local: { path: options.path, fsType: options.fsType } },
      affinity,
    );
  }

  /** An existing volume of a CSI driver (pre-provisioned: a disk, a file share, a bucket). */
  public static csi(options: CsiSourceOptions): PersistentVolumeSource {
    const problems: SourceProblem[] = csiDriverNameProblems(options.driver).map((message) => ({
      field: 'driver',
      message,
    }));
    if (options.volumeHandle.length === 0) problems.push({ field: 'volumeHandle', message: 'must not be empty' });
    const refs: Partial<Record<(typeof SECRET_REFS)[number], kplus.k8s.SecretReference>> = {};
    for (const field of SECRET_REFS) {
      const ref = options[field];
      if (ref === undefined) continue;
      problems.push(...dns1123SubdomainProblems(ref.name).map((m) => ({ field: `${field}.name`, message: m })));
      problems.push(...dns1123LabelProblems(ref.namespace).map((m) => ({ field: `${field}.namespace`, message: m })));
      refs[field] = { name: ref.name, namespace: ref.namespace };
    }
    return new PersistentVolumeSource('csi', problems, {
      csi: {
        driver: options.driver,
        volumeHandle: options.volumeHandle,
        fsType: options.fsType,
        readOnly: options.readOnly,
        volumeAttributes: options.volumeAttributes ? { ...options.volumeAttributes } : undefined,
        ...refs,
      },
    });
  }

  private constructor(
    /** The volume type: `hostPath`, `nfs`, `local` or `csi`. */
    public readonly type: string,
    private readonly problems: readonly SourceProblem[],
    private readonly spec: Partial<kplus.k8s.PersistentVolumeSpec>,
    /** The node affinity the source implies (`local` with `node`), in `kubectl -l` syntax. */
    public readonly nodeAffinity?: readonly string[],
  ) {}

  /** Throws a `ConstructError` naming `scope` and `<prop>.<field>` for the first problem. */
  public validate(scope: IConstruct, prop: string = 'source'): void {
    const first = this.problems[0];
    if (first) throw new ConstructError(scope, first.message, { prop: `${prop}.${first.field}` });
  }

  /** @internal */
  public _toKube(): Partial<kplus.k8s.PersistentVolumeSpec> {
    return this.spec;
  }
}

function hostPathProblems(field: string, path: string): SourceProblem[] {
  if (path.length === 0) return [{ field, message: 'must not be empty' }];
  return hasBacksteps(path) ? [{ field, message: `must not contain '..' (is '${path}')` }] : [];
}

/**
 * Properties for `PersistentVolume`.
 */
export interface PersistentVolumeProps extends Omit<
  kplus.PersistentVolumeProps,
  'storage' | 'accessModes' | 'storageClassName'
> {
  /** Where the storage is. */
  readonly source: PersistentVolumeSource;

  /** The capacity of the volume (`capacity.storage`); claims asking for at most this much may bind it. */
  readonly storage: Size;

  /**
   * How the volume can be mounted; ReadWriteOncePod cannot be combined with other modes.
   *
   * @default [PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: readonly kplus.PersistentVolumeAccessMode[];

  /**
   * The StorageClass the volume belongs to: only claims of that class bind it. An existing
   * class: `StorageClass.fromStorageClassName(scope, id, name)`.
   *
   * @default - no class: only claims that ask for no class (`storageClassName: ''`) bind it
   */
  readonly storageClass?: IStorageClass;

  /**
   * The nodes the volume can be used from; each entry is one node selector term, in
   * `kubectl -l` syntax (`'topology.kubernetes.io/zone in (eu-west-1a)'`) or the API's shape,
   * and a node qualifies when it matches any term. Required for local volumes (or their `node`).
   *
   * @default - any node
   */
  readonly nodeAffinity?: readonly (string | SelectorSpec)[];
}

/**
 * A PersistentVolume for storage that exists already (static provisioning): a host path, an
 * NFS export, a local disk or a CSI driver's volume. cdk8s-plus-27's `PersistentVolume` covers only
 * the in-tree AWS, Azure and GCE disks (removed from Kubernetes); this one is a cdk8s-plus
 * `PersistentVolume` too, so `reserve()`, `bind()` and a claim's `volume` work with it.
 *
 * The constructor applies the API server's checks (`ValidatePersistentVolume`): a positive
 * capacity; access modes (ReadWriteOncePod alone); the source's required fields (host and local
 * paths without `..`, an absolute NFS path, a valid CSI driver name and volume handle, Secret
 * references with name and namespace); node affinity terms (required for local volumes). A bound
 * claim is written with its namespace (`claimRef`), as the volume controller matches both.
 *
 * ```ts
 * new PersistentVolume(chart, 'cassandra-0', {
 *   source: PersistentVolumeSource.local({ path: '/mnt/disks/ssd1', node: 'worker-1' }),
 *   storage: Size.gibibytes(100),
 *   storageClass: localSsd,
 * });
 * ```
 *
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/
 */
export class PersistentVolume extends kplus.PersistentVolume {
  /** Where the storage is. */
  public readonly source: PersistentVolumeSource;
  /** The StorageClass, if any. */
  public readonly storageClass?: IStorageClass;
  private readonly nodeSelectorTerms: readonly kplus.k8s.NodeSelectorTerm[];

  constructor(scope: Construct, id: string, props: PersistentVolumeProps) {
    const accessModes = [...(props.accessModes ?? [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE])];
    super(scope, id, {
      ...props,
      accessModes,
      storageClassName: props.storageClass?.name,
    });
    props.source.validate(this);
    checkCapacity(this, props.storage);
    checkAccessModes(this, accessModes);
    checkOneOf(this, 'reclaimPolicy', props.reclaimPolicy, kplus.PersistentVolumeReclaimPolicy);
    checkOneOf(this, 'volumeMode', props.volumeMode, kplus.PersistentVolumeMode);
    if (props.source.nodeAffinity !== undefined && props.nodeAffinity !== undefined)
      throw new ConstructError(this, "set the local source's node or the volume's nodeAffinity, not both", {
        prop: 'nodeAffinity',
      });
    const affinity = props.source.nodeAffinity ?? props.nodeAffinity ?? [];
    this.nodeSelectorTerms = toNodeSelectorTerms(this, affinity);
    if (props.source.type === 'local' && this.nodeSelectorTerms.length === 0)
      throw new ConstructError(this, 'a local volume needs node affinity: the node that has the disk', {
        prop: 'nodeAffinity',
        hint: "give the local source's node, or nodeAffinity: ['kubernetes.io/hostname in (<node>)']",
      });
    if (props.claim) claimRefOf(this, props.claim);
    this.source = props.source;
    this.storageClass = props.storageClass;
  }

  /**
   * Reserves the volume for a new PersistentVolumeClaim (`pvc-<name>`, in the chart's
   * namespace) that asks for its capacity, access modes, mode and class (no class: `''`), and
   * binds both ways. (cdk8s-plus-27's own `reserve()` asks only for the class: the API server
   * refuses a claim without access modes and storage request.)
   */
  public reserve(): kplus.PersistentVolumeClaim {
    const storage = this.storage!;
    // cdk8s-plus-27 writes a claim's request in whole GiB only: other sizes go in as a patch
    const wholeGibibytes = Number.isInteger(storage.toGibibytes({ rounding: SizeRoundingBehavior.NONE }));
    const claim = new kplus.PersistentVolumeClaim(this, `${this.name}PVC`, {
      metadata: { name: `pvc-${this.name}`, namespace: this.metadata.namespace },
      storage: wholeGibibytes ? storage : undefined,
      accessModes: this.accessModes,
      storageClassName: this.storageClassName ?? '',
      volumeMode: this.mode,
    });
    if (!wholeGibibytes)
      ApiObject.of(claim).addJsonPatch(
        JsonPatch.add('/spec/resources', { requests: { storage: sizeToQuantity(storage) } }),
      );
    this.bind(claim);
    claim.bind(this);
    return claim;
  }

  /** @internal */
  public _toKube(): kplus.k8s.PersistentVolumeSpec {
    const storage = this.storage!;
    return {
      accessModes: this.accessModes?.map((a) => a.toString()),
      capacity: { storage: kplus.k8s.Quantity.fromString(sizeToQuantity(storage)) },
      claimRef: this.claim ? claimRefOf(this, this.claim) : undefined,
      mountOptions: this.mountOptions ? [...this.mountOptions] : undefined,
      storageClassName: this.storageClassName,
      persistentVolumeReclaimPolicy: this.reclaimPolicy,
      volumeMode: this.mode,
      nodeAffinity:
        this.nodeSelectorTerms.length > 0
          ? { required: { nodeSelectorTerms: this.nodeSelectorTerms.map((t) => ({ ...t })) } }
          : undefined,
      ...this.source._toKube(),
    };
  }
}

function checkCapacity(scope: IConstruct, storage: Size): void {
  const quantity = sizeToQuantity(storage);
  if (!((parseQuantity(quantity) ?? 0) > 0))
    throw new ConstructError(scope, `must be positive (is ${quantity})`, { prop: 'storage' });
}

function checkAccessModes(scope: IConstruct, modes: readonly kplus.PersistentVolumeAccessMode[]): void {
  if (modes.length === 0) throw new ConstructError(scope, 'must not be empty', { prop: 'accessModes' });
  modes.forEach((mode, i) => checkOneOf(scope, `accessModes[${i}]`, mode, kplus.PersistentVolumeAccessMode));
  if (modes.includes(kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD) && modes.length > 1)
    throw new ConstructError(scope, 'ReadWriteOncePod cannot be combined with other access modes', {
      prop: 'accessModes',
    });
}

/** Node selector terms from selectors in `kubectl -l` syntax or the API's shape, checked. */
function toNodeSelectorTerms(
  scope: IConstruct,
  terms: readonly (string | SelectorSpec)[],
): kplus.k8s.NodeSelectorTerm[] {
  return terms.map((term, i) => {
    const prop = `nodeAffinity[${i}]`;
    const spec = typeof term === 'string' ? inScope(scope, prop, () => Selector.parseSpec(term)) : term;
    const problems = Selector.problems(spec);
    if (problems.length > 0) throw new ConstructError(scope, problems.join('; '), { prop });
    const matchExpressions: kplus.k8s.NodeSelectorRequirement[] = [
      ...Object.entries(spec.matchLabels ?? {}).map(([key, value]) => ({
        key,
        operator: SelectorOperator.IN as string,
        values: [value],
      })),
      ...(spec.matchExpressions ?? []).map((r) => ({
        key: r.key,
        operator: r.operator as string,
        values: r.values && r.values.length > 0 ? [...r.values] : undefined,
      })),
    ];
    if (matchExpressions.length === 0)
      throw new ConstructError(scope, 'must have at least one requirement (an empty term matches no node)', { prop });
    return { matchExpressions };
  });
}

/** The claim reference of `claim`: its name and namespace (the volume controller matches both). */
function claimRefOf(scope: IConstruct, claim: kplus.IPersistentVolumeClaim): kplus.k8s.ObjectReference {
  const explicit = claim instanceof kplus.Resource ? claim.metadata.namespace : undefined;
  let namespace = explicit;
  if (namespace === undefined) {
    try {
      namespace = Chart.of(claim).namespace;
    } catch {
      namespace = undefined;
    }
  }
  if (namespace === undefined)
    throw new ConstructError(scope, `the claim '${claim.name}' has no namespace; a volume's claimRef needs one`, {
      prop: 'claim',
      hint: 'give the claim a namespace (metadata.namespace) or create it in a chart with a namespace',
    });
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.name, namespace };
}
