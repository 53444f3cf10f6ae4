// The landscape at a date on the sample data: Coevorden on 1 July 2027 (the Dimpact deadline) worked out by hand from
// content/landscapes/coevorden.yaml and content/plans/coevorden.yaml, through the core and through the API's `at`.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { comparisonFile, landscapePlateauFile } from '#core/exchange/downloads.ts';
import { landscapeAt, landscapeDifference } from '#core/landscape-at.ts';
import { loadLandscapeInputs } from '#core/landscape-load.ts';
import { schemaErrors } from '../helpers/archimate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

// Worked out by hand. Today 2026-12-01 no status date of Coevorden lies ahead; the plan moves:
// - zaakregistratie-open-zaak (no parallel run): open-zaak ACQUIRING -> IN_PRODUCTION at its planned end 2027-04-30;
// - mijn-omgeving-open-inwoner (no parallel run): open-inwoner PLANNED -> IN_PRODUCTION at 2027-04-30;
// - zaakafhandeling-zac: zac ACQUIRING -> IN_PRODUCTION at the parallel run's start 2027-05-15; powerbrowser, which it
//   replaces, PHASING_OUT from 2027-05-15 and RETIRED at the parallel run's end 2027-06-30.
// So on 2027-07-01 of the 62 usages: 55 in production (the 53 in production today less powerbrowser, plus zac,
// open-zaak and open-inwoner), 3 planned (haal-centraal-brp-proxy, open-archiefbeheer, zgw-office-addin), 2 acquiring
// (objecten, open-notificaties), 2 retired (e-suite since 2023-06-30, powerbrowser).
const TODAY = new Date('2026-12-01T00:00:00Z');
const DEADLINE = new Date('2027-07-01T00:00:00Z');
const COMING = { zac: 'IN_PRODUCTION', 'open-zaak': 'IN_PRODUCTION', 'open-inwoner': 'IN_PRODUCTION' };
const EXPECTED_COUNTS = { IN_PRODUCTION: 55, PLANNED: 3, ACQUIRING: 2, RETIRED: 2, PHASING_OUT: 0 };

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
let keyOf: Map<string, string>;
let coevordenId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  gql = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }])).token,
  );
  const org = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'coevorden' } });
  coevordenId = org.id;
  const usages = await t.db.prisma.usage.findMany({
    where: { organisationId: org.id },
    select: { id: true, key: true },
  });
  keyOf = new Map(usages.map((u) => [u.id, u.key]));
  // The API's "today" is the clock's: fixed to the day the case above was worked out for.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
});
afterAll(async () => {
  vi.useRealTimers();
  await t?.drop();
});

const countBy = (statuses: string[]) =>
  Object.fromEntries(Object.keys(EXPECTED_COUNTS).map((s) => [s, statuses.filter((x) => x === s).length]));

describe('Coevorden on 1 July 2027, by hand', () => {
  it('the core gives the hand-worked landscape', async () => {
    const [inputs] = await loadLandscapeInputs(t.db, [coevordenId]);
    if (!inputs) throw new Error('no inputs');
    const at = landscapeAt(inputs.usages, inputs.migrations, DEADLINE, TODAY);
    const status = new Map(at.map((l) => [keyOf.get(l.usage.id), l.status]));
    expect(at).toHaveLength(62);
    expect(countBy([...status.values()])).toEqual(EXPECTED_COUNTS);
    for (const [key, s] of Object.entries(COMING)) expect(status.get(key)).toBe(s);
    expect(status.get('powerbrowser')).toBe('RETIRED');
    expect(status.get('e-suite')).toBe('RETIRED');
    expect(status.get('objecten')).toBe('ACQUIRING');
    // Mid parallel run the old zaaksysteem is phasing out beside the new one.
    const june = new Map(
      landscapeAt(inputs.usages, inputs.migrations, new Date('2027-06-01T00:00:00Z'), TODAY).map((l) => [
        keyOf.get(l.usage.id),
        l.status,
      ]),
    );
    expect([june.get('powerbrowser'), june.get('zac')]).toEqual(['PHASING_OUT', 'IN_PRODUCTION']);
    const changes = landscapeDifference(inputs.usages, inputs.migrations, TODAY, DEADLINE, TODAY);
    expect(Object.fromEntries(changes.map((c) => [keyOf.get(c.usage.id), [c.before, c.after]]))).toEqual({
      zac: ['ACQUIRING', 'IN_PRODUCTION'],
      'open-zaak': ['ACQUIRING', 'IN_PRODUCTION'],
      'open-inwoner': ['PLANNED', 'IN_PRODUCTION'],
      powerbrowser: ['IN_PRODUCTION', null],
    });
  });

  it('the past comes from the status dates: e-suite phasing out in 2023, zac not yet there in 2025', async () => {
    const [inputs] = await loadLandscapeInputs(t.db, [coevordenId]);
    const on = (day: string) =>
      new Map(
        landscapeAt(inputs?.usages ?? [], [], new Date(`${day}T00:00:00Z`), TODAY).map((l) => [
          keyOf.get(l.usage.id),
          l.status,
        ]),
      );
    expect(on('2023-01-01').get('e-suite')).toBe('PHASING_OUT');
    expect(on('2025-12-31').has('zac')).toBe(false);
    expect(on('2026-03-01').get('zac')).toBe('ACQUIRING');
  });
});

