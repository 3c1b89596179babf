import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { checkKnownProps, knownProps } from '../core/known-props';
import { assertValid } from '../values/assert-valid';
import { portNameProblems, portNumberProblems } from '../values/dns-name';
import { Exposure } from './exposure';

/** A named port of a pattern's main container (and, for patterns with a Service, of the Service). */
export interface PatternPort {
  /**
   * The port's name: an IANA service name (at most 15 characters, lower case letters, digits
   * and '-', at least one letter), e.g. `grpc`, `metrics`, `gossip`. Probes and Services refer
   * to it by name.
   */
  readonly name: string;
  /** The port the container listens on. */
  readonly port: number;
  /**
   * The Service port.
   *
   * @default - the same as `port`
   */
  readonly servicePort?: number;
  /**
   * The protocol.
   *
   * @default - no `protocol` rendered: the API server's default, TCP
   */
  readonly protocol?: kplus.Protocol;
}

/** The props of `PatternPort`. */
export const PATTERN_PORT_PROPS = knownProps<PatternPort>('PatternPort')(['name', 'port', 'servicePort', 'protocol']);

/** Another Service in front of the same pods, e.g. an external LoadBalancer beside the internal ClusterIP one. */
export interface AdditionalService {
  /** The Service's name (a DNS-1035 label). */
  readonly name: string;
  /** How it is reached: its type (and node port, or Ingress). */
  readonly exposure: Exposure;
  /**
   * Names of the ports it exposes.
   *
   * @default - every port of the pattern's Service: `port` and `extraPorts`
   */
  readonly ports?: readonly string[];
}

/** The props of `AdditionalService`. */
export const ADDITIONAL_SERVICE_PROPS = knownProps<AdditionalService>('AdditionalService')([
  'name',
  'exposure',
  'ports',
]);

/**
 * Validates `ports` (numbers, IANA names) and that no name or number is used twice, also among
 * `taken` (ports declared by other props); errors name `scope` and `prop[i]`.
 */
export function validatePorts(
  scope: IConstruct,
  prop: string,
  ports: readonly PatternPort[],
  taken: readonly PatternPort[] = [],
): void {
  const names = new Set<string>(taken.map((p) => p.name));
  const numbers = new Set<string>(taken.map((p) => `${p.port}/${p.protocol ?? kplus.Protocol.TCP}`));
  ports.forEach((p, i) => checkKnownProps(scope, p, PATTERN_PORT_PROPS, `${prop}[${i}]`));
  ports.forEach((p, i) => {
    assertValid(scope, `${prop}[${i}].name`, p.name, portNameProblems(p.name));
    assertValid(scope, `${prop}[${i}].port`, p.port, portNumberProblems(p.port));
    if (p.servicePort !== undefined)
      assertValid(scope, `${prop}[${i}].servicePort`, p.servicePort, portNumberProblems(p.servicePort));
    if (names.has(p.name))
      throw new ConstructError(scope, `port name '${p.name}' is used twice`, { prop: `${prop}[${i}].name` });
    const key = `${p.port}/${p.protocol ?? kplus.Protocol.TCP}`;
    if (numbers.has(key))
      throw new ConstructError(scope, `port ${key} is declared twice`, { prop: `${prop}[${i}].port` });
    names.add(p.name);
    numbers.add(key);
  });
}

/** The cdk8s-plus container ports of `ports`. */
export function containerPorts(ports: readonly PatternPort[]): kplus.ContainerPort[] {
  return ports.map((p) => ({ number: p.port, name: p.name, protocol: p.protocol }));
}

/** The cdk8s-plus Service ports of `ports`, with a node port on the first when given. */
export function servicePorts(ports: readonly PatternPort[], nodePort?: number): kplus.ServicePort[] {
  return ports.map((p, i) => ({
    name: p.name,
    port: p.servicePort ?? p.port,
    targetPort: p.port,
    protocol: p.protocol,
    nodePort: i === 0 ? nodePort : undefined,
  }));
}

/** What is wrong with a Service name (a DNS-1035 label), or nothing. */
export function serviceNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 63) problems.push(`must be no more than 63 characters (is ${name.length})`);
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name))
    problems.push(
      "must consist of lower case alphanumeric characters or '-', start with a letter and end with an alphanumeric character",
    );
  return problems;
}
