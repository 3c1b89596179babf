import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DownwardApiVolume, Probes } from '../lib';
import { NOBODY, smallResources } from './non-root';
import { ScenarioChart } from './scenario-chart';

/**
 * Scenario 11 (seeds 000, 001, 003): configuration and storage, all consumed by one
 * Deployment:
 * - a ConfigMap `app-config`, as environment (`envFrom`), as one variable, and as files;
 * - a Secret, referenced by name (`app-credentials`, created outside the app, e.g. by
 *   `kubectl create secret` or an external secrets operator) as one variable and as files;
 *   its values are never written into the manifests;
 * - the downward API: the pod's name and namespace and its memory limit as variables, and
 *   its labels and annotations as files;
 * - a PersistentVolumeClaim `app-data` (1Gi, ReadWriteOnce) mounted at /data, and an
 *   `emptyDir` scratch volume at /tmp.
 *
 * Non-root: busybox as uid 65534, fsGroup 65534 so it can write the claim.
 */
export class ConfigStorageChart extends ScenarioChart {
  public readonly config: kplus.ConfigMap;
  public readonly credentials: kplus.ISecret;
  public readonly claim: kplus.PersistentVolumeClaim;
  public readonly deployment: kplus.Deployment;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'config' });
    this.config = new kplus.ConfigMap(this, 'app-config', {
      data: {
        LOG_LEVEL: 'info',
        GREETING: 'hello from a ConfigMap',
        'app.properties': 'color=blue\nmode=demo\n',
      },
    });
    this.credentials = kplus.Secret.fromSecretName(this, 'app-credentials', 'app-credentials');
    this.claim = new kplus.PersistentVolumeClaim(this, 'app-data', {
      storage: Size.gibibytes(1),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
    });

    const labels = { 'app.kubernetes.io/name': 'config-demo' };
    this.deployment = new kplus.Deployment(this, 'config-demo', {
      replicas: 1,
      select: false,
      podMetadata: { labels, annotations: { 'kubecraft.io/scenario': '11' } },
      securityContext: { user: 65534, group: 65534, fsGroup: 65534 },
      strategy: kplus.DeploymentStrategy.recreate(),
    });
    this.deployment.select(kplus.LabelSelector.of({ labels }));
    const app = this.deployment.addContainer({
      name: 'app',
      image: 'busybox:1.28',
      command: [
        'sh',
        '-c',
        'while true; do cat /etc/config/app.properties /etc/podinfo/labels; date >> /data/visits; sleep 30; done',
      ],
      envVariables: {
        API_TOKEN: kplus.EnvValue.fromSecretValue({ secret: this.credentials, key: 'api-token' }),
        LOG_LEVEL: kplus.EnvValue.fromConfigMap(this.config, 'LOG_LEVEL'),
        POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
        POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE),
        MEMORY_LIMIT: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.MEMORY_LIMIT),
      },
      securityContext: NOBODY,
      resources: smallResources(50, 32),
      liveness: Probes.exec(['sh', '-c', 'test -d /data'], { periodSeconds: Duration.seconds(30) }),
      readiness: Probes.exec(['cat', '/etc/config/app.properties'], { periodSeconds: Duration.seconds(10) }),
    });
    app.env.copyFrom(kplus.Env.fromConfigMap(this.config, 'CONFIG_'));
    app.mount('/etc/config', kplus.Volume.fromConfigMap(this, 'config-volume', this.config), { readOnly: true });
    app.mount('/etc/secrets', kplus.Volume.fromSecret(this, 'secret-volume', this.credentials), { readOnly: true });
    app.mount(
      '/etc/podinfo',
      DownwardApiVolume.fromItems(this, 'podinfo-volume', 'podinfo', [
        { path: 'labels', fieldPath: 'metadata.labels' },
        { path: 'annotations', fieldPath: 'metadata.annotations' },
      ]),
      { readOnly: true },
    );
    app.mount('/data', kplus.Volume.fromPersistentVolumeClaim(this, 'data-volume', this.claim));
    app.mount('/tmp', kplus.Volume.fromEmptyDir(this, 'tmp-volume', 'tmp', { sizeLimit: Size.mebibytes(64) }));
  }
}
