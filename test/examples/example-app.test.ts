import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cron, Testing } from 'cdk8s';
import { buildExampleApp } from '../../examples/example-app';
import { PiJobsChart } from '../../examples/s06-pi-jobs';
import { ARGOCD_SYNC_WAVE_ANNOTATION, KubecraftApp, Manifest, Selector, UpstreamManifests } from '../../lib';
import { toOutputFiles } from '../../lib/app/kubecraft-app';
import { SERVED_IN } from '../../lib/validation/schema/generated/served';
import { container, find, podSpec } from '../support/manifests';

function render() {
  const app = buildExampleApp(new KubecraftApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'kc-')) }));
  return { app, files: app.render() };
}

const { files } = render();
const byFile = new Map(files.map((f) => [f.fileName, f.objects.map((o) => o.manifest)]));
function chart(file: string): Manifest[] {
  const m = byFile.get(`${file}.k8s.yaml`);
  if (!m) throw new Error(`no chart file ${file}`);
  return m;
}

describe('example app', () => {
  test('one file per scenario chart', () => {
    expect([...byFile.keys()]).toEqual([
      '01-myapp-pod.k8s.yaml',
      '02-probes.k8s.yaml',
      '03-frontend-replicaset.k8s.yaml',
      '04-nginx-deployment.k8s.yaml',
      '05-fluentd-daemonset.k8s.yaml',
      '06-pi-jobs.k8s.yaml',
      '07-services.k8s.yaml',
      '08-label-selectors.k8s.yaml',
      '09-nmt-three-tier.k8s.yaml',
      '10-rook-ceph.k8s.yaml',
      '11-config-storage.k8s.yaml',
      '12-cluster-resources.k8s.yaml',
      '13-statefulset.k8s.yaml',
      'dashboard.k8s.yaml',
      'rook-operator.k8s.yaml',
      'bookinfo.k8s.yaml',
      'sock-shop.k8s.yaml',
      'dev/guestbook.k8s.yaml',
      'staging/guestbook.k8s.yaml',
      'prod/guestbook.k8s.yaml',
      // the guestbook's delivery to its four clusters (examples/guestbook-delivery.ts)
      'argocd/guestbook.k8s.yaml',
      'flux-dev/guestbook.k8s.yaml',
      'flux-staging/guestbook.k8s.yaml',
      'flux-prod-eu/guestbook.k8s.yaml',
      'flux-prod-us/guestbook.k8s.yaml',
    ]);
  });

  test.each(toOutputFiles(files).map((f) => [f.relativePath, f.content]))(
    '%s matches its snapshot',
    (_name, content) => {
      expect(content).toMatchSnapshot();
    },
  );

  test('every object has apiVersion, kind and metadata.name, and no hashed names', () => {
    for (const [, manifests] of byFile) {
      for (const m of manifests) {
        expect(m.apiVersion).toEqual(expect.any(String));
        expect(m.kind).toEqual(expect.any(String));
        expect(m.metadata.name).toEqual(expect.any(String));
        expect(m.metadata.name).not.toMatch(/-c8[0-9a-f]{6}$/);
      }
    }
  });

  test('synthesis is deterministic: two synths write byte-identical files', () => {
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'kc-det-')));
    for (const dir of dirs) buildExampleApp(new KubecraftApp({ outdir: dir, printReport: false })).synth();
    const read = (dir: string) =>
      (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
    expect(read(dirs[0])).toEqual(read(dirs[1]));
    const written = read(dirs[0]).map(([f]) => f);
    // each chart's file (none of them holds only CRDs and Namespaces, which go to setup/)
    expect(written.filter((f) => !f.includes('/'))).toEqual(
      [...byFile.keys()]
        .filter((f) => !f.includes('/'))
        .concat('Kustomization')
        .sort(),
    );
    expect(written.filter((f) => f.startsWith('setup/'))).toEqual(
      [...byFile.keys()]
        .filter(
          (f) =>
            !f.includes('/') && byFile.get(f)!.some((m) => ['Namespace', 'CustomResourceDefinition'].includes(m.kind)),
        )
        .map((f) => `setup/${f}`)
        .concat('setup/Kustomization')
        .sort(),
    );
    expect(written.filter((f) => f.startsWith('prod/'))).toEqual([
      'prod/Kustomization',
      'prod/guestbook.k8s.yaml',
      'prod/setup/Kustomization',
      'prod/setup/guestbook.k8s.yaml',
    ]);
  });

  test('every workload selector matches its own pod template labels', () => {
    let checked = 0;
    for (const [, manifests] of byFile) {
      for (const m of manifests as any[]) {
        if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(m.kind)) continue;
        expect(Selector.matches(m.spec.selector, m.spec.template.metadata.labels)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(47); // 24, plus upstream's 3, bookinfo's 6 and sock-shop's 14
  });

  test('the whole app validates with zero errors and zero warnings; every relaxation has its reason', () => {
    const report = render().app.validate();
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    // the guestbook's sample images exist under major tags only (v5, v2): relaxed, in each environment
    const sampleImages = [
      ['policy/image-pinned', 'Deployment guestbook-app/frontend'],
      ['policy/image-pinned', 'StatefulSet guestbook-app/redis-follower'],
    ];
    expect(report.relaxed.map((f) => [f.rule, f.object])).toEqual([
      ['policy/image-pinned', 'ReplicaSet guestbook/frontend'],
      ['policy/host-path', 'Deployment nginx/nginx-hostpath'],
      ['policy/run-as-non-root', 'DaemonSet kube-system/fluentd-elasticsearch'],
      ['policy/host-path', 'DaemonSet kube-system/fluentd-elasticsearch'],
      // Argo CD's ApplicationSet and AppProject CRDs are not vendored (crds/gitops/README.md): checked by their typed props
      ['schema/unknown-kind', 'ApplicationSet argocd/guestbook'],
      ['schema/unknown-kind', 'AppProject argocd/guestbook'],
      ['policy/plaintext-secret', 'Secret kubernetes-dashboard/kubernetes-dashboard-csrf'],
      ...sampleImages,
      ...sampleImages,
      ['policy/probes', 'Deployment rook-ceph/rook-ceph-operator'],
      ['policy/read-only-root-fs', 'Deployment rook-ceph/rook-ceph-operator'],
      // sock-shop: StatefulServices have no liveness probe unless asked; rabbitmq 3.6 writes its config
      ['policy/probes', 'StatefulSet sock-shop/carts-db'],
      ['policy/probes', 'StatefulSet sock-shop/catalogue-db'],
      ['policy/probes', 'StatefulSet sock-shop/orders-db'],
      ['policy/probes', 'StatefulSet sock-shop/rabbitmq'],
      ['policy/read-only-root-fs', 'StatefulSet sock-shop/rabbitmq'],
      ['policy/probes', 'StatefulSet sock-shop/session-db'],
      ['policy/probes', 'StatefulSet sock-shop/user-db'],
      ...sampleImages,
    ]);
    for (const f of report.relaxed) expect(f.relaxedBy!.reason.length).toBeGreaterThan(20);
  });

  test('every object can be applied: its kind is built into Kubernetes 1.35, defined by a CRD of its own output folder, or, in a delivery folder, one of the GitOps engine that runs there (installed with its CRDs)', () => {
    const builtIn = new Set(Object.keys(SERVED_IN).filter((k) => SERVED_IN[k].includes('1.35')));
    const engineKinds: Record<string, RegExp> = {
      argocd: /^argoproj\.io\/v1alpha1\/(Application|ApplicationSet|AppProject)$/,
      flux: /^(source|kustomize|helm)\.toolkit\.fluxcd\.io\/v[0-9a-z]+\/(GitRepository|OCIRepository|Kustomization|HelmRelease)$/,
    };
    for (const folder of [...new Set(files.map((f) => f.folder))]) {
      const engine =
        folder === 'argocd' ? engineKinds.argocd : folder.startsWith('flux-') ? engineKinds.flux : undefined;
      const objects = files.filter((f) => f.folder === folder).flatMap((f) => f.objects.map((o) => o.manifest));
      const fromCrds = new Set(
        objects
          .filter((m) => m.kind === 'CustomResourceDefinition')
          .flatMap((crd: any) =>
            crd.spec.versions.map((v: any) => `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`),
          ),
      );
      const unappliable = objects
        .filter((m) => !fromCrds.has(`${m.apiVersion}/${m.kind}`) && !builtIn.has(`${m.apiVersion}/${m.kind}`))
        .filter((m) => !engine?.test(`${m.apiVersion}/${m.kind}`))
        .map((m) => `${m.apiVersion} ${m.kind} ${m.metadata.name}`);
      expect(unappliable).toEqual([]);
    }
  });

  test('the csi.ceph.io objects of Rook operator.yaml are left out, with the reason', () => {
    const rook = render()
      .app.node.findAll()
      .find((c) => c instanceof UpstreamManifests && c.node.id === 'operator');
    expect((rook as UpstreamManifests).excluded).toEqual([
      expect.stringMatching(
        /^Driver rook-ceph\/rook-ceph.rbd.csi.ceph.com: its CRD \(csi.ceph.io\) ships with the ceph-csi-operator/,
      ),
      expect.stringMatching(/^Driver rook-ceph\/rook-ceph.cephfs.csi.ceph.com: /),
      expect.stringMatching(/^OperatorConfig rook-ceph\/ceph-csi-operator-config: /),
    ]);
  });

  test('every pod meets the restricted profile, except the relaxed log agent', () => {
    for (const [file, manifests] of byFile) {
      for (const m of manifests as any[]) {
        if (!['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].includes(m.kind))
          continue;
        const spec = podSpec(m);
        expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
        for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
          expect(c.securityContext.capabilities).toEqual({ drop: ['ALL'] });
          expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
          // relaxed, each with its reason: the Rook operator (examples/rook-operator.ts) and rabbitmq (sock-shop)
          const writable =
            file === 'rook-operator.k8s.yaml' || (file === 'sock-shop.k8s.yaml' && c.name === 'rabbitmq');
          if (!writable) expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
          if (file !== '05-fluentd-daemonset.k8s.yaml') {
            expect(c.securityContext.runAsNonRoot).toBe(true);
            expect(c.securityContext.runAsUser).toBeGreaterThan(0);
          }
          expect(c.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
          expect(c.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
          expect(c.image).toMatch(/:[^:/]+$/);
          expect(c.image).not.toMatch(/:latest$/);
        }
      }
    }
  });
});

describe('scenario 1: myapp-pod with init containers', () => {
  const m = chart('01-myapp-pod');
  const pod = find(m, 'Pod', 'myapp-pod');

  test('main container runs the seed command', () => {
    expect(pod.metadata.labels['app.kubernetes.io/name']).toBe('MyApp');
    expect(container(pod.spec, 'myapp-container')).toMatchObject({
      image: 'busybox:1.28',
      command: ['sh', '-c', 'echo The app is running! && sleep 3600'],
    });
  });

  test('init containers run in order, wait on the Service DNS names, and carry no probes', () => {
    expect(pod.spec.initContainers.map((c: any) => c.name)).toEqual(['init-myservice', 'init-mydb']);
    expect(pod.spec.initContainers[0].command[2]).toContain('nslookup myservice.$(POD_NAMESPACE).svc.cluster.local');
    expect(pod.spec.initContainers[1].command[2]).toContain('nslookup mydb.$(POD_NAMESPACE).svc.cluster.local');
    for (const c of pod.spec.initContainers) {
      expect(c.livenessProbe).toBeUndefined();
      expect(c.readinessProbe).toBeUndefined();
      expect(c.startupProbe).toBeUndefined();
    }
    const names = [...pod.spec.initContainers, ...pod.spec.containers].map((c: any) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('the Services it waits for exist and select running backends', () => {
    for (const [svc, port] of [
      ['myservice', 9376],
      ['mydb', 9377],
    ] as const) {
      const service = find(m, 'Service', svc);
      expect(service.spec.ports[0]).toMatchObject({ port: 80, targetPort: port });
      const backend = find(m, 'Deployment', `${svc}-backend`);
      expect(Selector.matches({ matchLabels: service.spec.selector }, backend.spec.template.metadata.labels)).toBe(
        true,
      );
      expect(backend.spec.template.spec.containers[0].ports[0].containerPort).toBe(port);
    }
  });
});

describe('scenario 2: probes of every kind', () => {
  const m = chart('02-probes');
  test('exec liveness: cat /tmp/healthy, initialDelay 5, period 5', () => {
    const c = container(podSpec(find(m, 'Pod', 'liveness-exec')), 'liveness');
    expect(c.livenessProbe).toEqual({
      exec: { command: ['cat', '/tmp/healthy'] },
      failureThreshold: 3,
      initialDelaySeconds: 5,
      periodSeconds: 5,
    });
    expect(c.volumeMounts).toEqual([expect.objectContaining({ mountPath: '/tmp' })]);
  });
  test('httpGet liveness on the named port with a custom header; startup probe', () => {
    const c = container(podSpec(find(m, 'Pod', 'liveness-http')), 'liveness');
    expect(c.image).toBe('registry.k8s.io/e2e-test-images/agnhost:2.40');
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'liveness-port' }]);
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/healthz', port: 'liveness-port', httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }] },
      failureThreshold: 3,
      initialDelaySeconds: 3,
      periodSeconds: 3,
    });
    expect(c.startupProbe).toEqual({
      httpGet: { path: '/healthz', port: 'liveness-port' },
      failureThreshold: 30,
      periodSeconds: 10,
    });
  });
  test('tcpSocket readiness and liveness on 8080', () => {
    const c = container(podSpec(find(m, 'Pod', 'goproxy')), 'goproxy');
    expect(c.readinessProbe).toEqual({
      tcpSocket: { port: 8080 },
      failureThreshold: 3,
      initialDelaySeconds: 5,
      periodSeconds: 10,
    });
    expect(c.livenessProbe).toEqual({
      tcpSocket: { port: 8080 },
      failureThreshold: 3,
      initialDelaySeconds: 15,
      periodSeconds: 10,
    });
  });
  test('gRPC liveness on 2379, initialDelay 10', () => {
    const c = container(podSpec(find(m, 'Pod', 'etcd-with-grpc')), 'etcd');
    expect(c.livenessProbe).toEqual({ grpc: { port: 2379 }, failureThreshold: 3, initialDelaySeconds: 10 });
  });
});

describe('scenario 3: frontend ReplicaSet', () => {
  const rs = find(chart('03-frontend-replicaset'), 'ReplicaSet', 'frontend');
  test('3 replicas, tier: frontend selector matching the template, labels on the object', () => {
    expect(rs.apiVersion).toBe('apps/v1');
    expect(rs.spec.replicas).toBe(3);
    expect(rs.metadata.labels).toEqual({ app: 'guestbook', tier: 'frontend' });
    expect(rs.spec.selector).toEqual({ matchLabels: { tier: 'frontend' } });
    expect(rs.spec.template.metadata.labels.tier).toBe('frontend');
    expect(rs.spec.template.spec.containers[0].image).toBe(
      'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5',
    );
  });
});

describe('scenario 4: nginx-deployment', () => {
  const m = chart('04-nginx-deployment');
  test('nginx 1.14.2, 3 replicas, port 80, app: nginx, rolling update 25%/25%', () => {
    const d = find(m, 'Deployment', 'nginx-deployment');
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.selector.matchLabels.app).toBe('nginx');
    expect(d.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    const c = d.spec.template.spec.containers[0];
    expect(c.image).toBe('nginx:1.14.2');
    expect(c.ports[0].containerPort).toBe(80);
    expect(c.securityContext.runAsUser).toBe(101);
    expect(d.spec.template.spec.securityContext.sysctls).toEqual([
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
    ]);
  });
  test('the hostPath variant mounts the host directory at /usr/share/nginx/html', () => {
    const d = find(m, 'Deployment', 'nginx-hostpath');
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.17.0');
    const vol = d.spec.template.spec.volumes.find((v: any) => v.hostPath);
    expect(vol.hostPath.path).toBe('/srv/www/html');
    expect(d.spec.template.spec.containers[0].volumeMounts).toContainEqual({
      name: vol.name,
      mountPath: '/usr/share/nginx/html',
      readOnly: true,
    });
  });
});

describe('scenario 5: fluentd DaemonSet', () => {
  const ds = find(chart('05-fluentd-daemonset'), 'DaemonSet', 'fluentd-elasticsearch');
  test('in kube-system, tolerating control-plane taints', () => {
    expect(ds.metadata.namespace).toBe('kube-system');
    expect(ds.spec.template.spec.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });
  test('resources, hostPath /var/log and grace period as the seed', () => {
    const c = ds.spec.template.spec.containers[0];
    expect(c.resources.limits.memory).toBe('200Mi');
    expect(c.resources.requests).toEqual({ cpu: '100m', memory: '200Mi' });
    const varlog = ds.spec.template.spec.volumes.find((v: any) => v.hostPath?.path === '/var/log');
    expect(c.volumeMounts).toContainEqual({ name: varlog.name, mountPath: '/var/log' });
    expect(ds.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
  });
});

describe('scenario 6: pi Job and CronJob', () => {
  const m = chart('06-pi-jobs');
  test('pi Job: perl 5.34.0, restartPolicy Never, backoffLimit 4', () => {
    const job = find(m, 'Job', 'pi');
    expect(job.spec.backoffLimit).toBe(4);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.containers[0]).toMatchObject({
      image: 'perl:5.34.0',
      command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
    });
  });
  test('an invalid cron schedule is rejected at synth, naming the construct and field', () => {
    const app = new KubecraftApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'kc-cron-')) });
    new PiJobsChart(app, '06-pi-jobs', { schedule: Cron.schedule({ minute: '61' }) });
    expect(() => app.synth()).toThrow(
      /\[values\/cron\] CronJob batch\/hello \(06-pi-jobs\/hello\/Resource\)\n  at spec.schedule: schedule '61 \* \* \* \*'/,
    );
  });
  test('CronJob on a valid five-field schedule', () => {
    const cj = find(m, 'CronJob', 'hello');
    expect(cj.spec.schedule).toBe('*/1 * * * *');
    expect(cj.spec.concurrencyPolicy).toBe('Forbid');
    expect(cj.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
  });
});

