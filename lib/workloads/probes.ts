import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { portNameProblems, portNumberProblems } from '../values/dns-name';

/** A container port, by number (`8080`) or by the name of a container port (`'liveness-port'`). */
export type PortReference = number | string;

/** Timing options shared by every probe (cdk8s-plus-27's `ProbeOptions`). */
export interface ProbeTimingOptions extends kplus.ProbeOptions {}

/** Options for `Probes.httpGet`. */
export interface HttpGetProbeOptions extends ProbeTimingOptions {
  /**
   * The port to query, by number or container port name.
   *
   * @default - the container's `portNumber`
   */
  readonly port?: PortReference;
  /**
   * Scheme to use for connecting.
   *
   * @default ConnectionScheme.HTTP
   */
  readonly scheme?: kplus.ConnectionScheme;
  /**
   * Host name to connect to.
   *
   * @default - the pod IP
   */
  readonly host?: string;
  /**
   * Custom request headers, e.g. `{ 'Custom-Header': 'Awesome' }`.
   *
   * @default - none
   */
  readonly httpHeaders?: Readonly<Record<string, string>>;
}

/** Options for `Probes.tcpSocket`. */
export interface TcpSocketProbeOptions extends ProbeTimingOptions {
  /**
   * The port to connect to, by number or container port name.
   *
   * @default - the container's `portNumber`
   */
  readonly port?: PortReference;
  /**
   * Host name to connect to.
   *
   * @default - the pod IP
   */
  readonly host?: string;
}

/** Options for `Probes.grpc`. */
export interface GrpcProbeOptions extends ProbeTimingOptions {
  /**
   * The service name passed in the gRPC health check request
   * (https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
   *
   * @default - the server's overall health ("")
   */
  readonly service?: string;
}

/**
 * Probes of every kind Kubernetes supports, for a container's `liveness`, `readiness` and
 * `startup` props.
 *
 * cdk8s-plus-27's `Probe` covers exec, HTTP GET and TCP with numeric ports; these factories
 * add gRPC probes, named ports and HTTP headers, and validate their options. Each returns a
 * cdk8s-plus `Probe`, so it is accepted wherever cdk8s-plus takes one.
 *
 * A factory has no construct to name, so it does not throw: the patterns check the probes they
 * are given with `Probes.validate` (the error names the pattern and the prop), and any other
 * invalid probe throws when its container is rendered at synth.
 */
export class Probes {
  /** Runs `command` in the container; healthy when it exits 0. */
  public static exec(command: readonly string[], options: ProbeTimingOptions = {}): kplus.Probe {
    const problems = timingProblems('exec probe', options);
    if (command.length === 0) problems.unshift('exec probe: command must not be empty');
    return makeProbe(problems, () => ({ ...timing(options), exec: { command: [...command] } }));
  }

  /** HTTP GET `path`; healthy on a status from 200 to 399. */
  public static httpGet(path: string, options: HttpGetProbeOptions = {}): kplus.Probe {
    const problems: string[] = [];
    if (!path.startsWith('/')) problems.push(`httpGet probe: path must start with '/' (is '${path}')`);
    problems.push(...timingProblems('httpGet probe', options), ...portProblems('httpGet probe', options.port));
    const headers = Object.entries(options.httpHeaders ?? {});
    for (const [name] of headers) {
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name))
        problems.push(`httpGet probe: header name '${name}' is not a valid HTTP token`);
    }
    return makeProbe(problems, (container) => ({
      ...timing(options),
      httpGet: {
        path,
        port: intOrString(resolvePort('httpGet probe', options.port, container)),
        scheme: options.scheme,
        host: options.host,
        httpHeaders: headers.length > 0 ? headers.map(([name, value]) => ({ name, value })) : undefined,
      },
    }));
  }

  /** Opens a TCP connection; healthy when it connects. */
  public static tcpSocket(options: TcpSocketProbeOptions = {}): kplus.Probe {
    const problems = [...timingProblems('tcpSocket probe', options), ...portProblems('tcpSocket probe', options.port)];
    return makeProbe(problems, (container) => ({
      ...timing(options),
      tcpSocket: { port: intOrString(resolvePort('tcpSocket probe', options.port, container)), host: options.host },
    }));
  }

  /** Calls the gRPC health checking protocol on `port` (numbers only, as Kubernetes requires). */
  public static grpc(port: number, options: GrpcProbeOptions = {}): kplus.Probe {
    const problems = [...timingProblems('grpc probe', options), ...portProblems('grpc probe', port)];
    return makeProbe(problems, () => ({ ...timing(options), grpc: { port, service: options.service } }));
  }

  /** What is wrong with `probe` (empty when valid, and for probes not made by `Probes`). */
  public static problems(probe: kplus.Probe): string[] {
    return [...(PROBLEMS.get(probe) ?? [])];
  }

  /**
   * Throws a `ConstructError` naming `scope` and `prop` (e.g. `liveness`) if `probe` is invalid;
   * for constructs that take a probe as a prop.
   */
  public static validate(scope: IConstruct, prop: string, probe: kplus.Probe | undefined): void {
    const problems = probe ? Probes.problems(probe) : [];
    if (problems.length > 0) throw new ConstructError(scope, problems.join('; '), { prop });
  }

  private constructor() {}
}

