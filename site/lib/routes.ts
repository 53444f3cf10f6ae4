// The address of every page and download of the site, one function per page family: links and redirects are built
// here, with path segments and query values encoded, so a renamed path or parameter changes in one place.

/** A query value: repeated for a list, left out when null, undefined or empty. */
type QueryValue = string | number | boolean | readonly string[] | null | undefined;
type Query = Record<string, QueryValue>;

const segment = (value: string) => encodeURIComponent(value);

/** `path` with its query string (keys in the given order, values with encodeURIComponent) and fragment. */
export function withQuery(path: string, query: Query = {}, hash?: string): string {
  const pairs = Object.entries(query).flatMap(([key, value]) => {
    const values = Array.isArray(value)
      ? value
      : value === null || value === undefined || value === '' || value === false
        ? []
        : [String(value)];
    return values.map((v: string) => `${segment(key)}=${segment(v)}`);
  });
  return `${path}${pairs.length ? `?${pairs.join('&')}` : ''}${hash ? `#${hash}` : ''}`;
}

/** The catalogue's filters, as site/lib/catalogue.ts names them. */
export type ProductsQuery = {
  q?: string | null;
  architectuur?: string | null;
  laag?: string | null;
  licentie?: 'open' | 'gesloten' | null;
  leverancier?: string | null;
  component?: string | null;
  standaard?: string | null;
  na?: string | null;
};

/** Where sign-in returns to; the start page is the default and needs no parameter. */
const returnTo = (path?: string | null) => (path && path !== '/' ? path : null);

const organisationPath = (slug: string) => `/organisaties/${segment(slug)}`;

/** The downloads of an organisation's landscape, by file name. */
export type LandscapeDownload = 'archimate.xml' | 'gebruik.csv' | 'gebruik.xlsx' | 'koppelingen.csv' | 'landschap.yaml';

/** The choices of a drawing on a GEMMA view, as its address writes them (architectuur is the default colouring). */
export interface ViewQuery {
  kleur?: 'architectuur' | 'status';
  groep?: string | null;
  met?: readonly string[];
  grootte?: 'ware' | null;
  /** The landscape of that day (YYYY-MM-DD) instead of as registered. */
  datum?: string | null;
}
const viewQuery = (q: ViewQuery) => ({
  kleur: q.kleur === 'status' ? 'status' : null,
  groep: q.groep,
  met: q.met,
  grootte: q.grootte,
  datum: q.datum,
});

