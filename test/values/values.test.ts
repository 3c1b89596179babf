import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelKeyProblems,
  labelValueProblems,
  portNameProblems,
  portNumberProblems,
} from '../../lib/values/dns-name';
import { parseQuantity, quantityProblems } from '../../lib/values/quantity';

describe('quantities', () => {
  test.each<[string | number, number]>([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['1k', 1000],
    ['100n', 1e-7],
    ['1e3', 1000],
    ['.5', 0.5],
    [3, 3],
  ])('%p = %p', (q, v) => {
    expect(parseQuantity(q)).toBeCloseTo(v);
  });
  test.each(['1GB', '', ' 1', '1 Gi', 'abc', '1.2.3', 'Mi', '1mi'])('rejects %p', (q) => {
    expect(quantityProblems(q)).not.toEqual([]);
  });
  test('negative only when allowed', () => {
    expect(quantityProblems('-1')).toEqual(['must not be negative']);
    expect(quantityProblems('-1', { allowNegative: true })).toEqual([]);
  });
});

describe('names and labels', () => {
  test.each(['web', 'a', 'my-service', '0abc', 'a'.repeat(63)])('valid DNS-1123 label %p', (v) =>
    expect(dns1123LabelProblems(v)).toEqual([]),
  );
  test.each(['Web', '-a', 'a-', 'a.b', 'a_b', '', 'a'.repeat(64)])('invalid DNS-1123 label %p', (v) =>
    expect(dns1123LabelProblems(v)).not.toEqual([]),
  );
  test.each(['a.b.c', 'example.com', 'web'])('valid subdomain %p', (v) =>
    expect(dns1123SubdomainProblems(v)).toEqual([]),
  );
  test.each(['a..b', '.a', 'A.b', 'a'.repeat(254)])('invalid subdomain %p', (v) =>
    expect(dns1123SubdomainProblems(v)).not.toEqual([]),
  );
  test.each(['app', 'app.kubernetes.io/name', 'k8s-app', 'A_b.c'])('valid label key %p', (v) =>
    expect(labelKeyProblems(v)).toEqual([]),
  );
  test.each(['/name', 'Example.com/a', 'a/', '-a', 'a/b/c', 'x'.repeat(64)])('invalid label key %p', (v) =>
    expect(labelKeyProblems(v)).not.toEqual([]),
  );
  test.each(['', 'MyApp', 'v1.2_3', 'a'.repeat(63)])('valid label value %p', (v) =>
    expect(labelValueProblems(v)).toEqual([]),
  );
  test.each(['-a', 'a b', 'a'.repeat(64), 'ä'])('invalid label value %p', (v) =>
    expect(labelValueProblems(v)).not.toEqual([]),
  );
  test.each(['http', 'liveness-port', 'h2c'])('valid port name %p', (v) => expect(portNameProblems(v)).toEqual([]));
  test.each(['HTTP', '80', 'a--b', '-http', 'a-very-long-port-name'])('invalid port name %p', (v) =>
    expect(portNameProblems(v)).not.toEqual([]),
  );
  test.each([1, 80, 65535])('valid port %p', (v) => expect(portNumberProblems(v)).toEqual([]));
  test.each([0, -1, 65536, 80.5])('invalid port %p', (v) => expect(portNumberProblems(v)).not.toEqual([]));
});
