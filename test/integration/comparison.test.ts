// Comparison figures through the API on the sample data, checked against the content files themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alternativeOf } from '#core/comparison.ts';
import { loadContent } from '#prisma/seed/load.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

const content = loadContent();
let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
beforeAll(async () => {
  t = await createTestDatabase();
  gql = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

const architecture = new Map(content.products.map((p) => [p.slug, p.architecture]));
const layers = new Map(content.products.map((p) => [p.slug, p.layers]));

describe('adoption on the sample data', () => {
  it('matches a count straight from content/landscapes for every organisation', async () => {
    const res = await gql<{
      organisations: {
        slug: string;
        adoption: {
          total: number;
          commonGround: number;
          hybrid: number;
          legacyStillRunning: number;
          phasingOut: number;
          interfacesCopying: number;
          interfacesAtSource: number;
          perLayer: { layer: string; total: number; commonGround: number }[];
        };
        usageSummary: { total: number; byStatus: { status: string; count: number }[] };
      }[];
    }>(`{ organisations { slug usageSummary { total byStatus { status count } }
      adoption { total commonGround hybrid legacyStillRunning phasingOut interfacesCopying interfacesAtSource perLayer { layer total commonGround } } } }`);
    for (const landscape of content.landscapes) {
      const live = landscape.usages.filter((u) => u.status === 'IN_PRODUCTION');
      const expected = {
        total: live.length,
        commonGround: live.filter((u) => architecture.get(u.product) === 'COMMON_GROUND').length,
        hybrid: live.filter((u) => architecture.get(u.product) === 'HYBRID').length,
        legacyStillRunning: landscape.usages.filter(
          (u) =>
            architecture.get(u.product) === 'LEGACY' && (u.status === 'IN_PRODUCTION' || u.status === 'PHASING_OUT'),
        ).length,
        phasingOut: landscape.usages.filter((u) => u.status === 'PHASING_OUT').length,
        interfacesCopying: landscape.interfaces.filter((i) => i.copiesData && i.status !== 'WITHDRAWN').length,
        interfacesAtSource: landscape.interfaces.filter((i) => !i.copiesData && i.status !== 'WITHDRAWN').length,
        perLayer: ['INTERACTION', 'PROCESS', 'INTEGRATION', 'SERVICE', 'DATA'].map((layer) => {
          const inLayer = live.filter((u) => layers.get(u.product)?.includes(layer as never));
          return {
            layer,
            total: inLayer.length,
            commonGround: inLayer.filter((u) => architecture.get(u.product) === 'COMMON_GROUND').length,
          };
        }),
      };
      const found = res.data?.organisations.find((o) => o.slug === landscape.organisation);
      expect(found?.adoption, landscape.organisation).toEqual(expected);
      expect(found?.usageSummary.total).toBe(landscape.usages.length);
      for (const { status, count } of found?.usageSummary.byStatus ?? [])
        expect(count).toBe(landscape.usages.filter((u) => u.status === status).length);
    }
  });
});

describe('comparison matrix on the sample data', () => {
  it('shows per organisation the products used for the Zaakregistratiecomponent', async () => {
    const orgs = ['borger-odoorn', 'coevorden', 'emmen', 'dimpact'];
    const res = await gql<{
      comparison: {
        organisations: string[];
        rows: {
          referenceComponent: { name: string };
          cells: { organisation: string; usages: { productSlug: string }[] }[];
          differs: boolean;
        }[];
      };
    }>(
      `query($o: [String!]!) { comparison(organisations: $o) { organisations rows { referenceComponent { name } differs cells { organisation usages { productSlug } } } } }`,
      { o: orgs },
    );
    expect(res.errors).toBeUndefined();
    const row = res.data?.comparison.rows.find((r) => r.referenceComponent.name === 'Zaakregistratiecomponent');
    const componentsOf = new Map(content.products.map((p) => [p.slug, p.referenceComponents]));
    for (const cell of row?.cells ?? []) {
      const landscape = content.landscapes.find((l) => l.organisation === cell.organisation);
      const expected = (landscape?.usages ?? [])
        .filter(
          (u) =>
            u.status !== 'RETIRED' &&
            (u.referenceComponents ?? componentsOf.get(u.product) ?? []).includes('Zaakregistratiecomponent'),
        )
        .map((u) => u.product);
      expect(cell.usages.map((u) => u.productSlug).sort(), cell.organisation).toEqual(
        [...new Set(expected)].sort().flatMap((p) => expected.filter((e) => e === p)),
      );
    }
    expect(row?.cells.map((c) => c.organisation)).toEqual(orgs);
    expect(row?.differs).toBe(true);
  });

  it('pairs as consolidation candidates only products that can replace one another, each with its reason', async () => {
    const orgs = ['borger-odoorn', 'coevorden', 'emmen', 'dimpact'];
    const res = await gql<{
      comparison: {
        alternatives: { products: { slug: string; name: string; organisations: string[] }[]; explanation: string }[];
      };
    }>(
      `query($o: [String!]!) { comparison(organisations: $o) { alternatives { products { slug name organisations } explanation } } }`,
      { o: orgs },
    );
    expect(res.errors).toBeUndefined();
    const found = res.data?.comparison.alternatives ?? [];
    // Straight from the content files: products the four run (not retired), with the catalogue's components.
    const components = new Map(content.products.map((p) => [p.slug, p.referenceComponents ?? []]));
    const inUse = new Map<string, Set<string>>();
    for (const l of content.landscapes.filter((x) => orgs.includes(x.organisation))) {
      for (const u of l.usages.filter((x) => x.status !== 'RETIRED'))
        inUse.set(u.product, (inUse.get(u.product) ?? new Set()).add(l.organisation));
    }
    const slugs = [...inUse.keys()].sort();
    const expected: string[] = [];
    for (const a of slugs)
      for (const b of slugs) {
        const [as, bs] = [components.get(a) ?? [], components.get(b) ?? []];
        if (a < b && as.some((c) => bs.includes(c)) && alternativeOf(as, bs)) expected.push(`${a}+${b}`);
      }
    expect(
      found
        .map((x) =>
          x.products
            .map((p) => p.slug)
            .sort()
            .join('+'),
        )
        .sort(),
    ).toEqual(expected.sort());
    for (const x of found) {
      expect(x.explanation).toMatch(
        /^(Beide realiseren precies: .+\.|.+ realiseert alles wat .+ realiseert \(.+\) en daarnaast: .+\.)$/,
      );
      for (const p of x.products) expect(p.organisations).toEqual(orgs.filter((o) => inUse.get(p.slug)?.has(o)));
    }
    // Microsoft 365 and Citrix Virtual Apps both realise Kantoorautomatiseringcomponent and are both in use, but
    // Citrix does one of Microsoft 365's two components: complementary, not an alternative.
    expect(inUse.has('microsoft-365') && inUse.has('citrix')).toBe(true);
    expect(found.some((x) => x.products.some((p) => p.slug === 'citrix'))).toBe(false);
  });

  it('refuses an unknown organisation and stays within a fixed number of statements', async () => {
    const res = await gql<{ comparison: unknown }>(
      `{ comparison(organisations: ["emmen", "atlantis"]) { rows { differs } } }`,
    );
    expect(res.errors?.[0]?.message).toMatch(/atlantis/);
    const counted = await countQueries(t.db, () =>
      gql(
        `{ comparison(organisations: ["borger-odoorn", "coevorden", "emmen", "dimpact"]) { rows { cells { usages { key } } } alternatives { products { name } explanation } separateBeheer { product } } }`,
      ),
    );
    expect(counted.count).toBeLessThanOrEqual(10);
  });

  it('ranks the standards gaps of a landscape', async () => {
    const res = await gql<{ organisation: { standardsGaps: { standard: { name: string }; usageCount: number }[] } }>(
      `{ organisation(slug: "emmen") { standardsGaps { standard { name } usageCount } } }`,
    );
    const gaps = res.data?.organisation.standardsGaps ?? [];
    expect(gaps.length).toBeGreaterThan(0);
    for (let i = 1; i < gaps.length; i++)
      expect((gaps[i - 1]?.usageCount ?? 0) >= (gaps[i]?.usageCount ?? 0)).toBe(true);
  });

  it('says of a cooperation without usages of its own that there is nothing to check, not that every usage complies', async () => {
    type Check = { verdict: string; usages: number; usagesWithGaps: number };
    const res = await gql<{
      boce: { standardsCheck: Check };
      emmen: { standardsCheck: Check; standardsGaps: unknown[] };
    }>(
      `{ boce: organisation(slug: "boce") { standardsCheck { verdict usages usagesWithGaps } }
         emmen: organisation(slug: "emmen") { standardsCheck { verdict usages usagesWithGaps } standardsGaps { usageCount } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.boce.standardsCheck).toEqual({ verdict: 'NO_USAGES', usages: 0, usagesWithGaps: 0 });
    expect(res.data?.emmen.standardsCheck.verdict).toBe('GAPS');
    expect(res.data?.emmen.standardsCheck.usagesWithGaps).toBeGreaterThan(0);
  });
});
