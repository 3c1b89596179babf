import fc from 'fast-check';
import { toYamlDocuments } from '../../lib/output/yaml-serializer';
import { PLAIN, READERS, TRICKY } from './yaml-scalars';

// Random manifest-shaped JSON, serialized and read back by a YAML 1.1 reader, a YAML 1.2 reader
// and js-yaml: each must give back exactly what was serialized (values, types, key order). And the
// fast writer for JSON must write what its js-yaml fallback (taken for non-JSON values) writes.
//
// Reproduce a failure with the seed printed in the failure message (also printed below when the
// test fails): FC_SEED=<seed> npx jest test/output/yaml-roundtrip.property.test.ts

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() ^ (Math.random() * 0x100000000);
const numRuns = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 250;

const tricky = fc.constantFrom(...TRICKY.map(([s]) => s), ...PLAIN);
/** Short strings from the characters numbers, dates and keywords are made of: where the quoting rules live. */
const numberish = fc.string({
  unit: fc.constantFrom(...'0123456789_.:+-eExXoObB aAfFTZtynNul~=<'.split('')),
  maxLength: 12,
});
/** Tricky strings with something around them: usually safe, must stay readable either way. */
const decorated = fc
  .tuple(
    fc.constantFrom('', ' ', '-', '#', ': ', '\n', "'", '"', 'x'),
    tricky,
    fc.constantFrom('', ' ', ':', '\n', 'x'),
  )
  .map(([a, s, b]) => a + s + b);
const multiline = fc
  .array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', ' ', '  indented', '\t')), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((lines) => fc.constantFrom('', '\n', '\n\n').map((end) => lines.join('\n') + end));
const anyString = fc.oneof(
  { weight: 4, arbitrary: tricky },
  { weight: 4, arbitrary: numberish },
  { weight: 2, arbitrary: decorated },
  { weight: 2, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: multiline },
  { weight: 1, arbitrary: fc.string({ minLength: 120, maxLength: 300 }) },
);
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('name', 'labels', 'image', 'ports', 'value', 'data', 'y', 'on', 'no') },
  { weight: 3, arbitrary: anyString },
);
const scalar = fc.oneof(
  { weight: 6, arbitrary: anyString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);
const { value } = fc.letrec<{ value: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('object'), tie('array')),
  object: fc
    .array(fc.tuple(key, tie('value')), { maxLength: 5 })
    // a key named __proto__ would set the prototype of the object read back, not a key: not a serializer matter
    .map((entries) => Object.fromEntries(entries.filter(([k]) => k !== '__proto__'))),
  array: fc.array(tie('value'), { maxLength: 4 }),
}));
const manifest = fc
  .record({
    apiVersion: fc.constantFrom('v1', 'apps/v1'),
    kind: fc.constantFrom('ConfigMap', 'Deployment'),
    metadata: fc.record({ name: anyString, labels: fc.dictionary(key, anyString, { maxKeys: 4 }) }),
    data: fc.dictionary(key, value, { maxKeys: 6 }),
    // random top-level keys too: they are written at column 0, where `--- x` and `... x` are markers
    extra: fc.dictionary(key, value, { maxKeys: 2 }),
  })
  .map(({ extra, ...m }) => JSON.parse(JSON.stringify({ ...extra, ...m })) as unknown); // JSON-shaped, as manifests are
/** Mostly manifests; sometimes a bare scalar or sequence as a whole document (also at column 0). */
const document = fc.oneof(
  { weight: 8, arbitrary: manifest },
  { weight: 1, arbitrary: anyString },
  { weight: 1, arbitrary: value },
);

/** The same document, but not plain JSON (a class instance at the top), so it goes through the js-yaml path. */
class NotPlain {}
const viaJsYaml = (doc: unknown) =>
  doc !== null && typeof doc === 'object' && !Array.isArray(doc)
    ? toYamlDocuments([Object.assign(new NotPlain(), doc)])
    : undefined;
/** Strings the fast writer double-quotes on purpose where js-yaml writes a literal block (the `yaml` package misreads it). */
const unsafeLiteral = (s: string) => s.includes('\n') && /^\n* /.test(s) && /(?:^|\n) +\n*$/.test(s);
const hasUnsafeLiteral = (v: unknown): boolean =>
  typeof v === 'string'
    ? unsafeLiteral(v)
    : v !== null && typeof v === 'object' && Object.values(v).some(hasUnsafeLiteral);

test('random manifests read back identically in YAML 1.1, YAML 1.2 and js-yaml', () => {
  try {
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 3 }), (docs) => {
        const text = toYamlDocuments(docs);
        for (const doc of docs) {
          const reference = viaJsYaml(doc);
          if (reference !== undefined && !hasUnsafeLiteral(doc)) expect(toYamlDocuments([doc])).toBe(reference);
        }
        for (const [name, read] of READERS) {
          const back = read(text);
          expect({ reader: name, docs: back }).toStrictEqual({ reader: name, docs });
          // toStrictEqual ignores key order; the readers keep it, so compare that too
          expect(JSON.stringify(back)).toBe(JSON.stringify(docs));
        }
      }),
      { seed, numRuns },
    );
  } catch (e) {
    // fast-check's message has the seed and the shrunk counterexample; make it impossible to miss
    process.stderr.write(`yaml-roundtrip property failed: FC_SEED=${seed}\n`);
    throw e;
  }
});
