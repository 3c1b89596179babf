import * as kplus from 'cdk8s-plus-27';
import { assertNoProblems, portNameProblems, portNumberProblems } from '../values/dns-name';

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
 */
export class Probes {
  /** Runs `command` in the container; healthy when it exits 0. */
  public static exec(command: readonly string[], options: ProbeTimingOptions = {}): kplus.Probe {
    if (command.length === 0) throw new Error('exec probe: command must not be empty');
    checkTiming('exec probe', options);
    return makeProbe(() => ({ ...timing(options), exec: { command: [...command] } }));
  }

  /** HTTP GET `path`; healthy on a status from 200 to 399. */
  public static httpGet(path: string, options: HttpGetProbeOptions = {}): kplus.Probe {
    if (!path.startsWith('/')) throw new Error(`httpGet probe: path must start with '/' (is '${path}')`);
    checkTiming('httpGet probe', options);
    checkPort('httpGet probe', options.port);
    const headers = Object.entries(options.httpHeaders ?? {});
    for (const [name] of headers) {
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name))
        throw new Error(`httpGet probe: header name '${name}' is not a valid HTTP token`);
    }
    return makeProbe((container) => ({
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
    checkTiming('tcpSocket probe', options);
    checkPort('tcpSocket probe', options.port);
    return makeProbe((container) => ({
      ...timing(options),
      tcpSocket: { port: intOrString(resolvePort('tcpSocket probe', options.port, container)), host: options.host },
    }));
  }

  /** Calls the gRPC health checking protocol on `port` (numbers only, as Kubernetes requires). */
  public static grpc(port: number, options: GrpcProbeOptions = {}): kplus.Probe {
    checkTiming('grpc probe', options);
    assertNoProblems('grpc probe: port', port, portNumberProblems(port));
    return makeProbe(() => ({ ...timing(options), grpc: { port, service: options.service } }));
  }
}

function makeProbe(render: (container: kplus.Container) => kplus.k8s.Probe): kplus.Probe {
  // cdk8s-plus-27's Probe has a private constructor; a Probe is whatever renders through
  // `_toKube(container)`, which is all a container calls.
  const probe = Object.create(kplus.Probe.prototype) as kplus.Probe;
  Object.defineProperty(probe, '_toKube', { value: render, enumerable: false });
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

function checkTiming(what: string, options: ProbeTimingOptions): void {
  const positiveInt = (field: string, v: number | undefined, min: number): void => {
    if (v !== undefined && (!Number.isInteger(v) || v < min)) {
      throw new Error(`${what}: ${field} must be an integer of at least ${min} (is ${v})`);
    }
  };
  positiveInt('failureThreshold', options.failureThreshold, 1);
  positiveInt('successThreshold', options.successThreshold, 1);
  positiveInt('initialDelaySeconds', options.initialDelaySeconds?.toSeconds(), 0);
  positiveInt('periodSeconds', options.periodSeconds?.toSeconds(), 1);
  positiveInt('timeoutSeconds', options.timeoutSeconds?.toSeconds(), 1);
}

function checkPort(what: string, port: PortReference | undefined): void {
  if (port === undefined) return;
  if (typeof port === 'number') assertNoProblems(`${what}: port`, port, portNumberProblems(port));
  else assertNoProblems(`${what}: port name`, port, portNameProblems(port));
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
