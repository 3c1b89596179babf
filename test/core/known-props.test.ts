// The check of known props (lib/core/known-props.ts): one declaration per props interface,
// checked by the compiler both ways, and at run time unknown props are refused with a
// "did you mean" hint; a known prop set to undefined means its default.
import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  checkKnownProps,
  ConstructError,
  editDistance,
  knownProps,
  unknownPropHint,
  unknownProps,
} from '../../lib/core';

interface Base {
  readonly name?: string;
  readonly replicas?: number;
}
interface Derived extends Base {
  readonly port: number;
  readonly portName?: string;
}

const BASE = knownProps<Base>('Base')(['name', 'replicas']);
const DERIVED = knownProps<Derived>('Derived')([...BASE.names, 'port', 'portName']);

// @ts-expect-error -- a prop of the interface is not listed ('props missing from the list': "portName")
knownProps<Derived>('Derived')([...BASE.names, 'port']);
// @ts-expect-error -- a name that is not a prop of the interface
knownProps<Base>('Base')(['name', 'replicas', 'replicaz']);

function errorOf(check: () => void): ConstructError {
  try {
    check();
  } catch (err) {
    expect(err).toBeInstanceOf(ConstructError);
    return err as ConstructError;
  }
  throw new Error('expected an error');
}

describe('known props', () => {
  const scope = () => new Construct(Testing.chart(), 'thing');

  test('lists compose', () => {
    expect(DERIVED).toEqual({ of: 'Derived', names: ['name', 'replicas', 'port', 'portName'] });
  });

  test('known props pass, also set to undefined (the default)', () => {
    expect(unknownProps({ port: 80, name: undefined, replicas: undefined }, DERIVED)).toEqual([]);
    expect(() => checkKnownProps(scope(), { port: 80, portName: undefined }, DERIVED)).not.toThrow();
  });

  test('an unknown prop is refused whatever its value, with the close names', () => {
    expect(unknownProps({ port: 80, replicaz: undefined }, DERIVED)).toEqual([
      { name: 'replicaz', suggestions: ['replicas'] },
    ]);
    expect(unknownProps({ port: 80, prot: 1 }, DERIVED)).toEqual([{ name: 'prot', suggestions: ['port'] }]);
    expect(unknownProps({ port: 80, sizeLimit: 1 }, DERIVED)).toEqual([{ name: 'sizeLimit', suggestions: [] }]);
  });

  test('nothing to check in anything but a plain object', () => {
    for (const value of [undefined, null, 3, 'x', [1, 2]]) expect(unknownProps(value, DERIVED)).toEqual([]);
  });

  test('the error names the construct, the prop (nested: its path) and how to fix it', () => {
    const err = errorOf(() => checkKnownProps(scope(), { port: 80, replicaz: 3 }, DERIVED));
    expect(err.message).toBe(
      "test/thing (replicaz): 'replicaz' is not a prop of Derived. Fix: did you mean 'replicas'?",
    );
    expect([err.constructPath, err.prop, err.hint]).toEqual(['test/thing', 'replicaz', "did you mean 'replicas'?"]);
    const nested = errorOf(() => checkKnownProps(scope(), { nmae: 'a' }, BASE, 'serviceAccount'));
    expect(nested.prop).toBe('serviceAccount.nmae');
  });

  test('several unknown props: the first is the prop, all are named', () => {
    const err = errorOf(() => checkKnownProps(scope(), { port: 80, a: 1, b: 2 }, DERIVED));
    expect(err.message).toMatch(/^test\/thing \(a\): 'a' is not a prop of Derived \(nor 'b'\)\. Fix: /);
  });

  test('without a close name, the hint lists the props (or points to the reference for many)', () => {
    expect(unknownPropHint({ name: 'x', suggestions: [] }, BASE)).toBe('remove it; Base takes name, replicas');
    const many = { of: 'Many', names: Array.from({ length: 13 }, (_, i) => `prop${i}`) };
    expect(unknownPropHint({ name: 'x', suggestions: [] }, many)).toBe(
      'remove it; Many in the API reference lists the props it takes',
    );
    expect(unknownPropHint({ name: 'nam', suggestions: ['name', 'namz'] }, BASE)).toBe(
      "did you mean 'name' or 'namz'?",
    );
  });

  test('suggestions: at most 2 edits, and fewer than the unknown name has characters', () => {
    const names = { of: 'T', names: ['timeZone', 'replicas', 'port', 'id'] };
    expect(unknownProps({ timezone: 1 }, names)[0].suggestions).toEqual(['timeZone']);
    expect(unknownProps({ replcias: 1 }, names)[0].suggestions).toEqual(['replicas']);
    expect(unknownProps({ replica: 1 }, names)[0].suggestions).toEqual(['replicas']);
    expect(unknownProps({ repl: 1 }, names)[0].suggestions).toEqual([]);
    expect(unknownProps({ x: 1 }, names)[0].suggestions).toEqual([]);
  });

  test('edit distance: insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('replicas', 'replicas')).toBe(0);
    expect(editDistance('replicaz', 'replicas')).toBe(1);
    expect(editDistance('prot', 'port')).toBe(1);
    expect(editDistance('partion', 'partition')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
