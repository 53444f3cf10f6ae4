// Unique keys for names in the order of a file: the name itself, then -2, -3, ... The next number to try is
// remembered per base, so that twenty thousand components of one name cost as many steps, not their square.

/** A key maker over the keys already taken (which it adds to): `next(base)` gives base, base-2, base-3, ... */
export function uniqueKeys(taken: Set<string> = new Set()) {
  // Per base, the number to try next (1 stands for the base itself).
  const nextNumber = new Map<string, number>();
  return (base: string) => {
    const keyOf = (n: number) => (n === 1 ? base : `${base}-${n}`);
    let n = nextNumber.get(base) ?? 1;
    while (taken.has(keyOf(n))) n = n === 1 ? 2 : n + 1;
    nextNumber.set(base, n === 1 ? 2 : n + 1);
    const key = keyOf(n);
    taken.add(key);
    return key;
  };
}
