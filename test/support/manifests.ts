import { Chart, Testing } from 'cdk8s';
import { Manifest } from '../../lib';

/** Synthesizes a chart (with its chart's secure defaults) into plain manifests. */
export function synth(chart: Chart): Manifest[] {
  return Testing.synth(chart) as Manifest[];
}

/** The one manifest of `kind` named `name`; fails the test if there is not exactly one. */
export function find(manifests: readonly Manifest[], kind: string, name: string): any {
  const found = manifests.filter((m) => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1) {
    throw new Error(
      `expected exactly one ${kind} '${name}', found ${found.length} among: ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`,
    );
  }
  return found[0];
}

/** The pod spec of a workload manifest. */
export function podSpec(manifest: any): any {
  switch (manifest.kind) {
    case 'Pod':
      return manifest.spec;
    case 'CronJob':
      return manifest.spec.jobTemplate.spec.template.spec;
    default:
      return manifest.spec.template.spec;
  }
}

/** A container of a pod spec by name. */
export function container(spec: any, name: string): any {
  const c = [...(spec.initContainers ?? []), ...spec.containers].find((x: any) => x.name === name);
  if (!c) throw new Error(`no container '${name}'`);
  return c;
}

/** A small namespaced CRD (`Widget.example.com`, `spec.size` an integer), for tests of CRDs shipped with their custom resources. */
export const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
          },
        },
      },
    ],
  },
};
