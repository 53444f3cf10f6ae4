// A supplier's or product's other names, stored one per line in its `aliases` column.

/** The names in an `aliases` column, without empty lines. */
export const splitAliases = (stored: string | null | undefined): string[] =>
  (stored ?? '')
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);

/** One column value for the names, each once (compared without case), in the order given. */
export function joinAliases(names: readonly string[]): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    kept.push(name);
  }
  return kept.join('\n');
}