/** The problems of each probe made by `Probes`. */
const PROBLEMS = new WeakMap<kplus.Probe, readonly string[]>();

function makeProbe(problems: readonly string[], render: (container: kplus.Container) => kplus.k8s.Probe): kplus.Probe {
  // cdk8s-plus-27's Probe has a private constructor; a Probe is whatever renders through
  // `_toKube(container)`, which is all a container calls.
  const probe = Object.create(kplus.Probe.prototype) as kplus.Probe;
  const toKube = (container: kplus.Container): kplus.k8s.Probe => {
    if (problems.length > 0) throw new Error(`container '${container.name}': ${problems.join('; ')}`);
    return render(container);
  };
  Object.defineProperty(probe, '_toKube', { value: toKube, enumerable: false });
  if (problems.length > 0) PROBLEMS.set(probe, problems);
  return probe;
}

function timing(options: ProbeTimingOptions): kplus.k8s.Probe {
  return {
    failureThreshold: options.failureThreshold ?? 3,
    initialDelaySeconds: options.initialDelaySeconds?.toSeconds(),
    periodSeconds: options.periodSeconds?.toSeconds(),
    successThreshold: options.successThreshold,
    timeoutSeconds: options.timeoutSeconds?.toSeconds(),
  };
}

function timingProblems(what: string, options: ProbeTimingOptions): string[] {
  const fields: [string, number | undefined, number][] = [
    ['failureThreshold', options.failureThreshold, 1],
    ['successThreshold', options.successThreshold, 1],
    ['initialDelaySeconds', options.initialDelaySeconds?.toSeconds(), 0],
    ['periodSeconds', options.periodSeconds?.toSeconds(), 1],
    ['timeoutSeconds', options.timeoutSeconds?.toSeconds(), 1],
  ];
  return fields
    .filter(([, v, min]) => v !== undefined && (!Number.isInteger(v) || v < min))
    .map(([field, v, min]) => `${what}: ${field} must be an integer of at least ${min} (is ${v})`);
}

function portProblems(what: string, port: PortReference | undefined): string[] {
  if (port === undefined) return [];
  if (typeof port === 'number') return portNumberProblems(port).map((p) => `${what}: port ${p}`);
  return portNameProblems(port).map((p) => `${what}: port name '${port}' ${p}`);
}

function resolvePort(what: string, port: PortReference | undefined, container: kplus.Container): PortReference {
  const resolved = port ?? container.portNumber;
  if (resolved === undefined) {
    throw new Error(`${what} on container '${container.name}': no port given and the container has no portNumber`);
  }
  return resolved;
}

function intOrString(port: PortReference): kplus.k8s.IntOrString {
  return typeof port === 'number' ? kplus.k8s.IntOrString.fromNumber(port) : kplus.k8s.IntOrString.fromString(port);
}
