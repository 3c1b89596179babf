// Validation for the cluster you run: every version from 1.27 to 1.36, and the boundaries
// where what is valid changes (native sidecars, removed apiVersions, fields added later).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { buildExampleApp } from '../../examples/example-app';
import {
  DEFAULT_KUBERNETES_VERSION,
  formatReport,
  KubecraftApp,
  KubecraftChart,
  KUBERNETES_VERSIONS,
  KubernetesVersion,
  Policy,
  ValidationReport,
} from '../../lib';

const outdir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-versions-')), 'dist');

/** A small valid chart with one Deployment `web`, for a version. */
function webApp(kubernetesVersion: KubernetesVersion): { app: KubecraftApp; web: kplus.Deployment } {
  const app = new KubecraftApp({ outdir: outdir(), printReport: false, kubernetesVersion });
  const chart = new KubecraftChart(app, 'shop');
  const web = new kplus.Deployment(chart, 'web', {
    containers: [
      {
        image: 'ghcr.io/acme/web:1.0.0',
        portNumber: 8080,
        securityContext: { user: 1000 },
        liveness: kplus.Probe.fromTcpSocket(),
        readiness: kplus.Probe.fromTcpSocket(),
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(200) },
          memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
        },
      },
    ],
  });
  return { app, web };
}

const rules = (r: ValidationReport) => r.findings.map((f) => `${f.severity} ${f.rule} ${f.field}`);

describe('the example app validates clean for every Kubernetes version', () => {
  test.each(KUBERNETES_VERSIONS.map((v) => [v]))('Kubernetes %s', (v) => {
    const app = buildExampleApp(new KubecraftApp({ outdir: outdir(), kubernetesVersion: v }));
    const report = app.validate();
    if (report.errors.length > 0) throw new Error(formatReport(report));
    expect(report.errors).toEqual([]);
    expect(report.kubernetesVersion).toBe(v);
  });
});

describe('the target version', () => {
  const saved = process.env.KUBECRAFT_KUBERNETES_VERSION;
  afterEach(() => {
    if (saved === undefined) delete process.env.KUBECRAFT_KUBERNETES_VERSION;
    else process.env.KUBECRAFT_KUBERNETES_VERSION = saved;
  });

  test('defaults to the documented default, shown in the report headline', () => {
    delete process.env.KUBECRAFT_KUBERNETES_VERSION;
    const { app } = webApp(undefined as unknown as KubernetesVersion);
    expect(app.kubernetesVersion).toBe(DEFAULT_KUBERNETES_VERSION);
    expect(formatReport(app.validate())).toMatch(
      new RegExp(`^kubecraft: validation passed \\(Kubernetes ${DEFAULT_KUBERNETES_VERSION.replace('.', '\\.')}\\)`),
    );
  });

  test('KUBECRAFT_KUBERNETES_VERSION overrides the prop', () => {
    process.env.KUBECRAFT_KUBERNETES_VERSION = '1.31';
    expect(webApp('1.27').app.kubernetesVersion).toBe('1.31');
  });

  test('an unsupported version is refused, naming the supported ones', () => {
    delete process.env.KUBECRAFT_KUBERNETES_VERSION;
    expect(() => webApp('1.26' as KubernetesVersion)).toThrow(/unsupported Kubernetes version '1.26'.*1\.27, 1\.28/s);
    process.env.KUBECRAFT_KUBERNETES_VERSION = '2.0';
    expect(() => webApp('1.30')).toThrow(/\$KUBECRAFT_KUBERNETES_VERSION/);
  });
});

describe('boundaries', () => {
  const withSidecar = (v: KubernetesVersion) => {
    const { app, web } = webApp(v);
    ApiObject.of(web).addJsonPatch(
      JsonPatch.add('/spec/template/spec/initContainers', [
        {
          name: 'proxy',
          image: 'ghcr.io/acme/proxy:2.0.0',
          restartPolicy: 'Always',
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
        },
      ]),
    );
    return app.validate();
  };

  test('a native sidecar is refused at 1.28 and accepted at 1.29', () => {
    expect(rules(withSidecar('1.28'))).toEqual([
      'error values/native-sidecar spec.template.spec.initContainers[0].restartPolicy',
    ]);
    expect(withSidecar('1.29').findings).toEqual([]);
  });

  test('at 1.27 the schema has no restartPolicy on containers at all', () => {
    expect(rules(withSidecar('1.27'))).toContain('error schema/invalid spec.template.spec.initContainers[0]');
  });

  test('a native sidecar below 1.29 can be relaxed for a cluster that enables the feature gate', () => {
    const { app, web } = webApp('1.28');
    ApiObject.of(web).addJsonPatch(
      JsonPatch.add('/spec/template/spec/initContainers', [{ name: 'proxy', image: 'p:1', restartPolicy: 'Always' }]),
    );
    Policy.relax(web, 'values/native-sidecar', 'our 1.28 clusters enable SidecarContainers');
    expect(app.validate().errors.filter((e) => e.rule === 'values/native-sidecar')).toEqual([]);
  });

  const flowSchema = (v: KubernetesVersion) => {
    const { app } = webApp(v);
    new ApiObject(app.charts[0], 'fs', {
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
      kind: 'FlowSchema',
      metadata: { name: 'acme' },
      spec: { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 1000 },
    });
    return app.validate();
  };

  test('a removed apiVersion: a deprecation warning before its removal, an error naming the replacement after', () => {
    const before = flowSchema('1.31');
    expect(before.errors).toEqual([]);
    expect(before.warnings.map((w) => [w.rule, w.message])).toEqual([
      ['schema/deprecated-api', expect.stringContaining('removed in 1.32')],
    ]);
    const after = flowSchema('1.32');
    expect(after.errors.map((e) => [e.rule, e.field, e.message, e.hint])).toEqual([
      [
        'schema/removed-api',
        'apiVersion',
        'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is not served by Kubernetes 1.32: removed in 1.32',
        expect.stringContaining('use apiVersion flowcontrol.apiserver.k8s.io/v1'),
      ],
    ]);
  });

  test('a field added in a later version: securityContext.appArmorProfile from 1.30', () => {
    const withAppArmor = (v: KubernetesVersion) => {
      const { app, web } = webApp(v);
      ApiObject.of(web).addJsonPatch(
        JsonPatch.add('/spec/template/spec/securityContext/appArmorProfile', { type: 'RuntimeDefault' }),
      );
      return app.validate();
    };
    expect(rules(withAppArmor('1.29'))).toEqual(['error schema/invalid spec.template.spec.securityContext']);
    expect(withAppArmor('1.30').findings).toEqual([]);
  });

  test('an upgrade check lists exactly what blocks the upgrade', () => {
    // written for 1.27: valid there, with a FlowSchema on an API removed in 1.32
    expect(flowSchema('1.27').errors).toEqual([]);
    const upgrade = flowSchema('1.36');
    expect(upgrade.errors.map((e) => `${e.rule} ${e.object}`)).toEqual(['schema/removed-api FlowSchema acme']);
  });
});