describe('scenario 7: the three Service types', () => {
  const m = chart('07-services');
  const backend = find(m, 'Deployment', 'myapp');
  test.each([
    ['my-service', 'ClusterIP'],
    ['my-service-nodeport', 'NodePort'],
    ['my-service-lb', 'LoadBalancer'],
  ])('%s is a %s Service 80 -> 9376 (http, TCP) selecting existing pods that expose 9376', (name, type) => {
    const svc = find(m, 'Service', name);
    expect(svc.spec.type).toBe(type);
    expect(svc.spec.selector).toEqual({ 'app.kubernetes.io/name': 'MyApp' });
    expect(svc.spec.ports[0]).toMatchObject({ name: 'http', protocol: 'TCP', port: 80, targetPort: 9376 });
    expect(Selector.matches({ matchLabels: svc.spec.selector }, backend.spec.template.metadata.labels)).toBe(true);
    expect(backend.spec.template.spec.containers[0].ports[0].containerPort).toBe(9376);
  });
  test('the NodePort Service pins node port 30007', () => {
    expect(find(m, 'Service', 'my-service-nodeport').spec.ports[0].nodePort).toBe(30007);
  });
});

describe('scenario 8: label selectors', () => {
  const m = chart('08-label-selectors');
  test('kubectl syntax becomes matchLabels and matchExpressions', () => {
    const d = find(m, 'Deployment', 'production');
    expect(d.spec.selector).toEqual({
      matchLabels: { app: 'selector-demo' },
      matchExpressions: [
        { key: 'environment', operator: 'In', values: ['production', 'qa'] },
        { key: 'tier', operator: 'NotIn', values: ['frontend'] },
        { key: 'partition', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(Selector.matches(d.spec.selector, d.spec.template.metadata.labels)).toBe(true);
  });
  test('API-shape selector with every operator', () => {
    const d = find(m, 'Deployment', 'canary');
    expect(d.spec.selector.matchLabels).toEqual({ app: 'selector-demo', track: 'canary' });
    expect(d.spec.selector.matchExpressions.map((e: any) => e.operator)).toEqual([
      'In',
      'NotIn',
      'Exists',
      'DoesNotExist',
    ]);
    expect(Selector.matches(d.spec.selector, d.spec.template.metadata.labels)).toBe(true);
    expect(Selector.matches(d.spec.selector, find(m, 'Deployment', 'production').spec.template.metadata.labels)).toBe(
      false,
    );
  });
  test('wrong values lists are rejected', () => {
    expect(() => Selector.of({ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] })).toThrow(
      /values must be non-empty for operator In/,
    );
    expect(() => Selector.of({ matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }] })).toThrow(
      /values must be empty for operator Exists/,
    );
  });
});

describe('scenarios 9 and 14: nginx -> tomcat -> mysql, built with patterns', () => {
  const m = chart('09-nmt-three-tier');
  const sel = (x: any) => x.spec.selector.matchLabels ?? x.spec.selector;
  test('three controllers and three Services, each Service selecting its tier', () => {
    const front = find(m, 'Deployment', 'nginx');
    const app = find(m, 'Deployment', 'tomcat');
    const db = find(m, 'StatefulSet', 'mysql');
    expect(front.spec.template.spec.containers[0].image).toBe('nginx:1.25.3');
    expect(app.spec.template.spec.containers[0].image).toBe('tomcat:9.0.82');
    expect(db.spec.template.spec.containers[0].image).toBe('mysql:8.0.35');
    expect(find(m, 'Service', 'mysql').spec.clusterIP).toBe('None');
    for (const [svc, workload] of [
      ['nginx', front],
      ['tomcat', app],
      ['mysql', db],
    ]) {
      const s = find(m, 'Service', svc as string);
      expect(Selector.matches({ matchLabels: s.spec.selector }, (workload as any).spec.template.metadata.labels)).toBe(
        true,
      );
    }
    expect(m.filter((x) => ['Deployment', 'StatefulSet'].includes(x.kind))).toHaveLength(3);
  });
  test('tiers find each other by Service DNS name, wired by connectTo', () => {
    const conf = find(m, 'ConfigMap', 'nginx-conf').data['default.conf'];
    expect(conf).toContain('proxy_pass http://tomcat.nmt.svc.cluster.local:8080;');
    const env = find(m, 'Deployment', 'tomcat').spec.template.spec.containers[0].env;
    expect(env).toEqual(
      expect.arrayContaining([
        { name: 'DB_HOST', value: 'mysql.nmt.svc.cluster.local' },
        { name: 'DB_PORT', value: '3306' },
        { name: 'DB_ADDR', value: 'mysql.nmt.svc.cluster.local:3306' },
        { name: 'JDBC_URL', value: 'jdbc:mysql://mysql.nmt.svc.cluster.local:3306/nmt' },
      ]),
    );
    expect(find(m, 'Deployment', 'nginx').spec.template.spec.containers[0].env).toContainEqual({
      name: 'APP_HOST',
      value: 'tomcat.nmt.svc.cluster.local',
    });
    const envValues = m.flatMap((x: any) =>
      (x.spec?.template?.spec?.containers ?? []).flatMap((c: any) => (c.env ?? []).map((e: any) => e.value ?? '')),
    );
    expect(envValues.filter((v: string) => /\d+\.\d+\.\d+\.\d+/.test(v))).toEqual([]); // never a pod IP
  });
  test('the db password comes from an existing Secret, never inline', () => {
    const env = find(m, 'StatefulSet', 'mysql').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({
      name: 'MYSQL_ROOT_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'nmt-mysql', key: 'root-password' } },
    });
    expect(m.filter((x) => x.kind === 'Secret')).toHaveLength(0);
  });
  test('network policies: default deny, DNS, then only outside -> front -> app -> db', () => {
    const policies = m
      .filter((x) => x.kind === 'NetworkPolicy')
      .map((x) => x.metadata.name)
      .sort();
    expect(policies).toEqual([
      'allow-nginx-egress-to-tomcat',
      'allow-nginx-to-tomcat',
      'allow-outside-to-nginx',
      'allow-tomcat-egress-to-mysql',
      'allow-tomcat-to-mysql',
      'kubecraft-allow-dns',
      'kubecraft-default-deny',
    ]);
    expect(find(m, 'NetworkPolicy', 'kubecraft-default-deny').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/managed-by': 'kubecraft' } },
      policyTypes: ['Egress', 'Ingress'],
    });
    const toDb = find(m, 'NetworkPolicy', 'allow-tomcat-to-mysql').spec;
    expect(toDb.podSelector.matchLabels).toEqual(sel(find(m, 'StatefulSet', 'mysql')));
    expect(toDb.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: sel(find(m, 'Deployment', 'tomcat')) } }],
        ports: [{ port: 3306, protocol: 'TCP' }],
      },
    ]);
    const toApp = find(m, 'NetworkPolicy', 'allow-nginx-to-tomcat').spec;
    expect(toApp.ingress[0].from[0].podSelector.matchLabels).toEqual(sel(find(m, 'Deployment', 'nginx')));
    expect(toApp.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });
  test('scenario 14: the Ingress routes to the existing front Service and port', () => {
    const ing = find(m, 'Ingress', 'nginx');
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.rules[0].host).toBe('nmt.example.com');
    expect(ing.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'nginx', port: { number: 80 } });
    expect(find(m, 'Service', 'nginx').spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080 });
  });
  test('config changes roll the front: its pods carry the hash of nginx-conf', () => {
    expect(find(m, 'Deployment', 'nginx').spec.template.metadata.annotations['kubecraft.io/config-hash']).toMatch(
      /^[0-9a-f]{16}$/,
    );
  });
});

