import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes, WebService } from 'kubecraft';

export const follows =
  'The SidecarContainers feature gate ([KEP-753](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/753-sidecar-containers)): alpha and off in 1.28, beta and on by default from 1.29. With the gate off, the API server drops `restartPolicy` from the init container, which then never exits and blocks the pod.';

/** The rule depends on the version: the app targets 1.28. */
export const kubernetesVersion = '1.28';

const proxy = {
  name: 'proxy',
  image: 'ghcr.io/acme/proxy:1.0.0',
  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  securityContext: {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  },
};

// #region bad
export function bad(chart: KubecraftChart): void {
  // the app targets Kubernetes 1.28: new KubecraftApp({ kubernetesVersion: '1.28' })
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  // the pattern's `sidecars` prop refuses 1.28; a JSON patch does not ask
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/initContainers', [{ ...proxy, restartPolicy: 'Always' }]),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    // below 1.29, a second regular container (or raise the app's kubernetesVersion and use sidecars)
    extraContainers: [
      {
        name: 'proxy',
        image: 'ghcr.io/acme/proxy:1.0.0',
        ports: [{ number: 15000, name: 'proxy' }],
        liveness: Probes.tcpSocket({ port: 'proxy' }),
        readiness: Probes.tcpSocket({ port: 'proxy' }),
        resources: {
          cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
          memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
        },
      },
    ],
  });
}
// #endregion good
