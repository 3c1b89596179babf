import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  DownwardApiFile,
  DownwardApiVolume,
  LimitRange,
  LimitType,
  PodDisruptionBudget,
  PodDisruptionBudgetProps,
  ReplicaSet,
  ResourceQuota,
  StatefulSet,
  VolumeClaimTemplate,
} from '../../lib';
import { ConstructError } from '../../lib/core/errors';
import { errorOfRow, expectNamed, ThrowRow } from '../support/throw-rows';

// The throw sites of lib/workloads and lib/policy: 24 (`throw`, `assertValid(`, `inScope(`;
// `grep -nE "throw |assertValid\(|inScope\(" lib/workloads lib/policy`). 22 throw a ConstructError:
// 21 have rows here, in 23 rows (the PodDisruptionBudget's "exactly one" check has a row per prop,
// the quantity check shared by LimitRange and ResourceQuota a row for each), and `Probes.validate`
// has its rows in test/patterns/throw-sites.test.ts and test/workloads/probes.test.ts.
// Two rows are raised at synth (`atSynth`), from `_toKube`, still naming the construct: a claim
// template naming a missing container, and a PodDisruptionBudget selector that fails to render
// (wrapped with `inScope`). Not in the table: the two probe errors raised when a container renders
// an invalid probe at synth (`lib/workloads/probes.ts`): a container is not a construct, so they
// name the container and rely on the app naming the ApiObject; patterns check their probes with
// `Probes.validate` (see test/patterns/throw-sites.test.ts).

const SIZE = Size.gibibytes(1);

const sts = (templates: VolumeClaimTemplate[]) => (s: Construct) => {
  const set = new StatefulSet(s, 'db', {
    service: new kplus.Service(s, 'svc', { ports: [{ port: 5432 }] }),
    volumeClaimTemplates: templates,
  });
  set.addContainer({ name: 'main', image: 'postgres:16.1', portNumber: 5432 });
};
const pdb = (props: Partial<PodDisruptionBudgetProps>) => (s: Construct) =>
  new PodDisruptionBudget(s, 'pdb', {
    selector: kplus.Pods.select(s, 'pods', { labels: { app: 'web' } }),
    ...props,
  });
const volume = (items: DownwardApiFile[]) => (s: Construct) => DownwardApiVolume.fromItems(s, 'info', 'info', items);

/** A pod selector that cannot render (as a cdk8s-plus workload whose path label was removed). */
class BrokenSelector extends Construct implements kplus.IPodSelector {
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    throw new Error('Unable to create a label selector since cdk8s.io/metadata.addr label is missing');
  }
  public toPodSelector(): kplus.IPodSelector {
    return this;
  }
  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return {};
  }
}

type Row = ThrowRow;

