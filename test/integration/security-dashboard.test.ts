// The security and privacy dashboard through the API, figure by figure, on a hand-worked organisation (Proefstad,
// seven usages p1..p7 below); what another partner, an instance administrator and an anonymous caller get; and the
// partners' algorithms in one list.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayNl } from '#core/dates.ts';
import { ENSIA_SERVICES } from '#core/usage-security.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
type Client = ReturnType<typeof graphqlClient>;
let member: Client;
let partner: Client;
let instanceAdmin: Client;
/** Measures that carry a line (moved numbers carry none), from BIO2's content. */
let measures: number;

const TWO = 'SENSITIVE_DATA,LARGE_SCALE';
const day = (d: string) => new Date(`${d}T00:00:00Z`);
const ASSESSED = day('2026-01-01');

// Hand-worked figures:
//   personal data without DPIA:   p1 (no state), p2 (planned)                             = 2
//   DPIA required but missing:    p1, p3, p6 (not needed stands not against the criteria), p7 = 4
//   risk assessment due:          p2 (planned, none), p6 (acquiring, none), p3 (product changed after it) = 3
//   ENSIA scope:                  p1 (DigiD), p3 (BRP); p4 is retired                      = 2
//   VvT: 2 done (implemented, tested) of measures - 1 (not applicable)
//   attestation: 10 days ago, 2 landscape changes since (a usage and a koppeling; a membership does not count)
//   evidence: e1 own, expired; e2 own, no end; e3 Emmen's for the product Proefstad uses, shared with all, expiring
//   in 30 days; not counted: e4 Emmen's own one of that product, e5 Emmen's shared one of a product Proefstad does not
//   use: 1 expired, 1 expiring, of 3
const USAGES = [
  { key: 'p1', status: 'IN_PRODUCTION', personalData: true, dpiaStatus: null, dpiaCriteria: TWO, risk: ASSESSED },
  { key: 'p2', status: 'PLANNED', personalData: true, dpiaStatus: 'PLANNED', dpiaCriteria: null, risk: null },
  { key: 'p3', status: 'IN_PRODUCTION', personalData: false, dpiaStatus: null, dpiaCriteria: TWO, risk: ASSESSED },
  { key: 'p4', status: 'RETIRED', personalData: true, dpiaStatus: null, dpiaCriteria: TWO, risk: null },
  { key: 'p5', status: 'IN_PRODUCTION', personalData: true, dpiaStatus: 'DONE', dpiaCriteria: TWO, risk: ASSESSED },
  { key: 'p6', status: 'ACQUIRING', personalData: false, dpiaStatus: 'NOT_NEEDED', dpiaCriteria: TWO, risk: null },
  {
    key: 'p7',
    status: 'IN_PRODUCTION',
    personalData: false,
    dpiaStatus: 'IN_PROGRESS',
    dpiaCriteria: TWO,
    risk: ASSESSED,
  },
] as const;