describe('the guestbook, built with patterns, in three environments', () => {
  const m = chart('prod/guestbook');
  test('frontend, redis leader and followers, wired by DNS', () => {
    const fe = find(m, 'Deployment', 'frontend').spec.template.spec.containers[0];
    expect(fe.env).toEqual(
      expect.arrayContaining([
        { name: 'REDIS_LEADER_HOST', value: 'redis-leader.guestbook-app.svc.cluster.local' },
        { name: 'REDIS_FOLLOWER_HOST', value: 'redis-follower.guestbook-app.svc.cluster.local' },
      ]),
    );
    expect(find(m, 'StatefulSet', 'redis-follower').spec.template.spec.containers[0].env).toContainEqual({
      name: 'REDIS_LEADER_PORT',
      value: '6379',
    });
    expect(find(m, 'StatefulSet', 'redis-follower').spec.replicas).toBe(3);
  });
  test('exposed through an Ingress, autoscaled, with a budget', () => {
    expect(find(m, 'Ingress', 'frontend').spec.rules[0].host).toBe('guestbook.example.com');
    expect(find(m, 'HorizontalPodAutoscaler', 'frontend').spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    expect(find(m, 'Deployment', 'frontend').spec.replicas).toBeUndefined();
    expect(find(m, 'PodDisruptionBudget', 'frontend').spec.maxUnavailable).toBe(1);
    expect(find(m, 'Deployment', 'frontend').spec.template.spec.securityContext.sysctls).toEqual([
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
    ]);
  });
  test('network policies allow exactly the guestbook paths', () => {
    expect(
      m
        .filter((x) => x.kind === 'NetworkPolicy')
        .map((x) => x.metadata.name)
        .sort(),
    ).toEqual([
      'allow-frontend-egress-to-redis-follower',
      'allow-frontend-egress-to-redis-leader',
      'allow-frontend-to-redis-follower',
      'allow-frontend-to-redis-leader',
      'allow-outside-to-frontend',
      'allow-redis-follower-egress-to-redis-leader',
      'allow-redis-follower-to-redis-leader',
      'kubecraft-allow-dns',
      'kubecraft-default-deny',
    ]);
  });
  test('environments differ in replicas, resources, host names, image tags and storage', () => {
    const pick = (env: string) => {
      const e = chart(`${env}/guestbook`);
      return {
        hpa: find(e, 'HorizontalPodAutoscaler', 'frontend').spec.maxReplicas,
        followers: find(e, 'StatefulSet', 'redis-follower').spec.replicas,
        cpu: find(e, 'Deployment', 'frontend').spec.template.spec.containers[0].resources.requests.cpu,
        host: find(e, 'Ingress', 'frontend').spec.rules[0].host,
        redis: find(e, 'StatefulSet', 'redis-leader').spec.template.spec.containers[0].image,
        storage: find(e, 'StatefulSet', 'redis-leader').spec.volumeClaimTemplates[0].spec.resources.requests.storage,
      };
    };
    expect(pick('dev')).toEqual({
      hpa: 2,
      followers: 1,
      cpu: '50m',
      host: 'guestbook.dev.example.com',
      redis: 'redis:7.2.4',
      storage: '1Gi',
    });
    expect(pick('staging')).toEqual({
      hpa: 4,
      followers: 2,
      cpu: '100m',
      host: 'guestbook.staging.example.com',
      redis: 'redis:6.0.5',
      storage: '5Gi',
    });
    expect(pick('prod')).toEqual({
      hpa: 10,
      followers: 3,
      cpu: '250m',
      host: 'guestbook.example.com',
      redis: 'redis:6.0.5',
      storage: '20Gi',
    });
  });
  test('recommended labels on everything', () => {
    for (const o of m.filter((x) => x.kind !== 'Namespace' && x.kind !== 'NetworkPolicy')) {
      expect(o.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'kubecraft',
        'app.kubernetes.io/part-of': 'guestbook',
      });
    }
  });
});

