import { ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import { knownProps, unknownPropHint, unknownProps } from '../core/known-props';

/** Options for an Ingress exposure. */
export interface IngressExposureOptions {
  /** The host name, e.g. `shop.example.com`. */
  readonly host: string;
  /**
   * The path prefix; must start with '/' (checked by cdk8s-plus's Ingress).
   *
   * @default '/'
   */
  readonly path?: string;
  /**
   * The IngressClass.
   *
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * Name of an existing TLS Secret for the host.
   *
   * @default - no TLS
   */
  readonly tlsSecretName?: string;
}

/** The props of `IngressExposureOptions`. */
export const INGRESS_EXPOSURE_PROPS = knownProps<IngressExposureOptions>('IngressExposureOptions')([
  'host',
  'path',
  'className',
  'tlsSecretName',
]);

/** A problem with the options of an `Exposure` factory. */
interface ExposureProblem {
  readonly field: string;
  readonly message: string;
  readonly hint?: string;
}

/**
 * How a service is reached from outside the cluster; one prop chooses it. The factories'
 * options are checked when the exposure is given to a construct (`validate`).
 */
export class Exposure {
  /** Only inside the cluster (a ClusterIP Service). */
  public static internal(): Exposure {
    return new Exposure(kplus.ServiceType.CLUSTER_IP, []);
  }

  /**
   * On a port of every node (a NodePort Service).
   *
   * @param nodePort a fixed port from 30000 to 32767 (default: chosen by the cluster)
   */
  public static nodePort(nodePort?: number): Exposure {
    const problems: ExposureProblem[] = [];
    if (nodePort !== undefined && !(Number.isInteger(nodePort) && nodePort >= 30000 && nodePort <= 32767))
      problems.push({ field: 'nodePort', message: `must be from 30000 to 32767 (is ${nodePort})` });
    return new Exposure(kplus.ServiceType.NODE_PORT, problems, nodePort);
  }

  /** Through a cloud load balancer (a LoadBalancer Service). */
  public static loadBalancer(): Exposure {
    return new Exposure(kplus.ServiceType.LOAD_BALANCER, []);
  }

  /** Through an Ingress rule on `host` (and a ClusterIP Service behind it). */
  public static ingress(options: IngressExposureOptions): Exposure {
    const problems: ExposureProblem[] = unknownProps(options, INGRESS_EXPOSURE_PROPS).map((u) => ({
      field: u.name,
      message: `'${u.name}' is not a prop of ${INGRESS_EXPOSURE_PROPS.of}`,
      hint: unknownPropHint(u, INGRESS_EXPOSURE_PROPS),
    }));
    if (!/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(options.host))
      problems.push({ field: 'host', message: `'${options.host}' is not a valid DNS name` });
    return new Exposure(kplus.ServiceType.CLUSTER_IP, problems, undefined, options);
  }

  private constructor(
    /** The Service type. */
    public readonly serviceType: kplus.ServiceType,
    private readonly problems: readonly ExposureProblem[],
    /** The fixed node port, for NodePort. */
    public readonly nodePort?: number,
    /** Ingress options, when exposed through an Ingress. */
    public readonly ingressOptions?: IngressExposureOptions,
  ) {}

  /**
   * Throws a `ConstructError` naming `scope` and the field (`<prop>.nodePort`, `<prop>.host`) if
   * the factory was given invalid options. A factory has no construct to name, so the construct
   * that is given the exposure calls this.
   */
  public validate(scope: IConstruct, prop = 'exposure'): void {
    const [first] = this.problems;
    if (first) throw new ConstructError(scope, first.message, { prop: `${prop}.${first.field}`, hint: first.hint });
  }

  /** Whether traffic from outside the cluster reaches the pods. */
  public get isExternal(): boolean {
    return this.serviceType !== kplus.ServiceType.CLUSTER_IP || this.ingressOptions !== undefined;
  }
}

/**
 * The Ingress of a pattern exposed with `Exposure.ingress(options)`: `host` and `path` (prefix)
 * to `service`'s `servicePort`, with TLS from `tlsSecretName`. Errors name `servicePort` or
 * `exposure.path`.
 */
export function ingressFor(
  scope: Construct,
  metadata: ApiObjectMetadata,
  service: kplus.Service,
  servicePort: number,
  o: IngressExposureOptions,
): kplus.Ingress {
  const backend = inScope(scope, 'servicePort', () => kplus.IngressBackend.fromService(service, { port: servicePort }));
  // cdk8s-plus checks that the path starts with '/'
  return inScope(
    scope,
    'exposure.path',
    () =>
      new kplus.Ingress(scope, 'Ingress', {
        metadata,
        className: o.className,
        rules: [{ host: o.host, path: o.path ?? '/', pathType: kplus.HttpIngressPathType.PREFIX, backend }],
        tls: o.tlsSecretName
          ? [{ hosts: [o.host], secret: kplus.Secret.fromSecretName(scope, 'TlsSecret', o.tlsSecretName) }]
          : undefined,
      }),
  );
}