export const routes = {
  /** The start page; `after` pages the list of organisations. */
  home: (after?: string | null) => withQuery('/', { na: after }),
  /** An editorial page from content/pages (common-ground, begrippen, over). */
  contentPage: (slug: string) => `/${segment(slug)}`,
  graphql: () => '/graphql',
  search: (q?: string | null) => withQuery('/zoeken', { q }),
  /** The comparison; `datum` shows the landscapes of that day (YYYY-MM-DD). */
  compare: (organisations: readonly string[] = [], datum?: string | null) =>
    withQuery('/vergelijk', { org: organisations, datum }),
  /** The statistics over all partners, or one partner's (`organisatie`, a slug). */
  statistics: (organisation?: string | null, hash?: string) =>
    withQuery('/statistieken', { organisatie: organisation }, hash),
  compareArchimate: (organisations: readonly string[], datum?: string | null) =>
    withQuery('/vergelijk/archimate.xml', { org: organisations, datum }),

  signIn: (returnPath?: string | null, query: { wachtwoord?: 'hersteld' } = {}) =>
    withQuery('/inloggen', { terug: returnTo(returnPath), ...query }),
  secondStep: (returnPath?: string | null) => withQuery('/inloggen/tweede-stap', { terug: returnTo(returnPath) }),
  singleSignOn: (returnPath?: string | null) => withQuery('/inloggen/sso', { terug: returnTo(returnPath) }),
  singleSignOnLink: () => '/inloggen/sso/koppelen',
  singleSignOnReturn: () => '/inloggen/sso/terug',
  signOut: () => '/uitloggen',
  noAccess: () => '/geen-toegang',
  passwordForgotten: () => '/wachtwoord-vergeten',
  passwordReset: (token?: string) => withQuery('/wachtwoord-herstellen', { sleutel: token }),
  invitation: (token?: string) => withQuery('/uitnodiging', { sleutel: token }),

  account: (query: { wachtwoord?: 'gewijzigd' } = {}, hash?: string) => withQuery('/account', query, hash),
  accountPassword: () => '/account/wachtwoord',
  accountSecondFactor: () => '/account/tweestapsverificatie',
  /** The instance administrator's identity providers; `id` opens one for editing. */
  identityProviders: (query: { id?: string; opgeslagen?: 'ja' } = {}, hash?: string) =>
    withQuery('/beheer/inloggen', query, hash),

  /** An organisation's landscape at a glance; `hash` points at a section below the first screen. */
  organisation: (slug: string, hash?: string) => withQuery(organisationPath(slug), {}, hash),
  /** An organisation's usages in tables; `indeling` groups them by layer (default) or by GEMMA group. */
  usages: (slug: string, query: { indeling?: 'groep' } = {}, hash?: string) =>
    withQuery(`${organisationPath(slug)}/gebruik`, query, hash),
  landscapeDownload: (slug: string, file: LandscapeDownload) => `${organisationPath(slug)}/${file}`,
  /** The landscape of a day as an ArchiMate plateau. */
  landscapePlateau: (slug: string, datum: string) => withQuery(`${organisationPath(slug)}/archimate.xml`, { datum }),
  /** What changes in the landscape between two days (YYYY-MM-DD). */
  difference: (slug: string, query: { van?: string | null; tot?: string | null } = {}) =>
    withQuery(`${organisationPath(slug)}/verschil`, query),
  /** GEMMA's views to draw the landscape on, with how much of each it covers. */
  views: (slug: string) => `${organisationPath(slug)}/platen`,
  /** The landscape on one GEMMA view: colouring, one group (`groep`), other organisations beside it (`met`). */
  view: (slug: string, code: string, query: ViewQuery = {}, hash?: string) =>
    withQuery(`${organisationPath(slug)}/platen/${segment(code)}`, viewQuery(query), hash),
  /** The same drawing as a file. */
  viewDownload: (slug: string, code: string, format: 'svg' | 'png', query: ViewQuery = {}) =>
    withQuery(`${organisationPath(slug)}/platen/${segment(code)}.${format}`, viewQuery(query)),
  /** The usages with an algorithm or AI system affecting residents: AI Act risk class, oversight, register entry. */
  algorithms: (slug: string) => `${organisationPath(slug)}/algoritmen`,
  /** The usages in scope of ENSIA's self-evaluation, per national facility. */
  ensia: (slug: string) => `${organisationPath(slug)}/ensia`,
  /** The organisation's security and privacy dashboard (its members only); `hash` names a figure's section. */
  securityDashboard: (slug: string, hash?: string) => withQuery(`${organisationPath(slug)}/veiligheid`, {}, hash),
  /** The security and privacy figures across the partners, one row per organisation. */
  securityOverview: () => '/veiligheid',
  /** Every partner's algorithms and AI systems, narrowed by risk class (`risico`) and organisation. */
  algorithmsOverview: (query: { risico?: readonly string[]; organisatie?: string | null } = {}) =>
    withQuery('/algoritmen', query),
  /** Per organisation its usages in scope of ENSIA, per national facility. */
  ensiaOverview: () => '/ensia',
  /** An organisation's statement of applicability (BIO2); `stand` filters on decision or state. */
  vvt: (slug: string, query: { stand?: string | null } = {}, hash?: string) =>
    withQuery(`${organisationPath(slug)}/vvt`, query, hash),
  /** The statement as a file. */
  vvtDownload: (slug: string, format: 'csv' | 'xlsx') => `${organisationPath(slug)}/vvt.${format}`,
  /** Importing the statement from a CSV or Excel file (its editors). */
  vvtImport: (slug: string) => `${organisationPath(slug)}/vvt/inlezen`,
  /** With whom the organisation shares its statement (its editors). */
  vvtShare: (slug: string) => `${organisationPath(slug)}/vvt/delen`,
  /** Statements of 2 to 4 organisations side by side; `verschillen` only where they differ, `thema` one theme. */
  vvtCompare: (query: { organisatie?: string[]; verschillen?: 'ja' | null; thema?: string | null } = {}) =>
    withQuery('/vvt/vergelijk', query),
  /** The form for one line of the statement (a BIO2 measure number such as 5.01.01). */
  vvtLine: (slug: string, number: string) => `${organisationPath(slug)}/vvt/${segment(number)}`,
  /** An organisation's evidence documents and those shared with it; `opgeslagen` says what was just done. */
  evidence: (slug: string, query: { opgeslagen?: 'toegevoegd' | 'gewijzigd' | 'verwijderd' } = {}, hash?: string) =>
    withQuery(`${organisationPath(slug)}/bewijs`, query, hash),
  /** The form that changes or deletes one of the organisation's evidence documents. */
  evidenceEdit: (slug: string, key: string) => `${organisationPath(slug)}/bewijs/${segment(key)}`,
  /** An organisation's register of processing activities (AVG article 30; its members only). */
  processingRegister: (slug: string) => `${organisationPath(slug)}/verwerkingen`,
  /** One activity of the register by its database id, or "nieuw" for the form that adds one. */
  processingActivity: (slug: string, id: string) => `${organisationPath(slug)}/verwerkingen/${segment(id)}`,
  /** The whole register on one printable page. */
  processingPrint: (slug: string) => `${organisationPath(slug)}/verwerkingen/afdrukken`,
  /** The register as a file. */
  processingDownload: (slug: string, file: 'verwerkingen.csv' | 'verwerkingen.xlsx') =>
    `${organisationPath(slug)}/${file}`,
  changes: (slug: string, after?: string | null) => withQuery(`${organisationPath(slug)}/wijzigingen`, { na: after }),
  /** The security officer's confirmation that the landscape is current and complete (members only). */
  attestation: (slug: string, query: { bevestigd?: 'ja' } = {}) =>
    withQuery(`${organisationPath(slug)}/bevestiging`, query),
  landscapeImport: (slug: string) => `${organisationPath(slug)}/importeren`,
  organisationSignIn: (slug: string, query: { opgeslagen?: 'ja' } = {}) =>
    withQuery(`${organisationPath(slug)}/inloggen`, query),
  proposals: (slug: string, query: { gedaan?: string } = {}) =>
    withQuery(`${organisationPath(slug)}/voorstellen`, query),
  newUsage: (slug: string) => `${organisationPath(slug)}/gebruik/nieuw`,
  /** One usage of an organisation; `opgeslagen` names what was just saved. */
  usage: (slug: string, key: string, query: { opgeslagen?: string } = {}, hash?: string) =>
    withQuery(`${organisationPath(slug)}/gebruik/${segment(key)}`, query, hash),
  /** The koppelingen map and list; `soort` narrows it to interface types. */
  interfaces: (slug: string, query: { soort?: readonly string[] } = {}, hash?: string) =>
    withQuery(`${organisationPath(slug)}/koppelingen`, query, hash),
  interface: (slug: string, key: string) => `${organisationPath(slug)}/koppelingen/${segment(key)}`,

  /** The public catalogue of products, searched and filtered (site/lib/catalogue.ts reads the parameters). */
  products: (query: ProductsQuery = {}, hash?: string) => withQuery('/pakketten', query, hash),
  product: (slug: string) => `/pakketten/${segment(slug)}`,
  /** The file of an evidence document of a product, by the document's key; for the readers its visibility names. */
  evidenceDownload: (productSlug: string, key: string) => `/pakketten/${segment(productSlug)}/bewijs/${segment(key)}`,
  /** Two to four products side by side. */
  compareProducts: (slugs: readonly string[] = []) => withQuery('/pakketten/vergelijk', { pakket: slugs }),
  suppliers: () => '/leveranciers',
  standards: () => '/standaarden',
  externalServices: () => '/voorzieningen',
  /** A concept explained on the glossary page (content/pages/begrippen.md), by its heading's anchor. */
  concept: (anchor: string) => withQuery('/begrippen', {}, anchor),
  productImport: () => '/pakketten/inlezen',
  /** Merging products or suppliers. */
  merge: (kind?: 'pakketten' | 'leveranciers') => withQuery('/pakketten/samenvoegen', { soort: kind }),

  referenceComponents: () => '/referentiecomponenten',
  referenceComponentsImport: () => '/referentiecomponenten/inlezen',
  gemmaArchimate: () => '/referentiecomponenten/gemma.xml',
  /** Reading a later version of the BIO2 measures (instance administrators). */
  bio2Import: () => '/bio2/inlezen',

  transition: (hash?: string) => withQuery('/transitie', {}, hash),
  programme: (slug: string) => `/transitie/${segment(slug)}`,
  /** Capacity per organisation, role and quarter; `van`/`tot` are quarters (2026-Q1), `cel` opens one cell. */
  capacity: (query: { org?: readonly string[]; van?: string; tot?: string; cel?: string } = {}, hash?: string) =>
    withQuery('/transitie/capaciteit', query, hash),
  scenarios: () => '/transitie/scenarios',
  scenario: (id: string) => `/transitie/scenarios/${segment(id)}`,
} as const;