describe('scenario 10: Rook CephCluster', () => {
  const m = chart('10-rook-ceph');
  test('the typed CephCluster spec', () => {
    const cc = find(m, 'CephCluster', 'rook-ceph');
    expect(cc.apiVersion).toBe('ceph.rook.io/v1');
    expect(cc.metadata.namespace).toBe('rook-ceph');
    expect(cc.spec).toMatchObject({
      cephVersion: { image: expect.stringMatching(/^quay.io\/ceph\/ceph:v\d+/) },
      mon: { count: 1 },
      dashboard: { enabled: true, ssl: true },
      monitoring: { enabled: false },
      network: { hostNetwork: false },
    });
  });
  test('the dashboard NodePort Service', () => {
    const svc = find(m, 'Service', 'rook-ceph-mgr-dashboard-external-http');
    expect(svc.spec).toMatchObject({
      type: 'NodePort',
      sessionAffinity: 'None',
      selector: { app: 'rook-ceph-mgr', rook_cluster: 'rook-ceph' },
      ports: [{ name: 'dashboard', port: 7000, targetPort: 7000, protocol: 'TCP' }],
    });
  });
});

describe('scenario 11: configuration and storage', () => {
  const m = chart('11-config-storage');
  const spec = find(m, 'Deployment', 'config-demo').spec.template.spec;
  const c = container(spec, 'app');
  test('ConfigMap as envFrom, variable and volume', () => {
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'app-config' }, prefix: 'CONFIG_' }]);
    expect(c.env).toContainEqual({
      name: 'LOG_LEVEL',
      valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL' } },
    });
    expect(spec.volumes).toContainEqual(
      expect.objectContaining({ configMap: expect.objectContaining({ name: 'app-config' }) }),
    );
  });
  test('Secret referenced by name, values never written', () => {
    expect(m.filter((x) => x.kind === 'Secret')).toHaveLength(0);
    expect(c.env).toContainEqual({
      name: 'API_TOKEN',
      valueFrom: { secretKeyRef: { name: 'app-credentials', key: 'api-token' } },
    });
    expect(spec.volumes).toContainEqual(
      expect.objectContaining({ secret: expect.objectContaining({ secretName: 'app-credentials' }) }),
    );
  });
  test('downward API as variables and as a volume', () => {
    expect(c.env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    expect(c.env).toContainEqual({
      name: 'MEMORY_LIMIT',
      valueFrom: { resourceFieldRef: { resource: 'limits.memory' } },
    });
    const podinfo = spec.volumes.find((v: any) => v.downwardAPI);
    expect(podinfo.downwardAPI.items).toEqual([
      { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
      { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
    ]);
    expect(c.volumeMounts).toContainEqual({ name: podinfo.name, mountPath: '/etc/podinfo', readOnly: true });
  });
  test('PersistentVolumeClaim mounted at /data', () => {
    const pvc = find(m, 'PersistentVolumeClaim', 'app-data');
    expect(pvc.spec).toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    const vol = spec.volumes.find((v: any) => v.persistentVolumeClaim);
    expect(vol.persistentVolumeClaim.claimName).toBe('app-data');
    expect(c.volumeMounts).toContainEqual({ name: vol.name, mountPath: '/data' });
  });
});

describe('scenario 12: cluster-level and metadata resources', () => {
  const m = chart('12-cluster-resources');
  test('RBAC: Role, RoleBinding, ClusterRole, ClusterRoleBinding to the ServiceAccount', () => {
    expect(find(m, 'ServiceAccount', 'app-sa').metadata.namespace).toBe('team-a');
    expect(find(m, 'Role', 'pod-reader').rules).toContainEqual(
      expect.objectContaining({ resources: ['pods'], verbs: ['get', 'list', 'watch'] }),
    );
    expect(find(m, 'RoleBinding', 'read-pods')).toMatchObject({
      roleRef: { kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'app-sa', namespace: 'team-a' }],
    });
    const cr = find(m, 'ClusterRole', 'node-viewer');
    expect(cr.metadata.namespace).toBeUndefined();
    const crb = find(m, 'ClusterRoleBinding', 'team-a-node-viewer');
    expect(crb.metadata.namespace).toBeUndefined();
    expect(crb).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'node-viewer' },
      subjects: [{ kind: 'ServiceAccount', name: 'app-sa', namespace: 'team-a' }],
    });
  });
  test('Namespace, LimitRange and ResourceQuota', () => {
    expect(find(m, 'Namespace', 'team-a').metadata.namespace).toBeUndefined();
    expect(find(m, 'LimitRange', 'defaults').spec.limits[0]).toMatchObject({
      type: 'Container',
      default: { cpu: '500m', memory: '256Mi' },
    });
    expect(find(m, 'ResourceQuota', 'team-a-quota').spec.hard).toMatchObject({ 'requests.cpu': '4', pods: '20' });
  });
  test('HPA and PDB target the web Deployment', () => {
    const web = find(m, 'Deployment', 'web');
    expect(web.spec.replicas).toBeUndefined();
    expect(find(m, 'HorizontalPodAutoscaler', 'web-hpa').spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 5,
    });
    const pdb = find(m, 'PodDisruptionBudget', 'web-pdb');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(Selector.matches(pdb.spec.selector, web.spec.template.metadata.labels)).toBe(true);
  });
});

