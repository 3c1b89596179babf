// applySecureDefaults: true on upstream manifests: every change kubecraft makes shows in the
// validation report (KubecraftApp.synth() prints it, app.validate() returns it), as information.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { DASHBOARD_MANIFESTS } from '../../examples/dashboard';
import { External, formatReport, KubecraftApp, KubecraftChart, UpstreamManifests, validateChart } from '../../lib';

// a Deployment that meets every policy but the two secure defaults (seccomp, capability drop)
const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
          securityContext: { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true }
          resources:
            requests: { cpu: 10m, memory: 16Mi }
            limits: { cpu: 100m, memory: 64Mi }
          livenessProbe: { tcpSocket: { port: 8080 } }
          readinessProbe: { tcpSocket: { port: 8080 } }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  a: b
`;

function upstreamApp(applySecureDefaults: boolean, outdir?: string) {
  const app = new KubecraftApp({ outdir });
  const chart = new KubecraftChart(app, 'shop');
  External.namespace(chart, 'shop', 'created by the platform team');
  const upstream = new UpstreamManifests(chart, 'upstream', { text: WEB, applySecureDefaults });
  return { app, chart, upstream };
}

const SECCOMP = 'spec.template.spec.securityContext = {"seccompProfile":{"type":"RuntimeDefault"}}';
const CAPS = 'spec.template.spec.containers[0].securityContext.capabilities = {"drop":["ALL"]}';

describe('applySecureDefaults on upstream manifests, in the validation report', () => {
  test('without it, upstream is left as written and the defaults are errors', () => {
    const { app } = upstreamApp(false);
    const report = app.validate();
    expect(report.errors.map((f) => f.rule)).toEqual(['policy/capabilities', 'policy/seccomp']);
    expect(report.info).toEqual([]);
  });

  test('with it, the app is clean and each changed object has one info finding listing the fields set', () => {
    const { app, upstream } = upstreamApp(true);
    const report = app.validate();
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.info).toEqual([
      {
        rule: 'policy/secure-defaults-applied',
        severity: 'info',
        object: 'Deployment shop/web',
        path: 'shop/upstream/Deployment-shop-web',
        field: '',
        message: `applySecureDefaults set 2 fields the manifest left unset: ${CAPS}, ${SECCOMP}`,
        hint: expect.stringMatching(/^to keep the object exactly as written, drop applySecureDefaults/),
        relaxedBy: undefined,
      },
    ]);
    expect(report.findings).toEqual(report.info);
    // the same changes as UpstreamManifests.changes(), object by object
    expect(upstream.changes().map((c) => `${c.field} = ${c.value}`)).toEqual([CAPS, SECCOMP]);
    expect(formatReport(report)).toBe(
      [
        'kubecraft: validation passed (Kubernetes 1.35): 0 warnings, 0 relaxed findings, 1 info finding',
        'changed by kubecraft on request (information):',
        'INFO [policy/secure-defaults-applied] Deployment shop/web (shop/upstream/Deployment-shop-web)',
        `  at <object>: applySecureDefaults set 2 fields the manifest left unset: ${CAPS}, ${SECCOMP}`,
        '  note: to keep the object exactly as written, drop applySecureDefaults and fix the policy findings with modify or relax them with a reason',
      ].join('\n'),
    );
  });

  test('KubecraftApp.synth() prints it and writes the output (information never fails a synth)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-defaults-'));
    const { app } = upstreamApp(true, outdir);
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    const printed = written.join('');
    expect(printed).toContain(
      'kubecraft: validation passed (Kubernetes 1.35): 0 warnings, 0 relaxed findings, 1 info finding',
    );
    expect(printed).toContain(
      'INFO [policy/secure-defaults-applied] Deployment shop/web (shop/upstream/Deployment-shop-web)',
    );
    expect(fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8')).toContain('type: RuntimeDefault');
  });

  test('a render reports what that render changed: a modify that sets the fields leaves nothing to report', () => {
    const { app, upstream } = upstreamApp(true);
    upstream.modify('Deployment', 'web', (d) => {
      d.spec.template.spec.securityContext = { seccompProfile: { type: 'RuntimeDefault' } };
      d.spec.template.spec.containers[0].securityContext = {
        ...d.spec.template.spec.containers[0].securityContext,
        capabilities: { drop: ['ALL'] },
      };
    });
    const report = app.validate();
    expect(report.errors).toEqual([]);
    expect(report.info).toEqual([]);
  });

  test('the Dashboard: one info finding per changed object, matching changes()', () => {
    const chart = new KubecraftChart(new App(), 'c');
    const u = new UpstreamManifests(chart, 'u', { file: DASHBOARD_MANIFESTS, applySecureDefaults: true });
    const report = validateChart(chart);
    const changed = [...new Set(u.changes().map((c) => c.object))];
    expect(changed.length).toBeGreaterThan(0);
    expect(report.info.map((f) => f.object).sort()).toEqual(changed.sort());
    for (const f of report.info) {
      for (const c of u.changes().filter((x) => x.object === f.object)) {
        expect(f.message).toContain(`${c.field} = ${c.value}`);
      }
    }
  });
});
