// The fields a KubecraftChart leaves out of what it renders because the API server gives them
// the same value (lib/app/server-defaults.ts): each dropped value is the server's default, from
// the official definitions (1.27 to 1.36) and the defaulting code; any other value, upstream
// objects, custom kinds and plain cdk8s charts are kept as they are.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Cron, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Manifest, UpstreamManifests } from '../../lib';
import { DROPPED_SERVER_DEFAULTS, dropServerDefaults } from '../../lib/app/server-defaults';
import { KUBERNETES_VERSIONS, POD_SPEC_PATHS } from '../../lib/core';

/**
 * Each dropped field, the value dropped, and the server's default with its source: the
 * definitions' description (the same in every version) or the defaulting function of
 * kubernetes/kubernetes (`pkg/apis/<group>/v1/defaults.go`), or the Go type for an empty list.
 */
const SERVER_DEFAULTS: readonly {
  readonly field: string;
  readonly dropped: unknown;
  readonly serverDefault: unknown;
  readonly source: string;
}[] = [
  { field: 'PodSpec.hostNetwork on pods', dropped: false, serverDefault: false, source: '"Default to false."' },
  { field: 'PodSpec.setHostnameAsFQDN on pods', dropped: false, serverDefault: false, source: '"Default to false."' },
  {
    field: 'PodSpec.dnsPolicy on pods',
    dropped: 'ClusterFirst',
    serverDefault: 'ClusterFirst',
    source: 'SetDefaults_PodSpec: if obj.DNSPolicy == "" { obj.DNSPolicy = v1.DNSClusterFirst }',
  },
  {
    field: 'PodSpec.restartPolicy on pods',
    dropped: 'Always',
    serverDefault: 'Always',
    source: 'SetDefaults_PodSpec: if obj.RestartPolicy == "" { obj.RestartPolicy = v1.RestartPolicyAlways }',
  },
  {
    field: 'PodSecurityContext.fsGroupChangePolicy on pods',
    dropped: 'Always',
    serverDefault: 'Always',
    source: '"If not specified, "Always" is used."',
  },
  {
    field: 'HostPathVolumeSource.type on pods',
    dropped: '',
    serverDefault: '',
    source: 'SetDefaults_HostPathVolumeSource: obj.Type = &v1.HostPathUnset ("")',
  },
  {
    field: 'PersistentVolumeClaimVolumeSource.readOnly on pods',
    dropped: false,
    serverDefault: false,
    source: '"Default false."',
  },
  { field: 'DeploymentSpec.minReadySeconds on Deployment', dropped: 0, serverDefault: 0, source: '"Defaults to 0"' },
  { field: 'StatefulSetSpec.minReadySeconds on StatefulSet', dropped: 0, serverDefault: 0, source: '"Defaults to 0"' },
  { field: 'DaemonSetSpec.minReadySeconds on DaemonSet', dropped: 0, serverDefault: 0, source: '"Defaults to 0"' },
  { field: 'ReplicaSetSpec.minReadySeconds on ReplicaSet', dropped: 0, serverDefault: 0, source: '"Defaults to 0"' },
  {
    field: 'ReplicationControllerSpec.minReadySeconds on ReplicationController',
    dropped: 0,
    serverDefault: 0,
    source: '"Defaults to 0"',
  },
  {
    field: 'StatefulSetSpec.podManagementPolicy on StatefulSet',
    dropped: 'OrderedReady',
    serverDefault: 'OrderedReady',
    source: 'SetDefaults_StatefulSet: obj.Spec.PodManagementPolicy = appsv1.OrderedReadyPodManagement',
  },
  {
    field: 'PersistentVolumeClaimSpec.volumeMode on StatefulSet',
    dropped: 'Filesystem',
    serverDefault: 'Filesystem',
    source: 'SetDefaults_PersistentVolumeClaimSpec: *obj.VolumeMode = v1.PersistentVolumeFilesystem',
  },
  {
    field: 'PersistentVolumeClaimSpec.volumeMode on PersistentVolumeClaim',
    dropped: 'Filesystem',
    serverDefault: 'Filesystem',
    source: 'SetDefaults_PersistentVolumeClaimSpec: *obj.VolumeMode = v1.PersistentVolumeFilesystem',
  },
  {
    field: 'PersistentVolumeSpec.volumeMode on PersistentVolume',
    dropped: 'Filesystem',
    serverDefault: 'Filesystem',
    source: 'SetDefaults_PersistentVolume: *obj.Spec.VolumeMode = v1.PersistentVolumeFilesystem',
  },
  {
    field: 'CronJobSpec.suspend on CronJob',
    dropped: false,
    serverDefault: false,
    source: 'SetDefaults_CronJob: obj.Spec.Suspend = utilpointer.BoolPtr(false)',
  },
  {
    field: 'ServiceSpec.externalIPs on Service',
    dropped: [],
    serverDefault: [],
    source: 'ExternalIPs []string `json:"externalIPs,omitempty"` (k8s.io/api): an empty list is stored as none',
  },
  {
    field: 'NetworkPolicyIngressRule.ports on NetworkPolicy',
    dropped: [],
    serverDefault: [],
    source: '"If this field is empty or missing, this rule matches all ports"',
  },
  {
    field: 'NetworkPolicyEgressRule.ports on NetworkPolicy',
    dropped: [],
    serverDefault: [],
    source: '"If this field is empty or missing, this rule matches all ports"',
  },
  {
    field: 'PolicyRule.resourceNames on Role, ClusterRole',
    dropped: [],
    serverDefault: [],
    source: '"An empty set means that everything is allowed."',
  },
  {
    field: 'ConfigMap.immutable on ConfigMap',
    dropped: false,
    serverDefault: false,
    source: '"If not set to true, ... Defaulted to nil."',
  },
  {
    field: 'Secret.immutable on Secret',
    dropped: false,
    serverDefault: false,
    source: '"If not set to true, ... Defaulted to nil."',
  },
];

