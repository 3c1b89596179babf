import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from '../../lib';

/** A kubecraft chart in a fresh app; with a namespace, the Namespace object too. */
export function chartOf(namespace?: string): KubecraftChart {
  const chart = new KubecraftChart(Testing.app(), 'test', namespace ? { namespace } : {});
  if (namespace) new kplus.Namespace(chart, 'ns', { metadata: { name: namespace } });
  return chart;
}

/** Resources, probes and a pinned image: a Deployment that passes kubecraft's policy on its own. */
export function webDeployment(chart: KubecraftChart, id: string = 'web'): kplus.Deployment {
  return new kplus.Deployment(chart, id, {
    containers: [
      {
        name: 'web',
        image: 'nginxinc/nginx-unprivileged:1.25.3',
        portNumber: 8080,
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
        },
        liveness: kplus.Probe.fromTcpSocket({ port: 8080 }),
        readiness: kplus.Probe.fromTcpSocket({ port: 8080 }),
      },
    ],
  });
}

/**
 * A CustomResourceDefinition for `snapshot.storage.k8s.io/v1 VolumeSnapshotClass`, written for
 * these tests after the CSI external-snapshotter's: cluster-scoped; `driver` and `deletionPolicy`
 * (Delete or Retain) required; `parameters` a map of strings.
 */
export const VOLUME_SNAPSHOT_CLASS_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: 'volumesnapshotclasses.snapshot.storage.k8s.io',
    // as upstream has it: snapshot.storage.k8s.io is a protected group (validateAPIApproval)
    annotations: { 'api-approved.kubernetes.io': 'https://github.com/kubernetes-csi/external-snapshotter/pull/814' },
  },
  spec: {
    group: 'snapshot.storage.k8s.io',
    names: {
      kind: 'VolumeSnapshotClass',
      listKind: 'VolumeSnapshotClassList',
      plural: 'volumesnapshotclasses',
      singular: 'volumesnapshotclass',
    },
    scope: 'Cluster',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['deletionPolicy', 'driver'],
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              driver: { type: 'string' },
              deletionPolicy: { type: 'string', enum: ['Delete', 'Retain'] },
              parameters: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        },
      },
    ],
  },
};