const ROWS: Row[] = [
  // replica-set.ts
  {
    name: 'negative replicas',
    build: (s) => new ReplicaSet(s, 'rs', { replicas: -1 }),
    path: 'test/rs',
    prop: 'replicas',
  },
  // stateful-set.ts
  {
    name: 'invalid claim name',
    build: sts([{ name: 'Data', storage: SIZE, mountPath: '/d' }]),
    path: 'test/db',
    prop: 'volumeClaimTemplates[0].name',
  },
  {
    name: 'duplicate claim',
    build: sts([
      { name: 'd', storage: SIZE, mountPath: '/a' },
      { name: 'd', storage: SIZE, mountPath: '/b' },
    ]),
    path: 'test/db',
    prop: 'volumeClaimTemplates[1].name',
  },
  {
    name: 'relative mount path',
    build: sts([{ name: 'd', storage: SIZE, mountPath: 'd' }]),
    path: 'test/db',
    prop: 'volumeClaimTemplates[0].mountPath',
  },
  {
    name: 'no storage',
    build: sts([{ name: 'd', storage: Size.kibibytes(0), mountPath: '/d' }]),
    path: 'test/db',
    prop: 'volumeClaimTemplates[0].storage',
  },
  {
    name: 'unknown container',
    build: sts([{ name: 'd', storage: SIZE, mountPath: '/d', containers: ['nope'] }]),
    path: 'test/db',
    prop: 'volumeClaimTemplates[0].containers',
    atSynth: true,
  },
  // pod-disruption-budget.ts
  { name: 'neither count', build: pdb({}), path: 'test/pdb', prop: 'minAvailable' },
  { name: 'both counts', build: pdb({ minAvailable: 1, maxUnavailable: 1 }), path: 'test/pdb', prop: 'maxUnavailable' },
  { name: 'negative minAvailable', build: pdb({ minAvailable: -1 }), path: 'test/pdb', prop: 'minAvailable' },
  { name: 'maxUnavailable 150%', build: pdb({ maxUnavailable: '150%' }), path: 'test/pdb', prop: 'maxUnavailable' },
  {
    name: 'selector that cannot render',
    build: (s) => pdb({ maxUnavailable: 1, selector: new BrokenSelector(s, 'broken') })(s),
    path: 'test/pdb',
    prop: 'selector',
    atSynth: true,
  },
  // downward-api-volume.ts (the volume's construct path)
  { name: 'no items', build: volume([]), path: 'test/info', prop: 'items' },
  {
    name: 'both sources',
    build: volume([
      { path: 'x', fieldPath: 'metadata.name', resource: { containerName: 'a', resource: 'limits.cpu' } },
    ]),
    path: 'test/info',
    prop: 'items[0]',
  },
  {
    name: 'absolute path',
    build: volume([{ path: '/x', fieldPath: 'metadata.name' }]),
    path: 'test/info',
    prop: 'items[0].path',
  },
  {
    name: 'duplicate path',
    build: volume([
      { path: 'x', fieldPath: 'metadata.name' },
      { path: 'x', fieldPath: 'metadata.uid' },
    ]),
    path: 'test/info',
    prop: 'items[1].path',
  },
  {
    name: 'unsupported field',
    build: volume([{ path: 'x', fieldPath: 'status.podIP' }]),
    path: 'test/info',
    prop: 'items[0].fieldPath',
  },
  // limit-range.ts
  { name: 'no limits', build: (s) => new LimitRange(s, 'limits', { limits: [] }), path: 'test/limits', prop: 'limits' },
  {
    name: 'bad quantity',
    build: (s) => new LimitRange(s, 'limits', { limits: [{ type: LimitType.CONTAINER, max: { memory: '1GB' } }] }),
    path: 'test/limits',
    prop: 'limits[0].max.memory',
  },
  {
    name: 'defaults on a Pod item',
    build: (s) => new LimitRange(s, 'limits', { limits: [{ type: LimitType.POD, default: { cpu: '1' } }] }),
    path: 'test/limits',
    prop: 'limits[0].default',
  },
  {
    name: 'min over max',
    build: (s) =>
      new LimitRange(s, 'limits', { limits: [{ type: LimitType.CONTAINER, min: { cpu: '2' }, max: { cpu: '1' } }] }),
    path: 'test/limits',
    prop: 'limits[0].min.cpu',
  },
  // resource-quota.ts
  {
    name: 'no hard limits',
    build: (s) => new ResourceQuota(s, 'quota', { hard: {} }),
    path: 'test/quota',
    prop: 'hard',
  },
  {
    name: 'bad resource name',
    build: (s) => new ResourceQuota(s, 'quota', { hard: { 'requests cpu': '1' } }),
    path: 'test/quota',
    prop: 'hard',
  },
  {
    name: 'bad quantity',
    build: (s) => new ResourceQuota(s, 'quota', { hard: { 'limits.memory': '8 Gi' } }),
    path: 'test/quota',
    prop: 'hard.limits.memory',
  },
];

describe('every error raised by a workload or policy construct names the construct path and the prop', () => {
  test.each(ROWS.filter((r) => !r.atSynth).map((r) => [r.path, r.prop, r.name, r] as const))(
    '%s (%s): %s',
    (path, prop, _name, row) => {
      const err = errorOfRow(row) as ConstructError;
      expectNamed(err, { path, prop });
    },
  );

  // cdk8s's ApiObject.toJson re-throws whatever rendering throws as a plain Error ("Failed serializing
  // construct at path ...: <error>", without `cause`), so only the message survives.
  test.each(ROWS.filter((r) => r.atSynth).map((r) => [r.path, r.prop, r.name, r] as const))(
    'at synth: %s (%s): %s',
    (path, prop, _name, row) => {
      expect(errorOfRow(row).message).toContain(`ConstructError: ${path} (${prop}): `);
    },
  );
});
