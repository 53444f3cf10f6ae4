// The public catalogue's page logic: filters from the address, the products chosen to compare, the standards a
// product supports with the mandatory ones marked, and the filter as Prisma's `where`.
import { describe, expect, it } from 'vitest';
import { hasLikeWildcard, productWhere } from '#core/catalogue-filter.ts';
import { catalogueFilter, comparedSlugs, concepts, productCursor } from '#site/lib/catalogue.ts';
import {
  alternatives,
  inChosenOrder,
  missingMandatory,
  supportedStandards,
  usersByOrganisation,
} from '#site/lib/product-comparison.ts';
import { routes } from '#site/lib/routes.ts';

describe('catalogueFilter', () => {
  it('reads every filter from the address and gives the same filters back for paging links', () => {
    const cursor = Buffer.from('GPC:S:cmabc123').toString('base64');
    const filter = catalogueFilter(
      new URLSearchParams(
        `q=+zaak+&architectuur=COMMON_GROUND&laag=DATA&licentie=open&leverancier=maykin&component=c1&standaard=s1&na=${cursor}`,
      ),
    );
    expect(filter.variables).toEqual({
      search: 'zaak',
      architecture: 'COMMON_GROUND',
      layer: 'DATA',
      openSource: true,
      supplier: 'maykin',
      referenceComponent: 'c1',
      standard: 's1',
      after: cursor,
    });
    expect(filter.filtered).toBe(true);
    expect(routes.products({ ...filter.query, na: 'y' })).toBe(
      '/pakketten?q=zaak&architectuur=COMMON_GROUND&laag=DATA&licentie=open&leverancier=maykin&component=c1&standaard=s1&na=y',
    );
  });

  it('takes a cursor the API did not give out as the first page', () => {
    const given = Buffer.from('GPC:S:cmabc123').toString('base64');
    expect(productCursor(given)).toBe(given);
    for (const bad of [
      'zzz',
      'x',
      '',
      '%%%',
      Buffer.from('GPC:N:1').toString('base64'),
      Buffer.from('zzz').toString('base64'),
    ])
      expect(catalogueFilter(new URLSearchParams({ na: bad })).variables.after, bad).toBeNull();
  });

  it('takes an unknown value as no filter, and closed source as openSource false', () => {
    const filter = catalogueFilter(new URLSearchParams('architectuur=toString&laag=KELDER&licentie=gesloten'));
    expect(filter.variables.architecture).toBeNull();
    expect(filter.variables.layer).toBeNull();
    expect(filter.variables.openSource).toBe(false);
    expect(catalogueFilter(new URLSearchParams('licentie=anders')).variables.openSource).toBeNull();
    expect(catalogueFilter(new URLSearchParams('')).filtered).toBe(false);
    expect(catalogueFilter(new URLSearchParams(`q=${'a'.repeat(300)}`)).variables.search).toHaveLength(200);
  });
});

describe('comparedSlugs', () => {
  it('keeps each product once, in the order chosen, at most four', () => {
    expect(comparedSlugs(new URLSearchParams('pakket=b&pakket=a&pakket=b&pakket=&pakket=c&pakket=d&pakket=e'))).toEqual(
      ['b', 'a', 'c', 'd'],
    );
  });
});

describe('the comparison of products', () => {
  const product = {
    slug: 'open-zaak',
    referenceComponents: [
      {
        gemmaId: 'zrc',
        standards: [
          { mandatory: true, standard: { gemmaId: 'zgw' } },
          { mandatory: false, standard: { gemmaId: 'stuf' } },
          { mandatory: true, standard: { gemmaId: 'nlapi' } },
        ],
        products: [
          { slug: 'open-zaak', name: 'Open Zaak' },
          { slug: 'rx-mission', name: 'Rx.Mission' },
        ],
      },
      { gemmaId: 'drc', standards: [], products: [{ slug: 'alfresco', name: 'Alfresco' }] },
    ],
    standards: [
      { version: null, standard: { gemmaId: 'stuf', name: 'StUF', url: null } },
      { version: '1.5', standard: { gemmaId: 'zgw', name: "ZGW API's", url: 'https://vng.nl' } },
    ],
  };

  it('marks the standards mandatory for its reference components, mandatory first', () => {
    expect(supportedStandards(product)).toEqual([
      { gemmaId: 'zgw', name: "ZGW API's", url: 'https://vng.nl', version: '1.5', mandatory: true },
      { gemmaId: 'stuf', name: 'StUF', url: null, version: null, mandatory: false },
    ]);
    expect(missingMandatory(product)).toEqual(['nlapi']);
  });

  it('offers the other products of its reference components, by name', () => {
    expect(alternatives(product)).toEqual([
      { slug: 'alfresco', name: 'Alfresco' },
      { slug: 'rx-mission', name: 'Rx.Mission' },
    ]);
    expect(alternatives(product, 1)).toEqual([{ slug: 'alfresco', name: 'Alfresco' }]);
  });

  it('shows the products in the order chosen and leaves out unknown ones', () => {
    expect(inChosenOrder(['b', 'x', 'a'], [{ slug: 'a' }, { slug: 'b' }])).toEqual([{ slug: 'b' }, { slug: 'a' }]);
  });
});

