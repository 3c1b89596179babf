// FieldPath (lib/validation/field-path.ts): field paths built as a walk goes down, written as
// findings show them.
import { FieldPath } from '../../lib/validation/field-path';

describe('FieldPath', () => {
  test('children, indexes and keys that are not plain names', () => {
    const versions = FieldPath.root('spec').child('versions');
    expect(versions.index(0).child('schema').child('openAPIV3Schema').toString()).toBe(
      'spec.versions[0].schema.openAPIV3Schema',
    );
    expect(versions.index(2).child('x-kubernetes-list-type').toString()).toBe(
      'spec.versions[2].x-kubernetes-list-type',
    );
    expect(FieldPath.root('spec').child('a.b').toString()).toBe("spec['a.b']");
    expect(FieldPath.root('spec').child("it's").toString()).toBe("spec['it\\'s']");
  });

  test('from the object itself', () => {
    expect(FieldPath.root('').child('metadata').toString()).toBe('metadata');
    expect(FieldPath.root('').toString()).toBe('');
  });
});

test('map keys are always bracketed, as written', () => {
  const annotations = FieldPath.root('spec.template.metadata').child('annotations');
  expect(annotations.key('container.apparmor.security.beta.kubernetes.io/web').toString()).toBe(
    "spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/web']",
  );
  expect(FieldPath.root('data').key('plain').toString()).toBe("data['plain']");
});

test('fields read from the object are written as spelt', () => {
  expect(FieldPath.root('spec.volumes').index(1).field('P=').toString()).toBe('spec.volumes[1].P=');
});
