/**
 * The names among `known` closest to `name`, for "did you mean ...?": those at the smallest
 * edit distance (insertions, deletions, substitutions and swaps of adjacent characters, letter
 * case ignored) of at most 2, and of at most half the length of `name` (so that a short name is
 * not "corrected" into an unrelated one). Empty when none is that close, or `name` is known.
 */
export function closestNames(name: string, known: readonly string[]): string[] {
  if (known.includes(name)) return [];
  const limit = Math.min(2, Math.floor(name.length / 2));
  let best = limit + 1;
  let result: string[] = [];
  for (const candidate of new Set(known)) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase(), best);
    if (d < best) {
      best = d;
      result = [candidate];
    } else if (d === best && d <= limit) result.push(candidate);
  }
  return best <= limit ? result.sort() : [];
}

/**
 * The optimal string alignment distance of `a` and `b` (Levenshtein plus adjacent swaps), or a
 * number above `cap` as soon as it must exceed it.
 */
export function editDistance(a: string, b: string, cap = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > cap) return cap + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}
