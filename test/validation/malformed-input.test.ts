// Malformed input of any type gets a report, never a stack trace: random JSON values of the
// wrong type at every level of full-featured manifests (pod specs, Services, Ingresses, HPAs,
// NetworkPolicies, PDBs, ...) are fed to validate(), which must neither throw nor fall back on
// its safety net (a check that trips over a shape it did not expect).
import fc from 'fast-check';
import { Manifest, validate } from '../../lib';
import { malformedManifests, MANIFESTS, TEMPLATE } from './malformed-manifests';

test('validate never throws on malformed manifests, and no check trips over a shape', () => {
  fc.assert(
    fc.property(malformedManifests, (manifests) => {
      const objects = manifests.map((manifest, i) => ({ manifest, path: `fuzz/${i}` }));
      const report = validate([{ folder: '', objects }]);
      const tripped = report.findings.filter((f) => f.message.includes('is malformed where kubecraft'));
      expect(tripped.map((f) => `${f.object}: ${f.message}`)).toEqual([]);
    }),
    { numRuns: 1500 },
  );
});

test('the unmutated manifests are checked without tripping either', () => {
  const report = validate([{ folder: '', objects: MANIFESTS.map((manifest, i) => ({ manifest, path: `m/${i}` })) }]);
  expect(report.findings.filter((f) => f.message.includes('is malformed where kubecraft'))).toEqual([]);
});

test.each([
  ['volumes not a list', { volumes: 'data' }],
  ['volumeMounts a string', { containers: [{ name: 'm', image: 'i', volumeMounts: '/data' }] }],
  [
    'capabilities.drop a number',
    { containers: [{ name: 'm', image: 'i', securityContext: { capabilities: { drop: 7 } } }] },
  ],
  ['containers null', { containers: null }],
])('regression: %s is reported, not thrown on', (_name, spec) => {
  const manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec } as Manifest;
  const report = validate([{ folder: '', objects: [{ manifest, path: 'p' }] }]);
  expect(report.errors.some((e) => e.rule === 'schema/invalid')).toBe(true);
  expect(report.findings.filter((f) => f.message.includes('is malformed where kubecraft'))).toEqual([]);
});

test('regression: an empty matchExpressions item is reported as a malformed selector', () => {
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'ns' },
    spec: { selector: { matchExpressions: [{}] }, template: TEMPLATE },
  } as Manifest;
  const report = validate([{ folder: '', objects: [{ manifest, path: 'd' }] }]);
  expect(report.errors.filter((e) => e.rule === 'values/selector').map((e) => e.field)).toContain('spec.selector');
  expect(report.findings.filter((f) => f.message.includes('is malformed where kubecraft'))).toEqual([]);
});

test('regression (fast-check seed -1037251743): a roleRef.kind that is an object with a non-function toString is reported, not thrown on', () => {
  const binding = MANIFESTS.find((m) => m.kind === 'RoleBinding')!;
  const manifest = {
    ...binding,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: { toString: 1 }, name: 'r' },
  } as unknown as Manifest;
  const report = validate([{ folder: '', objects: [{ manifest, path: 'rb' }] }]);
  expect(report.errors.some((e) => e.rule === 'schema/invalid')).toBe(true);
  expect(report.findings.filter((f) => f.message.includes('is malformed where kubecraft'))).toEqual([]);
});
