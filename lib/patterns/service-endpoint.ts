import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { checkKnownProps, knownProps } from '../core/known-props';
import { AppNetwork } from './app-network';

/** Something reachable through a Service: a `WebService` or a `StatefulService`. */
export interface IServiceEndpoint extends IConstruct {
  /** The pattern's name (`app.kubernetes.io/name`); the default env prefix of its clients. */
  readonly name: string;
  /** The Service in front of it. */
  readonly service: kplus.Service;
  /** The port clients connect to (the Service port). */
  readonly servicePort: number;
  /** The port the pods listen on (for network policies). */
  readonly containerPort: number;
  /** Labels selecting its pods. */
  readonly podSelector: Readonly<Record<string, string>>;
  /**
   * Labels the Service selects, when they differ from `podSelector` (several Deployments behind one Service).
   *
   * @default - `podSelector`
   */
  readonly serviceSelector?: Readonly<Record<string, string>>;
  /** The Service's in-cluster DNS name, `<service>.<namespace>.svc.cluster.local`. */
  readonly dnsName: string;
}

/** Something that connects to endpoints: every pattern with a main container. */
export interface IServiceClient extends IConstruct {
  /** The pattern's name. */
  readonly name: string;
  /** Labels selecting its pods. */
  readonly podSelector: Readonly<Record<string, string>>;
  /** The container that gets the endpoint's address. */
  readonly container: kplus.Container;
}

/** Options for `connectTo`. */
export interface ConnectOptions {
  /**
   * Prefix of the environment variables that carry the address.
   *
   * @default - the endpoint's name in UPPER_SNAKE_CASE (`user-db` gives `USER_DB`)
   */
  readonly envPrefix?: string;
}

/** The props of `ConnectOptions`. */
export const CONNECT_PROPS = knownProps<ConnectOptions>('ConnectOptions')(['envPrefix']);

/** The in-cluster DNS name of a Service. */
export function serviceDnsName(service: kplus.Service): string {
  const ns = service.metadata.namespace ?? Chart.of(service).namespace;
  return ns ? `${service.name}.${ns}.svc.cluster.local` : service.name;
}

/** `user-db` → `USER_DB`. */
export function envPrefixOf(name: string): string {
  return name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Connects `client` to `endpoint`:
 * - the client's container gets `<PREFIX>_HOST` (the Service's DNS name), `<PREFIX>_PORT` and
 *   `<PREFIX>_ADDR` (`host:port`), never a pod IP;
 * - the connection is recorded in both namespaces' `AppNetwork`s: where a namespace is isolated
 *   (`AppNetwork.isolate`), NetworkPolicies allow exactly that traffic (egress from the client's
 *   pods, ingress to the endpoint's pods, on the endpoint's container port, across namespaces
 *   too); where it is not, nothing is written and nothing is cut.
 */
export function connect(client: IServiceClient, endpoint: IServiceEndpoint, options: ConnectOptions = {}): void {
  checkKnownProps(client, options, CONNECT_PROPS, 'connectTo');
  const prefix = options.envPrefix ?? envPrefixOf(endpoint.name);
  if (!/^[A-Z_][A-Z0-9_]*$/.test(prefix))
    throw new ConstructError(client, `'${prefix}' is not a valid environment variable prefix`, {
      prop: 'connectTo.envPrefix',
      hint: 'use upper case letters, digits and underscores, not starting with a digit',
    });
  const env = client.container.env;
  env.addVariable(`${prefix}_HOST`, kplus.EnvValue.fromValue(endpoint.dnsName));
  env.addVariable(`${prefix}_PORT`, kplus.EnvValue.fromValue(String(endpoint.servicePort)));
  env.addVariable(`${prefix}_ADDR`, kplus.EnvValue.fromValue(`${endpoint.dnsName}:${endpoint.servicePort}`));

  const clientNs = Chart.of(client).namespace;
  const endpointNs = Chart.of(endpoint).namespace;
  const from = { name: client.name, labels: client.podSelector, namespace: clientNs };
  const to = { name: endpoint.name, labels: endpoint.serviceSelector ?? endpoint.podSelector, namespace: endpointNs };
  AppNetwork.of(endpoint).allowIngress(from, to, endpoint.containerPort);
  AppNetwork.of(client).allowEgress(from, to, endpoint.containerPort);
}
