import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's `validateInitContainers` (kubernetes/kubernetes `pkg/apis/core/validation`): an init container may have probes and lifecycle hooks only as a native sidecar (`restartPolicy: Always`, KEP-753); a regular init container gates the pod by exiting, not by a probe.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  // a JSON patch (the cdk8s escape hatch) adds what cdk8s-plus and the pattern would refuse
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/initContainers', [
      {
        name: 'wait-for-db',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'until nc -z db 5432; do sleep 2; done'],
        readinessProbe: { exec: { command: ['nc', '-z', 'db', '5432'] } },
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
        securityContext: {
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
      },
    ]),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    initContainers: [
      { name: 'wait-for-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nc -z db 5432; do sleep 2; done'] },
    ],
  });
}
// #endregion good