const ORG_AT = `query ($at: Date) { organisation(slug: "coevorden") {
  usages(first: 100, at: $at) { totalCount edges { node { key status } } }
  usageSummary(at: $at) { total byStatus { status count } }
  adoption(at: $at) { total legacyStillRunning phasingOut }
} }`;
type OrgAt = {
  organisation: {
    usages: { totalCount: number; edges: { node: { key: string; status: string } }[] };
    usageSummary: { total: number; byStatus: { status: string; count: number }[] };
    adoption: { total: number; legacyStillRunning: number; phasingOut: number };
  };
};

describe('the API with at', () => {
  it('gives the hand-worked landscape on 2027-07-01', async () => {
    const res = await gql<OrgAt>(ORG_AT, { at: '2027-07-01' });
    expect(res.errors).toBeUndefined();
    const o = res.data?.organisation;
    const status = new Map(o?.usages.edges.map((e) => [e.node.key, e.node.status]));
    for (const [key, s] of Object.entries(COMING)) expect(status.get(key)).toBe(s);
    expect(status.get('powerbrowser')).toBe('RETIRED');
    expect(o?.usages.totalCount).toBe(62);
    expect(Object.fromEntries(o?.usageSummary.byStatus.map((b) => [b.status, b.count]) ?? [])).toEqual(EXPECTED_COUNTS);
    expect(o?.adoption.total).toBe(55);
    expect(o?.adoption.phasingOut).toBe(0);
  });

  it('leaves out what was not there yet, and filters on the status of that day', async () => {
    const res = await gql<OrgAt>(ORG_AT, { at: '2025-12-31' });
    const keys = res.data?.organisation.usages.edges.map((e) => e.node.key) ?? [];
    expect(keys).not.toContain('zac');
    expect(keys).toContain('e-suite');
    expect(res.data?.organisation.usages.totalCount).toBe(keys.length);
    const acquiring = await gql<{ organisation: { usages: { edges: { node: { key: string } }[] } } }>(
      `{ organisation(slug: "coevorden") { usages(first: 100, at: "2027-07-01", status: [ACQUIRING]) { edges { node { key } } } } }`,
    );
    expect(acquiring.data?.organisation.usages.edges.map((e) => e.node.key).sort()).toEqual([
      'objecten',
      'open-notificaties',
    ]);
  });

  it('without at nothing changes, also beside the same field with at', async () => {
    const res = await gql<OrgAt>(ORG_AT, { at: null });
    const status = new Map(res.data?.organisation.usages.edges.map((e) => [e.node.key, e.node.status]));
    expect([status.get('zac'), status.get('powerbrowser')]).toEqual(['ACQUIRING', 'IN_PRODUCTION']);
    type Edges = { edges: { node: { key: string; status: string } }[] };
    const both = await gql<{ organisation: { now: Edges; then: Edges } }>(`{ organisation(slug: "coevorden") {
      now: usages(first: 100) { edges { node { key status } } }
      then: usages(first: 100, at: "2027-07-01") { edges { node { key status } } } } }`);
    const zac = (e?: Edges) => e?.edges.find((x) => x.node.key === 'zac')?.node.status;
    expect([zac(both.data?.organisation.now), zac(both.data?.organisation.then)]).toEqual([
      'ACQUIRING',
      'IN_PRODUCTION',
    ]);
  });

  it('compares on a day: the new zaaksysteem in, the old one out', async () => {
    const res = await gql<{
      comparison: { rows: { cells: { usages: { key: string; status: string }[] }[] }[] };
    }>(`{ comparison(organisations: ["coevorden"], at: "2027-07-01") { rows { cells { usages { key status } } } } }`);
    expect(res.errors).toBeUndefined();
    const usages = res.data?.comparison.rows.flatMap((r) => r.cells.flatMap((c) => c.usages)) ?? [];
    expect(usages.find((u) => u.key === 'zac')?.status).toBe('IN_PRODUCTION');
    expect(usages.some((u) => u.key === 'powerbrowser')).toBe(false);
  });

  it('reads each landscape once, however many organisations ask', async () => {
    const query = `query ($at: Date) { organisations { slug usageSummary(at: $at) { total } adoption(at: $at) { total }
      usages(first: 500, at: $at) { totalCount edges { node { key status } } } } }`;
    const count = async (at: string | null) => (await countQueries(t.db, () => gql(query, { at }))).count;
    const without = await count(null);
    const withAt = await count('2027-07-01');
    // Usages and migrations (2), products (1) and koppelingen (1) for every organisation at once.
    expect(withAt - without).toBeLessThanOrEqual(4);
  });
});

describe('the ArchiMate export of 1 July 2027', () => {
  it('writes the day as a plateau of the usages there, valid against The Open Group schema', async () => {
    const xml = (await landscapePlateauFile(t.db, 'coevorden', DEADLINE)) ?? '';
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml).toContain('xsi:type="Plateau"');
    expect(xml).toMatch(/<name xml:lang="nl">Landschap [^<]*Coevorden op 1 juli 2027<\/name>/);
    // 62 usages less the two retired by then (e-suite, powerbrowser): 60 compositions.
    expect(xml.match(/xsi:type="Composition"/g)).toHaveLength(60);
    expect(xml).toContain('identifier="gp-usage-zac"');
    expect(xml).not.toContain('identifier="gp-usage-powerbrowser"');
    const zac = xml.slice(xml.indexOf('identifier="gp-comp-2027-07-01-zac"'));
    expect(zac.slice(0, zac.indexOf('</relationship>'))).toContain('IN_PRODUCTION');
  });

  it('writes a plateau per organisation in the comparison of that day', async () => {
    const xml = (await comparisonFile(t.db, ['coevorden', 'emmen'], DEADLINE)) ?? '';
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml.match(/xsi:type="Plateau"/g)).toHaveLength(2);
  });
});