beforeAll(async () => {
  t = await createTestDatabase();
  const p = t.db.prisma;
  const org = await p.organisation.create({ data: { slug: 'proefstad', name: 'Proefstad', type: 'MUNICIPALITY' } });
  const product = await p.product.findFirstOrThrow({ orderBy: { slug: 'asc' }, select: { id: true } });
  const ids: Record<string, string> = {};
  for (const u of USAGES) {
    const created = await p.usage.create({
      data: {
        key: u.key,
        organisationId: org.id,
        productId: product.id,
        status: u.status,
        personalData: u.personalData,
        dpiaStatus: u.dpiaStatus,
        dpiaCriteria: u.dpiaCriteria,
        riskAssessmentDate: u.risk,
        ...(u.key === 'p1' ? { algorithmForResidents: true, aiRiskClass: 'HIGH' as const } : {}),
      },
    });
    ids[u.key] = created.id;
  }
  const koppeling = (key: string, from: string, service: string) =>
    p.interface.create({
      data: {
        key,
        organisationId: org.id,
        fromUsageId: ids[from] ?? '',
        externalServiceId: service,
        type: 'API',
        direction: 'A_TO_B',
        status: 'IN_USE',
      },
    });
  await koppeling('k1', 'p1', ENSIA_SERVICES.DIGID[0] ?? '');
  await koppeling('k3', 'p3', ENSIA_SERVICES.BRP[0] ?? '');
  await koppeling('k4', 'p4', ENSIA_SERVICES.DIGID[0] ?? '');
  const event = (entityType: string, entityId: string, changes: object, createdAt: Date) =>
    p.auditEvent.create({
      data: {
        organisationId: org.id,
        actorLabel: 'proef',
        entityType,
        entityId,
        action: 'UPDATE',
        changes: JSON.stringify(changes),
        source: 'API',
        createdAt,
      },
    });
  // p3's product changed after its assessment: a significant change.
  await event(
    'Usage',
    encodeGlobalID('Usage', ids.p3 ?? ''),
    { productId: { before: 'a', after: 'b' } },
    day('2026-03-01'),
  );
  const confirmedAt = new Date(todayNl().getTime() - 10 * 86_400_000 + 12 * 3_600_000);
  const officer = await createUser(t.db, 'ciso@proefstad.test', [{ organisation: 'proefstad', role: 'ADMIN' }]);
  await p.attestation.create({ data: { organisationId: org.id, userId: officer.id, confirmedAt, dataVersion: 1 } });
  const after = new Date(confirmedAt.getTime() + 3_600_000);
  await event('Usage', encodeGlobalID('Usage', ids.p5 ?? ''), { contact: { before: null, after: 'x' } }, after);
  await event('Interface', 'k1', { status: { before: 'IN_DEVELOPMENT', after: 'IN_USE' } }, after);
  await event('Membership', 'm', { role: { before: 'VIEWER', after: 'EDITOR' } }, after);
  await p.vvtStatement.createMany({
    data: [
      { organisationId: org.id, measureNumber: '5.01.01', applies: true, state: 'GEIMPLEMENTEERD' },
      { organisationId: org.id, measureNumber: '5.01.02', applies: true, state: 'GETOETST' },
      { organisationId: org.id, measureNumber: '5.02.01', applies: false, reason: 'Risicoanalyse 2026' },
    ],
  });
  const emmen = await p.organisation.findUniqueOrThrow({ where: { slug: 'emmen' }, select: { id: true } });
  const other = await p.product.findFirstOrThrow({ where: { id: { not: product.id } }, select: { id: true } });
  const inDays = (n: number) => new Date(todayNl().getTime() + n * 86_400_000);
  const doc = (title: string, owner: string, productId: string, validUntil: Date | null, shared: boolean) => ({
    title,
    organisationId: owner,
    productId,
    validUntil,
    kind: 'ISO27001' as const,
    link: 'https://example.org/bewijs',
    visibility: shared ? ('ALL_MEMBERS' as const) : ('OWN' as const),
  });
  await p.evidence.createMany({
    data: [
      doc('e1', org.id, product.id, inDays(-3), false),
      doc('e2', org.id, product.id, null, false),
      doc('e3', emmen.id, product.id, inDays(30), true),
      doc('e4', emmen.id, product.id, inDays(-30), false),
      doc('e5', emmen.id, other.id, inDays(-30), true),
    ],
  });
  measures = await p.bio2Measure.count({ where: { kind: { not: 'VERPLAATST' } } });
  member = graphqlClient(t.db, officer.token);
  partner = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
  );
  instanceAdmin = graphqlClient(
    t.db,
    (await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true })).token,
  );
});
afterAll(() => t?.drop());

interface Figure {
  key: string;
  shared: boolean;
  count: number | null;
  total: number | null;
  attention: boolean;
  changesSince: number | null;
  expiring: number | null;
}
const FIGURE = 'key shared count total attention changesSince expiring';
const dashboard = (client: Client) =>
  client<{ organisation: { securityDashboard: (Figure & { usages: { key: string }[] })[] | null } }>(
    `{ organisation(slug: "proefstad") { securityDashboard { ${FIGURE} usages { key } } } }`,
  );
const overview = async (client: Client) => {
  const answer = await client<{ securityOverview: { slug: string; own: boolean; figures: Figure[] }[] }>(
    `{ securityOverview { slug own figures { ${FIGURE} } } }`,
  );
  return answer.data?.securityOverview.find((r) => r.slug === 'proefstad');
};
const figure = (key: string, fields: Partial<Figure>) => ({
  key,
  shared: true,
  total: null,
  changesSince: null,
  expiring: null,
  ...fields,
});

const OWN = () => [
  figure('VVT_PROGRESS', { count: 2, total: measures - 1, attention: true }),
  figure('PERSONAL_DATA_WITHOUT_DPIA', { count: 2, attention: true }),
  figure('DPIA_REQUIRED_MISSING', { count: 4, attention: true }),
  figure('RISK_ASSESSMENT_DUE', { count: 3, attention: true }),
  figure('ENSIA_SCOPE', { count: 2, attention: false }),
  figure('EVIDENCE_EXPIRY', { count: 1, expiring: 1, total: 3, attention: true }),
  figure('ATTESTATION', { count: 10, changesSince: 2, attention: false }),
];

