import {
  apiLifecycle,
  DEFAULT_KUBERNETES_VERSION,
  isKubernetesVersion,
  KUBERNETES_VERSIONS,
  KubernetesVersion,
  preloadSchemas,
  schemaKinds,
  schemaValidatorFor,
} from '../../lib/validation/schema';
import { guideRemovals } from '../../lib/validation/schema/api-lifecycle';
import { INPUTS } from '../../lib/validation/schema/generated/index';
import { CRD_KINDS, SERVED_IN } from '../../lib/validation/schema/generated/served';
import { minorOf } from '../../lib/validation/schema/versions';

const ALL = [...KUBERNETES_VERSIONS];
const labels = { app: 'web' };

function deployment(podSpec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.25.3',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            },
          ],
          ...podSpec,
        },
      },
    },
  };
}

function validate(obj: Record<string, unknown>, version: KubernetesVersion): string[] {
  const v = schemaValidatorFor(String(obj.apiVersion), String(obj.kind), version);
  if (!v) throw new Error(`no validator for ${String(obj.kind)} in ${version}`);
  // params.known (the fields of an object with an unknown one) is tested in messages.test.ts
  const params = (p: Record<string, unknown>) =>
    JSON.stringify(p, (key, value: unknown) => (key === 'known' ? undefined : value));
  return v(obj) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${params(e.params)}`);
}

describe('Kubernetes versions', () => {
  test('1.27 through 1.36, oldest first, each generated from its own definitions', () => {
    expect(ALL).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
    expect(INPUTS.filter((i) => i.kubernetesVersion).map((i) => [i.file, i.kubernetesVersion])).toEqual(
      ALL.map((v) => [`v${v}.0-definitions.json`, v]),
    );
    for (const input of INPUTS) expect(input.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('isKubernetesVersion and the default', () => {
    expect(isKubernetesVersion('1.33')).toBe(true);
    expect(isKubernetesVersion('1.26')).toBe(false);
    expect(isKubernetesVersion('1.33.0')).toBe(false);
    expect(isKubernetesVersion(1.33)).toBe(false);
    expect(isKubernetesVersion(DEFAULT_KUBERNETES_VERSION)).toBe(true);
  });

  test('an unsupported version is an error, not a silent default', () => {
    expect(() => schemaValidatorFor('apps/v1', 'Deployment', '1.20')).toThrow(/unsupported Kubernetes version '1.20'/);
    expect(() => apiLifecycle('apps/v1', 'Deployment', 'latest')).toThrow(/supported: 1.27, 1.28/);
  });

  test.each(ALL)('%s: every validator loads', (version) => {
    const count = preloadSchemas(version);
    expect(count).toBeGreaterThan(400);
    const kinds = schemaKinds(version);
    expect(kinds).toContain('apps/v1/Deployment');
    expect(kinds).toContain('ceph.rook.io/v1/CephCluster');
    for (const key of kinds) {
      const slash = key.lastIndexOf('/');
      expect(typeof schemaValidatorFor(key.slice(0, slash), key.slice(slash + 1), version)).toBe('function');
    }
  });

  test.each(ALL)('%s: a Deployment validates, and an unknown field or a bad enum value does not', (version) => {
    expect(validate(deployment(), version)).toEqual([]);
    expect(validate(deployment({ hostnam: 'x' }), version)).toEqual([
      '/spec/template/spec additionalProperties {"additionalProperty":"hostnam"}',
    ]);
    expect(validate(deployment({ restartPolicy: 'Sometimes' }), version)).toEqual([
      '/spec/template/spec/restartPolicy enum {"allowedValues":["Always","OnFailure","Never"]}',
    ]);
  });

  test('the version defaults to DEFAULT_KUBERNETES_VERSION (the old two-argument call)', () => {
    expect(schemaValidatorFor('apps/v1', 'Deployment')).toBe(
      schemaValidatorFor('apps/v1', 'Deployment', DEFAULT_KUBERNETES_VERSION),
    );
    expect(schemaValidatorFor('apps/v1', 'Deplyment')).toBeUndefined();
  });

  test('validators of different versions do not leak into each other', () => {
    const withAppArmor = deployment({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } });
    // interleaved on purpose: shared code, per-version references
    expect(validate(withAppArmor, '1.36')).toEqual([]);
    expect(validate(withAppArmor, '1.29')).toHaveLength(1);
    expect(validate(withAppArmor, '1.30')).toEqual([]);
    expect(validate(withAppArmor, '1.29')).toHaveLength(1);
  });
});

describe('schema boundaries between versions, as the definitions have them', () => {
  const sidecar = deployment({
    initContainers: [{ name: 'proxy', image: 'envoy:1.30.1', restartPolicy: 'Always' }],
  });
  // The definitions add Container.restartPolicy in 1.28 (the SidecarContainers feature gate,
  // alpha in 1.28, is on by default from 1.29; an API server with the gate off drops the field).
  test.each(ALL)('%s: an init container with restartPolicy Always', (version) => {
    if (version === '1.27') {
      expect(validate(sidecar, version)).toEqual([
        '/spec/template/spec/initContainers/0 additionalProperties {"additionalProperty":"restartPolicy"}',
      ]);
    } else {
      expect(validate(sidecar, version)).toEqual([]);
    }
  });

  const appArmor = deployment({
    securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
  });
  test.each(ALL)('%s: securityContext.appArmorProfile', (version) => {
    if (minorOf(version) < 30) {
      expect(validate(appArmor, version)).toEqual([
        '/spec/template/spec/securityContext additionalProperties {"additionalProperty":"appArmorProfile"}',
      ]);
    } else {
      expect(validate(appArmor, version)).toEqual([]);
    }
  });

  test('the enum overlay follows the definitions: toleration operators Lt and Gt from 1.35', () => {
    const tolerating = deployment({ tolerations: [{ key: 'cpus', operator: 'Gt', value: '4' }] });
    expect(validate(tolerating, '1.34')).toHaveLength(1);
    expect(validate(tolerating, '1.35')).toEqual([]);
  });

  test('custom resources validate in every version, with that version’s ObjectMeta', () => {
    const ceph = {
      apiVersion: 'ceph.rook.io/v1',
      kind: 'CephCluster',
      metadata: { name: 'rook', namespace: 'rook-ceph' },
      spec: { cephVersion: { image: 'quay.io/ceph/ceph:v18.2.2' }, dataDirHostPath: '/var/lib/rook' },
    };
    for (const version of ALL) expect(validate(ceph, version)).toEqual([]);
    expect(validate({ ...ceph, spec: { ...ceph.spec, dataDirHostPat: 'x' } }, '1.36')).toEqual([
      '/spec additionalProperties {"additionalProperty":"dataDirHostPat"}',
    ]);
  });
});

describe('apiLifecycle', () => {
  test('policy/v1beta1 PodDisruptionBudget: removed in 1.25, use policy/v1', () => {
    for (const version of ALL) {
      expect(apiLifecycle('policy/v1beta1', 'PodDisruptionBudget', version)).toEqual({
        status: 'removed',
        removedIn: '1.25',
        replacement: 'policy/v1',
      });
    }
    expect(apiLifecycle('policy/v1', 'PodDisruptionBudget', '1.27')).toEqual({ status: 'served' });
  });

  test('flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema: served to 1.31, removed in 1.32', () => {
    expect(SERVED_IN['flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema']).toEqual([
      '1.27',
      '1.28',
      '1.29',
      '1.30',
      '1.31',
    ]);
    expect(apiLifecycle('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.28')).toEqual({
      status: 'served',
      removedIn: '1.32',
    });
    expect(apiLifecycle('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')).toEqual({
      status: 'deprecated',
      deprecatedIn: '1.29',
      removedIn: '1.32',
      replacement: 'flowcontrol.apiserver.k8s.io/v1',
    });
    expect(apiLifecycle('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.32')).toEqual({
      status: 'removed',
      removedIn: '1.32',
      replacement: 'flowcontrol.apiserver.k8s.io/v1',
    });
    expect(schemaValidatorFor('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')).toBeDefined();
    expect(schemaValidatorFor('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.32')).toBeUndefined();
  });

  test('removals before 1.27, from the Deprecated API Migration Guide', () => {
    for (const apiVersion of ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2']) {
      expect(apiLifecycle(apiVersion, 'Deployment', '1.27')).toEqual({
        status: 'removed',
        removedIn: '1.16',
        replacement: 'apps/v1',
      });
    }
    expect(apiLifecycle('batch/v1beta1', 'CronJob', '1.30')).toMatchObject({
      removedIn: '1.25',
      replacement: 'batch/v1',
    });
    expect(apiLifecycle('networking.k8s.io/v1beta1', 'Ingress', '1.30')).toMatchObject({
      status: 'removed',
      removedIn: '1.22',
      replacement: 'networking.k8s.io/v1',
    });
    expect(apiLifecycle('policy/v1beta1', 'PodSecurityPolicy', '1.30')).toMatchObject({
      status: 'removed',
      removedIn: '1.25',
    });
  });

  test('removals the definitions show but the guide does not list', () => {
    expect(apiLifecycle('authentication.k8s.io/v1beta1', 'SelfSubjectReview', '1.30')).toEqual({
      status: 'deprecated',
      deprecatedIn: '1.28',
      removedIn: '1.33',
      replacement: 'authentication.k8s.io/v1',
    });
    expect(apiLifecycle('resource.k8s.io/v1alpha2', 'ResourceClaim', '1.36')).toEqual({
      status: 'removed',
      removedIn: '1.31',
      replacement: 'resource.k8s.io/v1',
    });
  });

  test('unknown: misspelt, or not yet served', () => {
    expect(apiLifecycle('apps/v1', 'Deplyment', '1.30')).toEqual({ status: 'unknown' });
    expect(apiLifecycle('apps/v2', 'Deployment', '1.30')).toEqual({ status: 'unknown' });
    expect(apiLifecycle('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicy', '1.35')).toEqual({
      status: 'unknown',
      introducedIn: '1.36',
    });
  });

  test('stable kinds are served everywhere; imported CRDs are served', () => {
    for (const version of ALL) {
      for (const [apiVersion, kind] of [
        ['apps/v1', 'Deployment'],
        ['v1', 'Service'],
        ['batch/v1', 'CronJob'],
        ['networking.k8s.io/v1', 'Ingress'],
      ]) {
        expect(apiLifecycle(apiVersion, kind, version)).toEqual({ status: 'served' });
      }
    }
    expect(CRD_KINDS).toContain('ceph.rook.io/v1/CephCluster');
    expect(apiLifecycle('ceph.rook.io/v1', 'CephCluster', '1.27')).toEqual({ status: 'served' });
  });

  test('the guide agrees with the definitions on every removal within 1.27–1.36', () => {
    for (const [key, removedIn] of Object.entries(guideRemovals())) {
      const servedIn = SERVED_IN[key] ?? [];
      const expected = ALL.filter((v) => minorOf(v) < minorOf(removedIn));
      expect([key, servedIn]).toEqual([key, expected]);
    }
  });

  test('every kind a version has a schema for is served (or deprecated) in that version', () => {
    for (const version of ALL) {
      for (const key of schemaKinds(version)) {
        const slash = key.lastIndexOf('/');
        const { status } = apiLifecycle(key.slice(0, slash), key.slice(slash + 1), version);
        expect([key, version, ['served', 'deprecated'].includes(status)]).toEqual([key, version, true]);
      }
    }
  });
});
