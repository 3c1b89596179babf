import { toYamlDocuments } from '../../lib/output/yaml-serializer';
import { PLAIN, READERS, TRICKY } from './yaml-scalars';

describe('every tricky scalar is quoted and reads back as the same string', () => {
  test.each(TRICKY)('%j (%s)', (s) => {
    const doc = { metadata: { labels: { k: s }, annotations: { [s]: 'v' } }, args: [s, [s]], [s]: { [s]: s } };
    const text = toYamlDocuments([doc, { data: s }]);
    const q = JSON.stringify(s);
    expect(text).toContain(`k: ${q}\n`);
    expect(text).toContain(`${q}: v\n`);
    expect(text).toContain(`- ${q}\n`);
    expect(text).toContain(`data: ${q}\n`);
    for (const [, read] of READERS) expect(read(text)).toStrictEqual([doc, { data: s }]);
  });
});

describe('strings that are safe plain stay plain (output unchanged)', () => {
  test.each(PLAIN)('%j', (s) => {
    const text = toYamlDocuments([{ k: s, [s]: 1 }]);
    expect(text).toBe(`k: ${s}\n${s}: 1\n`);
    for (const [, read] of READERS) expect(read(text)).toStrictEqual([{ k: s, [s]: 1 }]);
  });
});

test('layout: key order, --- between documents, literal blocks for multi-line strings, no folding', () => {
  const long = 'x '.repeat(100).trim();
  const text = toYamlDocuments([
    {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      data: { 'a.sh': '#!/bin/sh\necho hi\n', long, keep: 'a\n\n', strip: 'a\nb' },
    },
    { z: 1, a: [], b: {}, c: null, d: true, e: 1.5, f: [{ x: 1, y: ['p'] }] },
  ]);
  expect(text).toBe(
    [
      'kind: ConfigMap',
      'apiVersion: v1',
      'data:',
      '  a.sh: |',
      '    #!/bin/sh',
      '    echo hi',
      `  long: ${long}`,
      '  keep: |+',
      '    a',
      '',
      '  strip: |-',
      '    a',
      '    b',
      '---',
      'z: 1',
      'a: []',
      'b: {}',
      'c: null',
      'd: true',
      'e: 1.5',
      'f:',
      '  - x: 1',
      '    "y":',
      '      - p',
      '',
    ].join('\n'),
  );
});
