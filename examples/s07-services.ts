import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ScenarioChart } from './scenario-chart';
import { serveHostname } from './serve-hostname';

/**
 * Scenario 7 (seeds 001, 003): `my-service`, selecting `app.kubernetes.io/name: MyApp` and
 * forwarding port 80 (named `http`, TCP) to targetPort 9376, in the three Service types:
 * ClusterIP (`my-service`), NodePort (`my-service-nodeport`, node port 30007) and
 * LoadBalancer (`my-service-lb`).
 *
 * The pods they select exist in this chart: the `myapp` Deployment runs agnhost
 * `serve-hostname`, which answers on 9376 (the Kubernetes docs' backend for this example),
 * as uid 65534.
 */
export class ServicesChart extends ScenarioChart {
  public readonly backend: kplus.Deployment;
  public readonly clusterIp: kplus.Service;
  public readonly nodePort: kplus.Service;
  public readonly loadBalancer: kplus.Service;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'services' });
    const labels = { 'app.kubernetes.io/name': 'MyApp' };
    this.backend = serveHostname(this, 'myapp', { labels });

    const service = (name: string, type: kplus.ServiceType, nodePort?: number): kplus.Service => {
      const svc = new kplus.Service(this, name, {
        type,
        ports: [{ name: 'http', protocol: kplus.Protocol.TCP, port: 80, targetPort: 9376, nodePort }],
      });
      for (const [key, value] of Object.entries(labels)) svc.selectLabel(key, value);
      return svc;
    };
    this.clusterIp = service('my-service', kplus.ServiceType.CLUSTER_IP);
    this.nodePort = service('my-service-nodeport', kplus.ServiceType.NODE_PORT, 30007);
    this.loadBalancer = service('my-service-lb', kplus.ServiceType.LOAD_BALANCER);
  }
}
