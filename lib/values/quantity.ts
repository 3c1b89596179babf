/**
 * Kubernetes resource quantities (`resource.Quantity`): a signed decimal number with an
 * optional binary (Ki, Mi, Gi, Ti, Pi, Ei), decimal (n, u, m, k, M, G, T, P, E) or exponent
 * (e3, E-2) suffix.
 */

import { Size, SizeRoundingBehavior } from 'cdk8s';

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const MULTIPLIERS: Readonly<Record<string, number>> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Parses a quantity to its numeric value in base units (cores, bytes, count), or undefined if malformed. */
export function parseQuantity(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value.trim() === value ? value : '');
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  const number = Number(digits) * (sign === '-' ? -1 : 1);
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return number * MULTIPLIERS[suffix];
}

/** Problems with a quantity (empty when valid): malformed, or negative where not allowed. */
export function quantityProblems(value: string | number, options: { allowNegative?: boolean } = {}): string[] {
  const parsed = parseQuantity(value);
  if (parsed === undefined) {
    return [
      "must be a quantity such as '500m', '2', '128Mi' or '1Gi' (a number with an optional suffix n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)",
    ];
  }
  if (!options.allowNegative && parsed < 0) return ['must not be negative'];
  return [];
}

/**
 * A storage size as a quantity in the largest binary unit that states it exactly: `1Gi` for
 * `Size.gibibytes(1)` (as cdk8s-plus writes its PersistentVolumeClaims), `1536Mi` for 1.5 GiB.
 */
export function sizeToQuantity(size: Size): string {
  const exact = { rounding: SizeRoundingBehavior.NONE };
  const units: readonly [string, (s: Size) => number][] = [
    ['Pi', (s) => s.toPebibytes(exact)],
    ['Ti', (s) => s.toTebibytes(exact)],
    ['Gi', (s) => s.toGibibytes(exact)],
    ['Mi', (s) => s.toMebibytes(exact)],
    ['Ki', (s) => s.toKibibytes(exact)],
  ];
  for (const [suffix, convert] of units) {
    const n = convert(size);
    if (Number.isInteger(n) && n > 0) return `${n}${suffix}`;
  }
  return `${size.toKibibytes(exact)}Ki`;
}
