import { describe, expect, it } from 'vitest';
import { domainOf, matchProduct, matchSupplier, normaliseName, repositoryOwner } from '#core/exchange/matching.ts';

const suppliers = [
  {
    id: 's1',
    slug: 'maykin-media',
    name: 'Maykin Media',
    website: 'https://www.maykinmedia.nl',
    repositoryOwners: ['maykinmedia'],
  },
  { id: 's2', slug: 'info-nl', name: 'INFO.nl', website: 'https://www.info.nl' },
  { id: 's3', slug: 'conduction', name: 'Conduction', website: 'https://conduction.nl' },
  { id: 's4', slug: 'gemeente-amsterdam', name: 'Gemeente Amsterdam', aliases: ['Amsterdam'] },
];

describe('supplier names as real files write them', () => {
  it('drops legal forms, punctuation, case and filler words', () => {
    expect(normaliseName('Maykin Media B.V.')).toBe('maykin');
    expect(normaliseName('Conduction B.V')).toBe('conduction');
    expect(normaliseName('INFO.nl')).toBe('info');
    expect(normaliseName('Gemeente Amsterdam')).toBe('gemeente amsterdam');
    expect(normaliseName('Software BV')).toBe('software bv');
  });

  it('reads domains and repository owners', () => {
    expect(domainOf('https://www.info.nl/')).toBe('info.nl');
    expect(domainOf('javascript:alert(1)')).toBeNull();
    expect(repositoryOwner('http://github.com/maykinmedia/open-object.git')).toBe('maykinmedia');
    expect(repositoryOwner('git@github.com:Amsterdam/signals-frontend.git')).toBe('amsterdam');
    expect(repositoryOwner('git://gitlab.com/Owner/x')).toBe('owner');
  });

  it('matches each real spelling to the catalogue supplier and says why', () => {
    expect(matchSupplier({ name: 'Maykin' }, suppliers)).toEqual({
      match: suppliers[0],
      reason: expect.stringContaining('"maykin"'),
    });
    expect(matchSupplier({ name: 'INFO', website: 'https://www.info.nl/' }, suppliers)?.match.id).toBe('s2');
    expect(matchSupplier({ name: 'Conduction B.V' }, suppliers)?.match.id).toBe('s3');
    expect(matchSupplier({ name: 'Amsterdam' }, suppliers)?.reason).toBe('bekende andere naam "Amsterdam"');
    expect(matchSupplier({ name: 'Onbekend', repository: 'https://github.com/maykinmedia/x' }, suppliers)?.reason).toBe(
      'zelfde eigenaar van de repository (maykinmedia)',
    );
    expect(matchSupplier({ name: 'Signalen' }, suppliers)).toBeNull();
  });

  it('does not guess when a weak sign points at two suppliers', () => {
    const twins = [
      { id: 'a', slug: 'acme-bv', name: 'Acme BV' },
      { id: 'b', slug: 'acme-software', name: 'Acme Software' },
    ];
    expect(matchSupplier({ name: 'Acme' }, twins)).toBeNull();
  });
});

describe('products', () => {
  const products = [
    { id: 'p1', slug: 'open-zaak', name: 'Open Zaak', supplierId: 's1' },
    { id: 'p2', slug: 'suite-a', name: 'Suite', supplierId: 's1' },
    { id: 'p3', slug: 'suite-b', name: 'Suite', supplierId: 's2' },
  ];
  it('matches by name, preferring the supplier, and refuses to guess between namesakes', () => {
    expect(matchProduct('open zaak', null, products)?.match.id).toBe('p1');
    expect(matchProduct('Suite', 's2', products)?.match.id).toBe('p3');
    expect(matchProduct('Suite', null, products)).toBeNull();
    expect(matchProduct('Open-Zaak', 's2', products)?.reason).toContain('andere leverancier');
    expect(matchProduct('Iets anders', null, products)).toBeNull();
  });

  it('recognises a longer or shorter name of a product only within its supplier, and only for a name that means something', () => {
    const catalogue = [
      { id: 'p4', slug: 'signalen', name: 'Signalen', supplierId: 's4' },
      { id: 'p5', slug: 'open', name: 'Open', supplierId: 's1' },
    ];
    expect(matchProduct('Signalen frontend', 's4', catalogue)).toEqual({
      match: catalogue[0],
      reason: 'naam begint met "Signalen", zelfde leverancier',
    });
    expect(matchProduct('Signalen frontend', 's1', catalogue)).toBeNull();
    expect(matchProduct('Signalen frontend', null, catalogue)).toBeNull();
    // "open" is too short to say that "Open Forms" is the same product.
    expect(matchProduct('Open Forms', 's1', catalogue)).toBeNull();
  });
});

describe('a national catalogue', () => {
  it('matches each of 20,000 lines against 2,000 products by an index built once per list', () => {
    const products = Array.from({ length: 2000 }, (_, i) => ({
      id: `p${i}`,
      slug: `pakket-${i}`,
      name: `Pakket ${i} B.V.`,
      supplierId: `s${i % 50}`,
    }));
    let matched = 0;
    for (let line = 0; line < 20_000; line++)
      if (matchProduct(`pakket ${line % 2000}`, `s${line % 50}`, products)?.match.id === `p${line % 2000}`) matched++;
    expect(matched).toBe(20_000);
    // Another list is another index: a product added to a copy is found there, not in the original.
    const more = [...products, { id: 'nieuw', slug: 'nieuw', name: 'Nieuw', supplierId: 's1' }];
    expect(matchProduct('Nieuw', null, more)?.match.id).toBe('nieuw');
    expect(matchProduct('Nieuw', null, products)).toBeNull();
  });
});