describe('scenario 13: StatefulSet', () => {
  const m = chart('13-statefulset');
  test('headless Service and per-pod volume claims', () => {
    const sts = find(m, 'StatefulSet', 'web');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.serviceName).toBe('nginx');
    expect(sts.spec).not.toHaveProperty('podManagementPolicy'); // OrderedReady, the server's default
    expect(find(m, 'Service', 'nginx').spec.clusterIP).toBe('None');
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({
      name: 'www',
      mountPath: '/usr/share/nginx/html',
    });
    expect((sts.spec.template.spec.volumes ?? []).find((v: any) => v.name === 'www')).toBeUndefined();
  });
});

describe('container command and args semantics', () => {
  test('command replaces ENTRYPOINT, args replaces CMD', () => {
    const probes = chart('02-probes');
    expect(container(podSpec(find(probes, 'Pod', 'liveness-http')), 'liveness')).toMatchObject({ args: ['liveness'] });
    expect(container(podSpec(find(probes, 'Pod', 'liveness-http')), 'liveness').command).toBeUndefined();
    const etcd = container(podSpec(find(probes, 'Pod', 'etcd-with-grpc')), 'etcd');
    expect(etcd.command[0]).toBe('/usr/local/bin/etcd');
    expect(etcd.args).toBeUndefined();
  });
});