describe('the dashboard of the own organisation', () => {
  it('answers every figure as worked out by hand, with the usages behind it', async () => {
    const answer = await dashboard(member);
    expect(answer.errors).toBeUndefined();
    const figures = answer.data?.organisation.securityDashboard ?? [];
    expect(figures.map(({ usages: _, ...f }) => f)).toEqual(OWN());
    expect(Object.fromEntries(figures.map((f) => [f.key, f.usages.map((u) => u.key)]))).toEqual({
      VVT_PROGRESS: [],
      PERSONAL_DATA_WITHOUT_DPIA: ['p1', 'p2'],
      DPIA_REQUIRED_MISSING: ['p1', 'p3', 'p6', 'p7'],
      RISK_ASSESSMENT_DUE: ['p2', 'p3', 'p6'],
      ENSIA_SCOPE: ['p1', 'p3'],
      EVIDENCE_EXPIRY: [],
      ATTESTATION: [],
    });
  });

  it('is the same row across the partners for its member', async () => {
    expect(await overview(member)).toEqual({ slug: 'proefstad', own: true, figures: OWN() });
  });

  it('is for its members only: null for another partner and an instance administrator', async () => {
    expect((await dashboard(partner)).data?.organisation.securityDashboard).toBeNull();
    expect((await dashboard(instanceAdmin)).data?.organisation.securityDashboard).toBeNull();
  });
});

describe('across the partners', () => {
  const NOT_SHARED = (key: string) => ({
    key,
    shared: false,
    count: null,
    total: null,
    attention: false,
    changesSince: null,
    expiring: null,
  });
  const PARTNER = () => [
    NOT_SHARED('VVT_PROGRESS'),
    figure('PERSONAL_DATA_WITHOUT_DPIA', { count: 2, attention: true }),
    NOT_SHARED('DPIA_REQUIRED_MISSING'),
    NOT_SHARED('RISK_ASSESSMENT_DUE'),
    figure('ENSIA_SCOPE', { count: 2, attention: false }),
    NOT_SHARED('EVIDENCE_EXPIRY'),
    NOT_SHARED('ATTESTATION'),
  ];

  it('shows another partner the figures from member-readable fields, and "not shared" for the private ones', async () => {
    const row = await overview(partner);
    expect(row).toEqual({ slug: 'proefstad', own: false, figures: PARTNER() });
    // Sentinel-style: the counts derived from Proefstad's private fields (4 DPIAs required, 3 assessments due, 10
    // days, 2 changes since, the VvT's done and total) appear nowhere in what the partner gets for Proefstad.
    const text = JSON.stringify(row);
    for (const count of [4, 3, 10, measures - 1]) expect(text).not.toContain(`:${count}`);
    expect(row?.figures.filter((f) => f.count === 2).map((f) => f.key)).toEqual([
      'PERSONAL_DATA_WITHOUT_DPIA',
      'ENSIA_SCOPE',
    ]);
  });

  it('does not give an instance administrator, who is no member, the private figures either', async () => {
    expect(await overview(instanceAdmin)).toEqual({ slug: 'proefstad', own: false, figures: PARTNER() });
  });

  it('shows a partner the VvT progress once the statement is shared with all members', async () => {
    const shared = await member<{ setVvtShare: { __typename: string } }>(
      'mutation { setVvtShare(organisation: "proefstad", mode: ALL_MEMBERS) { __typename } }',
    );
    expect(shared.data?.setVvtShare.__typename).toBe('SetVvtShareSuccess');
    const row = await overview(partner);
    expect(row?.figures[0]).toEqual(figure('VVT_PROGRESS', { count: 2, total: measures - 1, attention: true }));
    expect(row?.figures.slice(1)).toEqual(PARTNER().slice(1));
  });

  it('is refused to an anonymous caller, before any figure is computed', async () => {
    const anonymous = graphqlClient(t.db);
    const answer = await anonymous('{ securityOverview { slug } }');
    expect(answer.data).toBeNull();
    expect(answer.errors?.length).toBeGreaterThan(0);
    const own = await anonymous('{ organisation(slug: "proefstad") { securityDashboard { key } } }');
    expect(own.errors?.length).toBeGreaterThan(0);
  });
});

describe('the partners’ algorithms', () => {
  const list = (client: Client, args: string) =>
    client<{ algorithmUsages: { key: string; organisation: { slug: string }; aiRiskClass: string }[] }>(
      `{ algorithmUsages${args} { key organisation { slug } aiRiskClass } }`,
    );

  it('lists every partner’s usages with an algorithm, narrowed by risk class and organisation', async () => {
    const all = (await list(partner, '')).data?.algorithmUsages ?? [];
    expect(all).toContainEqual({ key: 'p1', organisation: { slug: 'proefstad' }, aiRiskClass: 'HIGH' });
    expect((await list(partner, '(riskClass: [HIGH], organisation: "proefstad")')).data?.algorithmUsages).toEqual([
      { key: 'p1', organisation: { slug: 'proefstad' }, aiRiskClass: 'HIGH' },
    ]);
    expect((await list(partner, '(riskClass: [MINIMAL], organisation: "proefstad")')).data?.algorithmUsages).toEqual(
      [],
    );
    const unknown = await graphqlClient(t.db)('{ algorithmUsages { key } }');
    expect(unknown.errors?.length).toBeGreaterThan(0);
  });
});