/** `io.k8s.api.core.v1.PodSpec.hostNetwork` → `PodSpec.hostNetwork`. */
const shortName = (definition: string) => definition.split('.').slice(-2).join('.');
/** A dropped field as the table names it: `PodSpec.hostNetwork on pods`, `ConfigMap.immutable on ConfigMap`. */
const fieldOf = (d: (typeof DROPPED_SERVER_DEFAULTS)[number]) =>
  `${shortName(d.definition)} on ${d.in === 'podSpec' ? 'pods' : d.kinds.join(', ')}`;

/** The official definitions, when present (`../shared/k8s` beside the repository, or $KUBECRAFT_K8S_DEFINITIONS). */
const DEFINITIONS_DIR = process.env.KUBECRAFT_K8S_DEFINITIONS ?? path.join(__dirname, '../../../shared/k8s');
const HAVE_DEFINITIONS = KUBERNETES_VERSIONS.every((v) =>
  fs.existsSync(path.join(DEFINITIONS_DIR, `v${v}.0-definitions.json`)),
);

describe('dropped fields: the server default equals the dropped value', () => {
  test('the table lists exactly the dropped fields', () => {
    expect(DROPPED_SERVER_DEFAULTS.map(fieldOf)).toEqual(SERVER_DEFAULTS.map((r) => r.field));
  });

  test.each(SERVER_DEFAULTS.map((r, i) => [r.field, r.serverDefault, r.source, i] as const))(
    '%s: the server default is %j (%s)',
    (_field, serverDefault, _source, i) => {
      expect(SERVER_DEFAULTS[i].dropped).toEqual(serverDefault);
      expect(DROPPED_SERVER_DEFAULTS[i].value).toEqual(serverDefault);
    },
  );

  // the official definitions live beside the repository (../shared/k8s, as .ci/run's check of the
  // generated validators reads them); without them each row is skipped visibly, saying why
  (HAVE_DEFINITIONS ? test.each : test.skip.each)(DROPPED_SERVER_DEFAULTS.map((d) => [d.definition, d.documented]))(
    HAVE_DEFINITIONS
      ? '%s says %s in the definitions of every Kubernetes version'
      : `SKIPPED, no official definitions at ${DEFINITIONS_DIR} (set KUBECRAFT_K8S_DEFINITIONS): %s says %s`,
    (definition, documented) => {
      const [type, prop] = [definition.slice(0, definition.lastIndexOf('.')), definition.split('.').pop()!];
      for (const v of KUBERNETES_VERSIONS) {
        const defs = JSON.parse(fs.readFileSync(path.join(DEFINITIONS_DIR, `v${v}.0-definitions.json`), 'utf8'));
        const description: string | undefined = defs.definitions[type]?.properties?.[prop]?.description;
        expect([v, description?.includes(documented)]).toEqual([v, true]);
      }
    },
  );
});

