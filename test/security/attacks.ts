// The small anonymous requests that ran the hub out of memory, for the in-process and the built-server tests.

/** `{ organisations { members { memberOf { ... { name } } } } }`: `levels` alternating list fields under `organisations`. */
export function nestedOrganisations(levels: number): string {
  let inner = '{ name }';
  for (let i = levels - 1; i >= 0; i--) inner = `{ ${i % 2 === 0 ? 'members' : 'memberOf'} ${inner} }`;
  return `{ organisations ${inner} }`;
}
export const aliases = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/**
 * `query { ...F0 } fragment F0 on Query { ...F1 ...F1 } … fragment Fn on Query { hubSummary { __typename } }`: each
 * fragment spreads the next twice, so the last one is used 2^n times by a document of a few hundred bytes.
 */
export function fragmentFanOut(n: number): string {
  let document = 'query { ...F0 }\n';
  for (let i = 0; i < n; i++) document += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }\n`;
  return `${document}fragment F${n} on Query { hubSummary { __typename } }`;
}

/** The attacks the hub fell to, as an anonymous visitor sent them. */
export const ATTACKS = {
  'organisations nested seven levels': nestedOrganisations(7),
  '200 aliases of gemmaAmeff': aliases(200, 'gemmaAmeff'),
  '200,000 aliases of __typename': aliases(200_000, '__typename'),
  '300 aliases of comparison': aliases(
    300,
    'comparison(organisations: ["emmen", "coevorden"]) { rows { cells { usages { key } } } }',
  ),
  '22 fragments each spreading the next twice': fragmentFanOut(22),
  '30 fragments each spreading the next twice': fragmentFanOut(30),
};
