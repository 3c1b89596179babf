import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Probes } from '../lib';
import { NOBODY, smallResources } from './non-root';
import { ScenarioChart } from './scenario-chart';
import { serveHostname } from './serve-hostname';

/**
 * Scenario 1 (seed 003): the `myapp-pod` Pod whose two init containers wait, in order, until
 * the `myservice` and `mydb` Services resolve in cluster DNS; then the main container starts.
 *
 * Both Services exist in this chart, each backed by a small agnhost `serve-hostname`
 * Deployment (the Kubernetes docs' backends for this example), and the DNS names the init
 * containers wait for are built from the Service objects, never typed by hand.
 *
 * Non-root: busybox runs as root by default; here every busybox container runs as
 * uid 65534 (nobody). `nslookup`, `echo` and `sleep` need no writable path.
 */
export class MyAppPodChart extends ScenarioChart {
  public readonly pod: kplus.Pod;
  public readonly myService: kplus.Service;
  public readonly myDb: kplus.Service;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'myapp' });

    this.myService = this.backedService('myservice', 9376);
    this.myDb = this.backedService('mydb', 9377);

    this.pod = new kplus.Pod(this, 'myapp-pod', {
      metadata: { labels: { 'app.kubernetes.io/name': 'MyApp' } },
      securityContext: { user: 65534, group: 65534 },
      containers: [
        {
          name: 'myapp-container',
          image: 'busybox:1.28',
          command: ['sh', '-c', 'echo The app is running! && sleep 3600'],
          securityContext: NOBODY,
          resources: smallResources(50, 16),
          // The main container has no port; "alive" means its shell is still running.
          liveness: Probes.exec(['sh', '-c', 'true'], { periodSeconds: Duration.seconds(30) }),
          readiness: Probes.exec(['sh', '-c', 'true'], { periodSeconds: Duration.seconds(30) }),
        },
      ],
      initContainers: [this.waitFor('init-myservice', this.myService), this.waitFor('init-mydb', this.myDb)],
    });
  }

  /** An init container that loops until `service`'s DNS name resolves. */
  private waitFor(name: string, service: kplus.Service): kplus.ContainerProps {
    const dns = `${service.name}.$(POD_NAMESPACE).svc.cluster.local`;
    return {
      name,
      image: 'busybox:1.28',
      command: ['sh', '-c', `until nslookup ${dns}; do echo waiting for ${service.name}; sleep 2; done`],
      envVariables: { POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE) },
      securityContext: NOBODY,
      resources: smallResources(50, 16),
    };
  }

  /** A ClusterIP Service named `name` on port 80, backed by agnhost serve-hostname on `port`. */
  private backedService(name: string, port: number): kplus.Service {
    serveHostname(this, `${name}-backend`, { labels: { 'app.kubernetes.io/name': name }, port, replicas: 1 });
    const service = new kplus.Service(this, name, { ports: [{ port: 80, targetPort: port, name: 'http' }] });
    service.selectLabel('app.kubernetes.io/name', name);
    return service;
  }
}
