// CustomResourceDefinitions the API server rejects (issue 23): each case breaks one rule of
// apiextensions-apiserver's `pkg/apis/apiextensions/validation` or `pkg/apiserver/schema` (the Go
// function is named in lib/validation/checks/crd-checks.ts and crd-schema-checks.ts) in an
// otherwise valid CRD, and goes through at least two entry points: a raw ApiObject, the same
// object as upstream YAML (UpstreamManifests), and, where the case gives one, a JSON patch on the
// valid CRD; a few go through the cdk8s L1 class with typed props. Each finding names the rule, the
// object, the construct path and the field.
import { k8s } from 'cdk8s-plus-27';
import { formatReport, RULES, SynthesisError } from '../../lib';
import { at, brokenCrd, CRD_CASES, CRD_ROWS, entryPoints } from './crd-cases';
import { FixtureApp, fixtureApp } from './fixture-app';

describe('CustomResourceDefinitions the API server rejects are refused at synth', () => {
  test('the valid CRD of the cases gives no finding, through every entry point', () => {
    for (const [, add] of entryPoints({ rule: 'values/crd', field: '', mutate: () => undefined, patch: [] })) {
      const f = fixtureApp();
      add(f);
      expect(formatReport(f.app.validate())).toBe(formatReport(fixtureApp().app.validate()));
    }
  });

  test.each(CRD_ROWS)('%s', (_name, c, addCrd, path) => {
    const f = fixtureApp();
    addCrd(f);
    const report = f.app.validate();
    const match = report.errors.find((e) => e.rule === c.rule && e.path === path && e.field === c.field);
    if (!match) throw new Error(`expected ${c.rule} at ${path} ${c.field}; got:\n${formatReport(report)}`);
    expect(match.object).toBe(`CustomResourceDefinition ${String(at(brokenCrd(c.mutate), 'metadata').name)}`);
    expect(match.hint.length).toBeGreaterThan(0);
    let thrown: unknown;
    try {
      f.app.synth();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SynthesisError);
    expect((thrown as Error).message).toContain(`[${c.rule}]`);
    expect((thrown as Error).message).toContain(`at ${c.field}: `);
  });

  test('the table holds at least 25 cases, each through at least two entry points', () => {
    expect(Object.keys(CRD_CASES).length).toBeGreaterThanOrEqual(25);
    for (const c of Object.values(CRD_CASES)) expect(entryPoints(c).length).toBeGreaterThanOrEqual(2);
    expect(new Set(Object.values(CRD_CASES).map((c) => c.rule))).toEqual(
      new Set([
        'values/name',
        'values/required',
        'values/duplicate',
        'values/one-of',
        'values/crd',
        'values/crd-schema',
      ]),
    );
  });
});

describe('through the L1 class (k8s.KubeCustomResourceDefinition, typed props)', () => {
  /** A valid L1 CRD, changed by `change`. */
  function gizmos(f: FixtureApp, change: (spec: k8s.CustomResourceDefinitionSpec) => k8s.CustomResourceDefinitionSpec) {
    const spec: k8s.CustomResourceDefinitionSpec = {
      group: 'example.com',
      names: { plural: 'gizmos', kind: 'Gizmo' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openApiv3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: {
                    size: { type: 'integer', default: 1 },
                    ports: {
                      type: 'array',
                      xKubernetesListType: 'map',
                      xKubernetesListMapKeys: ['name'],
                      items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
                    },
                  },
                },
              },
            },
          },
        },
      ],
    };
    new k8s.KubeCustomResourceDefinition(f.chart, 'gizmos', {
      metadata: { name: 'gizmos.example.com' },
      spec: change(spec),
    });
  }
  const version = (spec: k8s.CustomResourceDefinitionSpec) => spec.versions[0];
  const schema = (spec: k8s.CustomResourceDefinitionSpec) => version(spec).schema!.openApiv3Schema!;
  const specSchema = (spec: k8s.CustomResourceDefinitionSpec) => schema(spec).properties!.spec;
  const G = 'spec.versions[0].schema.openAPIV3Schema';

  test.each<
    [string, keyof typeof RULES, string, (spec: k8s.CustomResourceDefinitionSpec) => k8s.CustomResourceDefinitionSpec]
  >([
    ['valid', 'values/crd', '', (spec) => spec],
    [
      'listKind equal to kind',
      'values/crd',
      'spec.names.listKind',
      (spec) => ({ ...spec, names: { ...spec.names, listKind: 'Gizmo' } }),
    ],
    ['scope Global', 'values/crd', 'spec.scope', (spec) => ({ ...spec, scope: 'Global' })],
    [
      'metadata.name not <plural>.<group>',
      'values/name',
      'metadata.name',
      (spec) => ({ ...spec, names: { ...spec.names, plural: 'widgets' } }),
    ],
    [
      'no storage version',
      'values/crd',
      'spec.versions',
      (spec) => ({ ...spec, versions: [{ ...version(spec), storage: false }] }),
    ],
    [
      'a root without a type',
      'values/crd-schema',
      `${G}.type`,
      (spec) => ({
        ...spec,
        versions: [{ ...version(spec), schema: { openApiv3Schema: { ...schema(spec), type: undefined } } }],
      }),
    ],
    [
      'a default of the wrong type',
      'values/crd-schema',
      `${G}.properties.spec.properties.size.default`,
      (spec) => {
        const s = specSchema(spec);
        const changed = { ...s, properties: { ...s.properties, size: { type: 'integer', default: 'one' } } };
        return {
          ...spec,
          versions: [
            { ...version(spec), schema: { openApiv3Schema: { ...schema(spec), properties: { spec: changed } } } },
          ],
        };
      },
    ],
    [
      'a list map key neither required nor defaulted',
      'values/crd-schema',
      `${G}.properties.spec.properties.ports.items.properties.name.default`,
      (spec) => {
        const s = specSchema(spec);
        const ports = { ...s.properties!.ports, items: { type: 'object', properties: { name: { type: 'string' } } } };
        const changed = { ...s, properties: { ...s.properties, ports } };
        return {
          ...spec,
          versions: [
            { ...version(spec), schema: { openApiv3Schema: { ...schema(spec), properties: { spec: changed } } } },
          ],
        };
      },
    ],
  ])('%s', (name, rule, field, change) => {
    const f = fixtureApp();
    gizmos(f, change);
    const report = f.app.validate();
    if (name === 'valid') {
      expect(formatReport(report)).toBe(formatReport(fixtureApp().app.validate()));
      return;
    }
    const match = report.errors.find((e) => e.rule === rule && e.path === 'shop/gizmos' && e.field === field);
    if (!match) throw new Error(`expected ${rule} at shop/gizmos ${field}; got:\n${formatReport(report)}`);
    expect(match.object).toBe('CustomResourceDefinition gizmos.example.com');
  });
});
