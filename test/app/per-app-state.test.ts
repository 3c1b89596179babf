// What an app learns from its own CustomResourceDefinitions (the scope of their kinds, their
// schemas) is the app's: another app in the same process (a jest worker, a script building two
// apps) and the next cycle of `kubecraft synth --watch`, after a CRD was removed, see only their own.
import { ApiObject, Testing } from 'cdk8s';
import { KubecraftApp, KubecraftChart } from '../../lib';
import { WIDGET_CRD } from '../support/manifests';

/** A cluster-scoped variant of the Widget CRD, in a group no other test uses. */
const GADGET_CRD = {
  ...WIDGET_CRD,
  metadata: { name: 'gadgets.per-app.example.com' },
  spec: {
    ...WIDGET_CRD.spec,
    group: 'per-app.example.com',
    scope: 'Cluster',
    names: { kind: 'Gadget', plural: 'gadgets', singular: 'gadget', listKind: 'GadgetList' },
  },
};

/** An app with a Gadget (a custom resource), and its CRD when `withCrd`. */
function app(withCrd: boolean): { app: KubecraftApp; gadget: () => Record<string, unknown> } {
  const a = new KubecraftApp({ outdir: Testing.app().outdir, printReport: false });
  const chart = new KubecraftChart(a, 'shop', { namespace: 'shop' });
  if (withCrd) new ApiObject(chart, 'crd', GADGET_CRD);
  new ApiObject(chart, 'gadget', {
    apiVersion: 'per-app.example.com/v1',
    kind: 'Gadget',
    metadata: { name: 'g1' },
    spec: { size: 3 },
  });
  const gadget = () =>
    a.synthesizeObjects().find((o) => o.manifest.kind === 'Gadget')!.manifest as unknown as Record<string, unknown>;
  return { app: a, gadget };
}

const unknownKinds = (a: KubecraftApp) =>
  a
    .validate()
    .errors.filter((f) => f.rule === 'schema/unknown-kind')
    .map((f) => f.object);

describe("an app's CRDs are its own", () => {
  test("two apps in one process: the one without the CRD does not see the other's", () => {
    const withCrd = app(true);
    const without = app(false);
    // the app with the CRD: cluster-scoped, so no namespace; validated against its schema
    expect(withCrd.gadget().metadata).toEqual({ name: 'g1' });
    expect(unknownKinds(withCrd.app)).toEqual([]);
    // the other one, rendered after it: an unknown kind, namespaced as an unknown kind is
    expect(unknownKinds(without.app)).toEqual(['Gadget shop/g1']);
    expect(without.gadget().metadata).toEqual({ name: 'g1', namespace: 'shop' });
    // and the first one again, after the second: still its own CRD
    expect(unknownKinds(withCrd.app)).toEqual([]);
    expect(withCrd.gadget().metadata).toEqual({ name: 'g1' });
  });

  test('a watch cycle after the CRD was removed from the app no longer knows it', () => {
    const first = app(true);
    expect(unknownKinds(first.app)).toEqual([]);
    const next = app(false); // the app's code changed: the CRD is gone
    expect(unknownKinds(next.app)).toEqual(['Gadget shop/g1']);
  });
});
