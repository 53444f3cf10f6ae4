// The GraphQL texts of the benchmark's key operations, one copy for both workloads: `npm run bench` times each one
// alone against its SQL floor (scripts/bench.ts), `--workload mixed` sends them among the pages (scripts/bench-mixed.ts).

/** The largest organisation's landscape, as the organisation page asks for it. */
export const LANDSCAPE_QUERY = `query($slug: String!) { organisation(slug: $slug) { name usages(first: 500) { totalCount edges { node { key status
      product { name architecture supplier { name } } version { name } referenceComponents { name } } } } } }`;

/** Twelve landscapes side by side per GEMMA reference component. */
export const COMPARISON_QUERY = `query($orgs: [String!]!) { comparison(organisations: $orgs) { rows { referenceComponent { name } differs
      cells { organisation usages { key productName architecture } } } } }`;

/** The search box: products, organisations and reference components by name. */
export const SEARCH_QUERY = `query($q: String!) { search(query: $q, first: 20) { kind title path } }`;

/** A GEMMA name people use and an organisation: the usages found, with why. */
export const SEARCH_FOR_USAGES_QUERY = `query($q: String!) { search(query: $q, first: 20) { kind title path reason } }`;

/** Beheer capacity against demand over two years. */
export const CAPACITY_QUERY = `query($slug: String!) { capacity(organisation: $slug, from: "2027-01-01", to: "2028-12-31") { overAllocated
      cells { role quarter available demand balance } } }`;

/** The organisation's latest fifty changes. */
export const AUDIT_QUERY = `query($slug: String!) { auditEvents(organisation: $slug, first: 50) { edges { node { createdAt actor entityType action
      changes { field before after } } } } }`;