describe('productWhere', () => {
  it('is every product without a filter', () => {
    expect(productWhere({}, 'sqlite')).toEqual({});
  });

  it('searches a text with a LIKE wildcard by the ids that hold it literally, never by pattern', () => {
    for (const text of ['%', 'a_b', 'c:\\x']) {
      expect(hasLikeWildcard(text), text).toBe(true);
      expect(() => productWhere({ search: text }, 'sqlite'), text).toThrow();
      expect(productWhere({ search: text, layer: 'DATA' }, 'postgres', ['p1'])).toEqual({
        layers: { some: { layer: 'DATA' } },
        AND: [{ id: { in: ['p1'] } }],
      });
    }
    expect(hasLikeWildcard(' zaak ')).toBe(false);
  });

  it('narrows by each filter, text over name, supplier and description (case-insensitive on PostgreSQL)', () => {
    expect(
      productWhere(
        {
          search: ' zaak ',
          layer: 'DATA',
          openSource: false,
          supplier: 'maykin',
          referenceComponent: 'c1',
          standard: 's1',
          slugs: ['a'],
        },
        'postgres',
      ),
    ).toEqual({
      openSource: false,
      layers: { some: { layer: 'DATA' } },
      supplier: { slug: 'maykin' },
      referenceComponents: { some: { referenceComponentId: 'c1' } },
      standards: { some: { standardId: 's1' } },
      slug: { in: ['a'] },
      OR: [
        { name: { contains: 'zaak', mode: 'insensitive' } },
        { supplier: { name: { contains: 'zaak', mode: 'insensitive' } } },
        { description: { contains: 'zaak', mode: 'insensitive' } },
      ],
    });
  });
});

describe('concepts', () => {
  it('each explains its concept in Dutch and points at a heading of the glossary', async () => {
    const { readFileSync } = await import('node:fs');
    const glossary = readFileSync('content/pages/begrippen.md', 'utf8');
    for (const concept of Object.values(concepts)) {
      const heading = glossary.match(/^### (.+)$/gm)?.find((h) => slugOf(h.slice(4)) === concept.anchor);
      expect(heading, concept.anchor).toBeDefined();
    }
  });
});

/** The anchor a markdown heading gets (github-slugger's rule for plain words). */
const slugOf = (text: string) => text.toLowerCase().replace(/\s+/g, '-');

describe('usersByOrganisation', () => {
  it('names each organisation once, by name, with its statuses and experiences each once', () => {
    const org = (slug: string, name: string) => ({ slug, name });
    expect(
      usersByOrganisation([
        { status: 'IN_PRODUCTION', experience: 'Goed', organisation: org('dimpact', 'Dimpact') },
        { status: 'IN_PRODUCTION', experience: ' Goed ', organisation: org('dimpact', 'Dimpact') },
        { status: 'PLANNED', experience: null, organisation: org('dimpact', 'Dimpact') },
        { status: 'RETIRED', experience: '', organisation: org('assen', 'Assen') },
      ]),
    ).toEqual([
      { slug: 'assen', name: 'Assen', statuses: ['RETIRED'], experiences: [] },
      { slug: 'dimpact', name: 'Dimpact', statuses: ['IN_PRODUCTION', 'PLANNED'], experiences: ['Goed'] },
    ]);
  });
});