/** A manifest of `kind` with `value` at the field `d` drops (a one-item list where the path has `*`). */
function manifestWith(d: (typeof DROPPED_SERVER_DEFAULTS)[number], kind: string, value: unknown): Manifest {
  const apiVersion =
    {
      Deployment: 'apps/v1',
      ReplicaSet: 'apps/v1',
      StatefulSet: 'apps/v1',
      DaemonSet: 'apps/v1',
      Job: 'batch/v1',
      CronJob: 'batch/v1',
      NetworkPolicy: 'networking.k8s.io/v1',
      Role: 'rbac.authorization.k8s.io/v1',
      ClusterRole: 'rbac.authorization.k8s.io/v1',
    }[kind] ?? 'v1';
  const fieldPath = d.in === 'podSpec' ? [...POD_SPEC_PATHS[kind], ...d.path] : d.path;
  const build = (segments: readonly string[]): unknown => {
    if (segments.length === 0) return value;
    const [first, ...rest] = segments;
    if (first === '*') return [build(rest)];
    return { [first]: build(rest), keep: 'me' };
  };
  return { apiVersion, kind, metadata: { name: 'x' }, ...(build(fieldPath) as object) };
}

/** The value at the field `d` drops in `m`, or undefined. */
function valueAt(d: (typeof DROPPED_SERVER_DEFAULTS)[number], m: Manifest): unknown {
  const fieldPath = d.in === 'podSpec' ? [...POD_SPEC_PATHS[m.kind], ...d.path] : d.path;
  let cur: any = m;
  for (const seg of fieldPath) cur = seg === '*' ? cur?.[0] : cur?.[seg];
  return cur;
}

const OTHER_VALUE = (value: unknown): unknown =>
  Array.isArray(value) ? ['10.0.0.1'] : typeof value === 'boolean' ? !value : typeof value === 'number' ? 5 : 'Other';

describe('dropServerDefaults', () => {
  const cases = DROPPED_SERVER_DEFAULTS.flatMap((d) =>
    d.kinds.map((kind) => [shortName(d.definition), kind, d] as const),
  );

  test.each(cases)('%s on a %s: the default is dropped, the rest of the object kept', (_f, kind, d) => {
    const m = manifestWith(d, kind, d.value);
    dropServerDefaults([m]);
    expect(valueAt(d, m)).toBeUndefined();
    expect(JSON.stringify(m)).toContain('"keep":"me"');
  });

  test.each(cases)('%s on a %s: any other value is kept', (_f, kind, d) => {
    const m = manifestWith(d, kind, OTHER_VALUE(d.value));
    dropServerDefaults([m]);
    expect(valueAt(d, m)).toEqual(OTHER_VALUE(d.value));
  });

  test("a custom kind's field of the same name is its own", () => {
    const m: Manifest = {
      apiVersion: 'example.com/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { minReadySeconds: 0, template: { spec: { hostNetwork: false } } },
    };
    dropServerDefaults([m]);
    expect(m).toMatchObject({ spec: { minReadySeconds: 0, template: { spec: { hostNetwork: false } } } });
  });

  test("a Job's restartPolicy is never dropped (it must be Never or OnFailure)", () => {
    const job: Manifest = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'x' },
      spec: { template: { spec: { restartPolicy: 'Always', containers: [] } } },
    };
    dropServerDefaults([job]);
    expect(job).toMatchObject({ spec: { template: { spec: { restartPolicy: 'Always' } } } });
  });

  test("a native sidecar's restartPolicy (an init container's) is kept", () => {
    const pod: Manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x' },
      spec: { restartPolicy: 'Always', initContainers: [{ name: 'proxy', image: 'p:1.0.0', restartPolicy: 'Always' }] },
    };
    dropServerDefaults([pod]);
    expect(pod.spec).toEqual({ initContainers: [{ name: 'proxy', image: 'p:1.0.0', restartPolicy: 'Always' }] });
  });
});

