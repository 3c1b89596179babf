import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Cron, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { KubecraftApp, KubecraftChart, KubernetesVersion, PodDisruptionBudget, Probes } from '../../lib';

/** A small, valid app covering every kind the rules look at; tests break one thing at a time. */
export interface FixtureApp {
  readonly app: KubecraftApp;
  readonly chart: KubecraftChart;
  readonly config: kplus.ConfigMap;
  readonly web: kplus.Deployment;
  readonly service: kplus.Service;
  readonly ingress: kplus.Ingress;
  readonly hpa: kplus.HorizontalPodAutoscaler;
  readonly pdb: PodDisruptionBudget;
  readonly serviceAccount: kplus.ServiceAccount;
  readonly role: kplus.Role;
  readonly binding: kplus.RoleBinding;
  readonly job: kplus.Job;
  readonly cron: kplus.CronJob;
  readonly claim: kplus.PersistentVolumeClaim;
  readonly policy: kplus.NetworkPolicy;
}

export const NON_ROOT: kplus.ContainerSecurityContextProps = { user: 1000, group: 1000 };
export const SMALL: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
  memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
};

export function fixtureApp(kubernetesVersion?: KubernetesVersion): FixtureApp {
  const app = new KubecraftApp({
    kubernetesVersion,
    outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-fx-')), 'dist'),
    printReport: false,
  });
  const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
  new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });
  const config = new kplus.ConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
  const serviceAccount = new kplus.ServiceAccount(chart, 'web-sa');
  const web = new kplus.Deployment(chart, 'web', {
    select: false,
    podMetadata: { labels: { app: 'web' } },
    serviceAccount,
    securityContext: { user: 1000, group: 1000 },
    containers: [
      {
        name: 'web',
        image: 'nginx:1.25.3',
        ports: [{ number: 8080, name: 'http' }],
        securityContext: NON_ROOT,
        resources: SMALL,
        envVariables: { LOG_LEVEL: kplus.EnvValue.fromConfigMap(config, 'LOG_LEVEL') },
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
  web.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
  const service = new kplus.Service(chart, 'web-svc', { ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
  service.selectLabel('app', 'web');
  const ingress = new kplus.Ingress(chart, 'web-ingress', {
    rules: [{ host: 'shop.example.com', path: '/', backend: kplus.IngressBackend.fromService(service, { port: 80 }) }],
  });
  const hpa = new kplus.HorizontalPodAutoscaler(chart, 'web-hpa', { target: web, minReplicas: 2, maxReplicas: 4 });
  const pdb = new PodDisruptionBudget(chart, 'web-pdb', { selector: web, minAvailable: 1 });
  const role = new kplus.Role(chart, 'reader');
  role.allowRead(kplus.ApiResource.PODS);
  const binding = new kplus.RoleBinding(chart, 'reader-binding', { role });
  binding.addSubjects(serviceAccount);
  const job = new kplus.Job(chart, 'migrate', {
    backoffLimit: 2,
    securityContext: { user: 1000, group: 1000 },
    containers: [
      { name: 'migrate', image: 'busybox:1.36', command: ['true'], securityContext: NON_ROOT, resources: SMALL },
    ],
  });
  const cron = new kplus.CronJob(chart, 'report', {
    schedule: Cron.schedule({ minute: '0', hour: '3' }),
    securityContext: { user: 1000, group: 1000 },
    containers: [
      { name: 'report', image: 'busybox:1.36', command: ['true'], securityContext: NON_ROOT, resources: SMALL },
    ],
  });
  const claim = new kplus.PersistentVolumeClaim(chart, 'data', {
    storage: Size.gibibytes(1),
    accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
  });
  const policy = new kplus.NetworkPolicy(chart, 'web-policy', {
    selector: kplus.Pods.select(chart, 'web-pods', { labels: { app: 'web' } }),
    ingress: {
      rules: [
        {
          peer: kplus.Pods.select(chart, 'any-pod', { labels: { role: 'client' } }),
          ports: [kplus.NetworkPolicyPort.tcp(8080)],
        },
      ],
    },
  });
  return {
    app,
    chart,
    config,
    web,
    service,
    ingress,
    hpa,
    pdb,
    serviceAccount,
    role,
    binding,
    job,
    cron,
    claim,
    policy,
  };
}

/** Adds a JSON patch (the cdk8s escape hatch) to a construct's object. */
export function patch(construct: IConstruct, ...ops: JsonPatch[]): void {
  ApiObject.of(construct).addJsonPatch(...ops);
}