test('Testing.synth of a single chart gives the same objects as the app render', () => {
  const app = buildExampleApp(new KubecraftApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'kc-ts-')) }));
  const rendered = app.render();
  const key = (m: Manifest) => `${m.apiVersion}|${m.kind}|${m.metadata.namespace ?? ''}|${m.metadata.name}`;
  const sorted = (ms: readonly Manifest[]) => [...ms].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  expect(app.charts.length).toBe(rendered.length);
  app.charts.forEach((c, i) => {
    // Testing.synth renders in construct order; the app renders in install order: same objects,
    // but for the Argo CD sync waves the app adds to the folders ArgoCdDelivery syncs (an app-level pass)
    const withoutWaves = (m: Manifest): Manifest => {
      const annotations = { ...m.metadata.annotations };
      delete annotations[ARGOCD_SYNC_WAVE_ANNOTATION];
      const { annotations: _a, ...metadata } = m.metadata;
      return {
        ...m,
        metadata: Object.keys(annotations).length > 0 ? { ...metadata, annotations } : metadata,
      } as Manifest;
    };
    expect(sorted(Testing.synth(c) as Manifest[])).toEqual(
      sorted(rendered[i].objects.map((o) => withoutWaves(o.manifest as Manifest))),
    );
  });
  expect(app.synthesizeObjects().length).toBe([...byFile.values()].flat().length);
});