describe('a KubecraftChart renders without them', () => {
  const container: kplus.ContainerProps = { image: 'ghcr.io/acme/app:1.0.0', portNumber: 8080 };

  function render(build: (chart: Chart) => void, chart: Chart = new KubecraftChart(Testing.app(), 'shop')): any[] {
    build(chart);
    return Testing.synth(chart);
  }

  test("cdk8s-plus's own defaults are gone", () => {
    const manifests = render((c) => {
      new kplus.Deployment(c, 'web', { containers: [container] });
      new kplus.Service(c, 'svc', { ports: [{ port: 80 }] });
      new kplus.ConfigMap(c, 'conf', { data: { a: 'b' } });
    });
    const [deployment, service, configMap] = ['Deployment', 'Service', 'ConfigMap'].map((k) =>
      manifests.find((m) => m.kind === k),
    );
    const pod = deployment.spec.template.spec;
    for (const field of ['hostNetwork', 'setHostnameAsFQDN', 'dnsPolicy', 'restartPolicy'])
      expect(pod).not.toHaveProperty(field);
    expect(pod.securityContext).not.toHaveProperty('fsGroupChangePolicy');
    expect(deployment.spec).not.toHaveProperty('minReadySeconds');
    expect(service.spec).not.toHaveProperty('externalIPs');
    expect(configMap).not.toHaveProperty('immutable');
    // kept: not the server's default, or chosen deliberately (see DROPPED_SERVER_DEFAULTS)
    expect(pod).toMatchObject({ automountServiceAccountToken: false, terminationGracePeriodSeconds: 30 });
    expect(deployment.spec).toMatchObject({ progressDeadlineSeconds: 600, revisionHistoryLimit: 10 });
    expect(pod.containers[0].securityContext).toMatchObject({ privileged: false, allowPrivilegeEscalation: false });
    expect(service.spec.type).toBe('ClusterIP');
  });

  test('what the user set to anything else is kept', () => {
    const manifests = render((c) => {
      const pvc = kplus.PersistentVolumeClaim.fromClaimName(c, 'claim', 'data');
      new kplus.Deployment(c, 'web', {
        containers: [container],
        hostNetwork: true,
        dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, hostnameAsFQDN: true },
        securityContext: { fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH },
        minReady: Duration.seconds(5),
        volumes: [
          kplus.Volume.fromHostPath(c, 'host', 'host', { path: '/var/log', type: kplus.HostPathVolumeType.DIRECTORY }),
          kplus.Volume.fromPersistentVolumeClaim(c, 'data', pvc, { readOnly: true }),
        ],
      });
      new kplus.Service(c, 'svc', { ports: [{ port: 80 }], externalIPs: ['10.0.0.1'] });
      new kplus.ConfigMap(c, 'conf', { data: { a: 'b' }, immutable: true });
      new kplus.StatefulSet(c, 'db', {
        containers: [container],
        podManagementPolicy: kplus.PodManagementPolicy.PARALLEL,
      });
      new kplus.CronJob(c, 'cron', {
        containers: [container],
        schedule: Cron.daily(),
        suspend: true,
      });
    });
    const deployment = manifests.find((m) => m.kind === 'Deployment');
    expect(deployment.spec.minReadySeconds).toBe(5);
    expect(deployment.spec.template.spec).toMatchObject({
      hostNetwork: true,
      dnsPolicy: 'ClusterFirstWithHostNet',
      setHostnameAsFQDN: true,
      securityContext: { fsGroupChangePolicy: 'OnRootMismatch' },
      volumes: [
        { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
        { name: 'pvc-data', persistentVolumeClaim: { claimName: 'data', readOnly: true } },
      ],
    });
    expect(manifests.find((m) => m.kind === 'Service').spec.externalIPs).toEqual(['10.0.0.1']);
    expect(manifests.find((m) => m.kind === 'ConfigMap').immutable).toBe(true);
    expect(manifests.find((m) => m.kind === 'StatefulSet').spec.podManagementPolicy).toBe('Parallel');
    expect(manifests.find((m) => m.kind === 'CronJob').spec.suspend).toBe(true);
  });

  test('upstream objects stay as upstream wrote them', () => {
    const [cm] = render((c) => {
      new UpstreamManifests(c, 'upstream', {
        text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: upstream\ndata:\n  a: b\nimmutable: false\n',
      });
    });
    expect(cm.immutable).toBe(false);
  });

  test('a plain cdk8s Chart is left alone', () => {
    const [cm] = render(
      (c) =>
        new ApiObject(c, 'conf', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, immutable: false }),
      new Chart(Testing.app(), 'plain'),
    );
    expect(cm.immutable).toBe(false);
  });
});
