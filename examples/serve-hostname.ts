import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Probes } from '../lib';
import { NOBODY, smallResources } from './non-root';

/** Options for `serveHostname`. */
export interface ServeHostnameOptions {
  /** Pod labels, also used as the Deployment's selector. */
  readonly labels: Record<string, string>;
  /** The port agnhost listens on (named `http`). @default 9376 */
  readonly port?: number;
  /** @default 2 */
  readonly replicas?: number;
  /** Select the pods by `labels`; set false to give the Deployment a selector of your own. @default true */
  readonly selectByLabels?: boolean;
  /** Leave the replica count to a HorizontalPodAutoscaler. @default false */
  readonly autoscaled?: boolean;
}

/**
 * A Deployment of agnhost `serve-hostname` (answers every HTTP request with the pod name), the
 * Kubernetes docs' stand-in backend, running as uid 65534 with TCP liveness and HTTP
 * readiness probes on its named port `http`.
 */
export function serveHostname(scope: Construct, id: string, options: ServeHostnameOptions): kplus.Deployment {
  const port = options.port ?? 9376;
  const deployment = new kplus.Deployment(scope, id, {
    replicas: options.autoscaled ? undefined : (options.replicas ?? 2),
    select: false,
    podMetadata: { labels: options.labels },
    securityContext: { user: 65534, group: 65534 },
    containers: [
      {
        name: 'serve-hostname',
        image: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
        args: ['serve-hostname', `--port=${port}`],
        ports: [{ number: port, name: 'http' }],
        securityContext: NOBODY,
        resources: smallResources(),
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/', { port: 'http' }),
      },
    ],
  });
  if (options.selectByLabels ?? true) deployment.select(kplus.LabelSelector.of({ labels: options.labels }));
  return deployment;
}
