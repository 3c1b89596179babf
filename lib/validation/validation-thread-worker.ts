// The validation thread (see ValidationThread): loads the validation code and the target
// version's schemas, then validates what the synth hands it, with the one entry point `validate`.
import { isMainThread, MessagePort, workerData } from 'worker_threads';
import { KubernetesVersion, Manifest, registerCustomResourceScope } from '../core';
import { ExternalObject } from './external';
import { ValidationReport } from './finding';
import { Relaxation } from './policy';
import { registerCustomResourceDefinitions } from './schema/store';
import { validate } from './validate';
import { ObjectToValidate } from './validation-context';

/** What the synth hands the thread: the objects with their relaxations resolved, and the process's registrations. */
export interface ValidationRequest {
  readonly units: readonly {
    readonly folder: string;
    readonly objects: readonly ObjectToValidate[];
  }[];
  readonly externals: readonly ExternalObject[];
  readonly relaxations: readonly Relaxation[];
  readonly kubernetesVersion?: KubernetesVersion;
  /** CRDs registered with `registerCustomResourceDefinitions` in the synth's thread. */
  readonly crds: readonly unknown[];
  /** Custom kinds' scopes registered in the synth's thread. */
  readonly scopes: readonly [string, string, 'Cluster' | 'Namespaced'][];
}

/** The thread's answer to request `id`: the report, or why it could not validate. */
export type ValidationResponse = { readonly id: number } & (
  { readonly report: ValidationReport } | { readonly error: string }
);

interface WorkerData {
  readonly version: KubernetesVersion;
  readonly state: Int32Array;
  readonly port: MessagePort;
}

/** A small app of the commonest kinds, validated once on start: loads their schemas and checks. */
const WARM_UP: Manifest[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { a: 'b' } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'n', labels: { app: 'd' } },
    spec: {
      selector: { matchLabels: { app: 'd' } },
      template: {
        metadata: { labels: { app: 'd' } },
        spec: {
          containers: [
            {
              name: 'd',
              image: 'registry.example.com/d:1.0.0',
              ports: [{ containerPort: 8080, name: 'http' }],
              envFrom: [{ configMapRef: { name: 'c' } }],
              resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } },
              readinessProbe: { httpGet: { path: '/', port: 'http' } },
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'd', namespace: 'n' },
    spec: { selector: { app: 'd' }, ports: [{ port: 80, targetPort: 8080 }] },
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'd', namespace: 'n' },
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'd' } } },
  },
];

/** Validations of the warm-up app run before the first request: V8 optimizes the checks meanwhile. */
const WARM_UP_ROUNDS = 40;

function serve({ version, state, port }: WorkerData): void {
  const warmUp = (): void => {
    validate([{ folder: '', objects: WARM_UP.map((manifest) => ({ manifest, path: 'warm-up' })) }], {
      kubernetesVersion: version,
    });
  };
  warmUp();
  let crdsRegistered = 0;
  let busy = false;
  port.on('message', (request: ValidationRequest & { id: number }) => {
    busy = true;
    let response: ValidationResponse;
    try {
      for (const [group, kind, scope] of request.scopes) registerCustomResourceScope(group, kind, scope);
      registerCustomResourceDefinitions(request.crds.slice(crdsRegistered));
      crdsRegistered = request.crds.length;
      const report = validate(request.units, {
        externals: request.externals,
        relaxations: request.relaxations,
        kubernetesVersion: request.kubernetesVersion,
      });
      response = { id: request.id, report };
    } catch (err) {
      response = { id: request.id, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(response);
    Atomics.add(state, 1, 1);
    Atomics.notify(state, 1);
  });
  Atomics.store(state, 0, 1);
  // warm up in small steps, so that a request is taken as soon as it comes
  let round = 0;
  const step = (): void => {
    if (busy || round++ >= WARM_UP_ROUNDS) return;
    for (let i = 0; i < 5; i++) warmUp();
    setImmediate(step);
  };
  setImmediate(step);
}

if (!isMainThread) serve(workerData as WorkerData);
