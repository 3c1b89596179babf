import * as kplus from 'cdk8s-plus-27';

/** Options for an Ingress exposure. */
export interface IngressExposureOptions {
  /** The host name, e.g. `shop.example.com`. */
  readonly host: string;
  /**
   * The path prefix.
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

/** How a service is reached from outside the cluster; one prop chooses it. */
export class Exposure {
  /** Only inside the cluster (a ClusterIP Service). */
  public static internal(): Exposure {
    return new Exposure(kplus.ServiceType.CLUSTER_IP);
  }

  /**
   * On a port of every node (a NodePort Service).
   *
   * @param nodePort a fixed port from 30000 to 32767 (default: chosen by the cluster)
   */
  public static nodePort(nodePort?: number): Exposure {
    if (nodePort !== undefined && !(Number.isInteger(nodePort) && nodePort >= 30000 && nodePort <= 32767)) {
      throw new Error(`Exposure.nodePort: nodePort must be from 30000 to 32767 (is ${nodePort})`);
    }
    return new Exposure(kplus.ServiceType.NODE_PORT, nodePort);
  }

  /** Through a cloud load balancer (a LoadBalancer Service). */
  public static loadBalancer(): Exposure {
    return new Exposure(kplus.ServiceType.LOAD_BALANCER);
  }

  /** Through an Ingress rule on `host` (and a ClusterIP Service behind it). */
  public static ingress(options: IngressExposureOptions): Exposure {
    if (!/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(options.host)) {
      throw new Error(`Exposure.ingress: host '${options.host}' is not a valid DNS name`);
    }
    if (options.path !== undefined && !options.path.startsWith('/'))
      throw new Error(`Exposure.ingress: path must start with '/' (is '${options.path}')`);
    return new Exposure(kplus.ServiceType.CLUSTER_IP, undefined, options);
  }

  private constructor(
    /** The Service type. */
    public readonly serviceType: kplus.ServiceType,
    /** The fixed node port, for NodePort. */
    public readonly nodePort?: number,
    /** Ingress options, when exposed through an Ingress. */
    public readonly ingressOptions?: IngressExposureOptions,
  ) {}

  /** Whether traffic from outside the cluster reaches the pods. */
  public get isExternal(): boolean {
    return this.serviceType !== kplus.ServiceType.CLUSTER_IP || this.ingressOptions !== undefined;
  }
}
