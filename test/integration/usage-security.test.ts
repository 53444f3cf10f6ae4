// A usage's security, privacy and algorithm fields through the API: the edit with its audit event and Dutch
// refusals, the private ones for the own organisation only, the risk assessment read from the audit trail, and the
// organisation's algorithms and ENSIA scope.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient, recordQueries } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let editor: ReturnType<typeof graphqlClient>;
let outsider: ReturnType<typeof graphqlClient>;
let usage: { id: string; localId: string; key: string; revision: number };

beforeAll(async () => {
  t = await createTestDatabase();
  editor = graphqlClient(
    t.db,
    (await createUser(t.db, 'editor@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
  );
  outsider = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }])).token,
  );
  const u = await t.db.prisma.usage.findFirstOrThrow({
    where: { organisation: { slug: 'emmen' }, status: 'IN_PRODUCTION' },
    orderBy: { key: 'asc' },
  });
  usage = { id: encodeGlobalID('Usage', u.id), localId: u.id, key: u.key, revision: u.revision };
});
afterAll(() => t?.drop());

const UPDATE = `mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { __typename
  ... on UpdateUsageSuccess { data { revision } }
  ... on ValidationError { problems { path message } } } }`;
const READ = `query($k: String!) { usage(organisation: "emmen", key: $k) { revision riskAssessmentDate pentestDate
  pentestState dpiaCriteria dpiaRequired dpiaMissing riskAssessmentDue { reason changedOn fields }
  algorithmForResidents aiRiskClass humanOversight algorithmRegisterUrl ensiaScope } }`;
type Read = { usage: Record<string, unknown> & { revision: number } };
type Update = {
  updateUsage: { __typename: string; data?: { revision: number }; problems?: { path: string[]; message: string }[] };
};

describe('the security, privacy and algorithm fields of a usage', () => {
  it('are saved by an editor of the organisation and audited', async () => {
    const events = await t.db.prisma.auditEvent.count({ where: { entityId: usage.id } });
    const answer = await editor<Update>(UPDATE, {
      input: {
        id: usage.id,
        revision: usage.revision,
        personalData: true,
        dpiaStatus: 'PLANNED',
        riskAssessmentDate: '2026-02-03',
        pentestDate: '2025-11-04',
        pentestState: 'FINDINGS_OPEN',
        dpiaCriteria: ['VULNERABLE_SUBJECTS', 'SENSITIVE_DATA', 'LARGE_SCALE'],
        algorithmForResidents: true,
        aiRiskClass: 'HIGH',
        humanOversight: 'Een medewerker beoordeelt elk voorstel.',
        algorithmRegisterUrl: 'https://algoritmes.overheid.nl/nl/algoritme/voorbeeld',
      },
    });
    expect(answer.data?.updateUsage.__typename).toBe('UpdateUsageSuccess');
    usage.revision = answer.data?.updateUsage.data?.revision ?? 0;
    const read = (await editor<Read>(READ, { k: usage.key })).data?.usage;
    expect(read).toMatchObject({
      riskAssessmentDate: '2026-02-03',
      pentestDate: '2025-11-04',
      pentestState: 'FINDINGS_OPEN',
      // In the EDPB's order: three of nine, so a DPIA is required; planned is not done, so it is missing.
      dpiaCriteria: ['SENSITIVE_DATA', 'LARGE_SCALE', 'VULNERABLE_SUBJECTS'],
      dpiaRequired: true,
      dpiaMissing: true,
      // Personal data now, after the assessment of 3 February 2026: a significant change.
      riskAssessmentDue: { reason: 'CHANGED', fields: ['personalData'] },
      algorithmForResidents: true,
      aiRiskClass: 'HIGH',
      humanOversight: 'Een medewerker beoordeelt elk voorstel.',
      algorithmRegisterUrl: 'https://algoritmes.overheid.nl/nl/algoritme/voorbeeld',
    });
    expect(await t.db.prisma.auditEvent.count({ where: { entityId: usage.id } })).toBe(events + 1);
    const event = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: usage.id },
      orderBy: { createdAt: 'desc' },
    });
    expect(Object.keys(JSON.parse(event.changes))).toEqual(
      expect.arrayContaining(['riskAssessmentDate', 'pentestState', 'dpiaCriteria', 'aiRiskClass']),
    );
  });

  it('reads as null for a member of another organisation, except the algorithm fields and the ENSIA scope', async () => {
    const read = (await outsider<Read>(READ, { k: usage.key })).data?.usage;
    expect(read).toMatchObject({
      riskAssessmentDate: null,
      pentestDate: null,
      pentestState: null,
      dpiaCriteria: null,
      dpiaRequired: null,
      dpiaMissing: null,
      riskAssessmentDue: null,
      algorithmForResidents: true,
      aiRiskClass: 'HIGH',
      algorithmRegisterUrl: 'https://algoritmes.overheid.nl/nl/algoritme/voorbeeld',
    });
    expect(Array.isArray(read?.ensiaScope)).toBe(true);
  });

  it('refuses a register link that is no web address and an unknown criterion, in Dutch, and changes nothing', async () => {
    const bad = await editor<Update>(UPDATE, {
      input: { id: usage.id, revision: usage.revision, algorithmRegisterUrl: 'javascript:alert(1)' },
    });
    expect(bad.data?.updateUsage.problems).toEqual([
      { path: ['input', 'algorithmRegisterUrl'], message: 'Alleen webadressen die met http:// of https:// beginnen.' },
    ]);
    const unknown = await editor<Update>(UPDATE, {
      input: { id: usage.id, revision: usage.revision, dpiaCriteria: ['ONBEKEND'] },
    });
    expect(unknown.errors?.length).toBeGreaterThan(0);
    expect((await editor<Read>(READ, { k: usage.key })).data?.usage.revision).toBe(usage.revision);
  });

  it('flags a risk assessment after a significant change recorded later than the last one', async () => {
    const version = await editor<Update>(UPDATE, {
      input: { id: usage.id, revision: usage.revision, version: 'proef-99' },
    });
    expect(version.data?.updateUsage.__typename).toBe('UpdateUsageSuccess');
    usage.revision = version.data?.updateUsage.data?.revision ?? 0;
    const due = (await editor<Read>(READ, { k: usage.key })).data?.usage.riskAssessmentDue as {
      reason: string;
      fields: string[];
    };
    // The assessment of 3 February 2026 lies before today's changes of personal data and version.
    expect(due).toMatchObject({ reason: 'CHANGED', fields: ['personalData', 'versionId'] });
    // A contact is no significant change: an assessment today clears the flag, and stays clear after it.
    for (const input of [{ riskAssessmentDate: new Date().toISOString().slice(0, 10) }, { contact: 'Iemand anders' }]) {
      const saved = await editor<Update>(UPDATE, { input: { id: usage.id, revision: usage.revision, ...input } });
      usage.revision = saved.data?.updateUsage.data?.revision ?? 0;
    }
    expect((await editor<Read>(READ, { k: usage.key })).data?.usage.riskAssessmentDue).toBeNull();
  });
});

describe('an organisation’s algorithms and ENSIA scope', () => {
  it('lists the usages with an algorithm, and per ENSIA part the usages whose koppelingen reach it', async () => {
    type Answer = {
      organisation: {
        algorithmUsages: { key: string }[];
        ensiaScope: { facility: string; usages: { key: string; product: string }[] }[];
      };
    };
    const answer = await outsider<Answer>(
      '{ organisation(slug: "emmen") { algorithmUsages { key } ensiaScope { facility usages { key product } } } }',
    );
    expect(answer.errors).toBeUndefined();
    const organisation = answer.data?.organisation;
    expect(organisation?.algorithmUsages.map((u) => u.key)).toContain(usage.key);
    expect(organisation?.ensiaScope.map((p) => p.facility)).toEqual(['DIGID', 'SUWINET', 'BRP', 'BAG', 'BGT', 'BRO']);
    // Emmen's sample landscape: its koppelingen to GBA-V and RNI (BRP) and DigiD, from the content.
    const expected = await t.db.prisma.interface.findMany({
      where: {
        organisation: { slug: 'emmen' },
        status: { not: 'WITHDRAWN' },
        fromUsage: { status: { not: 'RETIRED' } },
        externalService: { name: 'DigiD' },
      },
      select: { fromUsage: { select: { key: true } } },
    });
    const digid = organisation?.ensiaScope.find((p) => p.facility === 'DIGID')?.usages.map((u) => u.key) ?? [];
    expect(digid.length).toBeGreaterThan(0);
    expect(digid).toEqual([...new Set(expected.map((e) => e.fromUsage.key))].sort());
    // Nobody outside the hub reads it.
    const anonymous = await graphqlClient(t.db)('{ organisation(slug: "emmen") { ensiaScope { facility } } }');
    expect(JSON.stringify(anonymous)).not.toContain('DIGID');
  });
});

describe('whether a risk assessment is due, for a whole list', () => {
  const list = (field: string) =>
    `query($o: String!, $n: Int) { organisation(slug: $o) { usages(first: $n) { edges { node { key ${field} } } } } }`;
  type List = {
    organisation: { usages: { edges: { node: { key: string; riskAssessmentDue: { reason: string } | null } }[] } };
  };
  const logOf = (run: () => Promise<unknown>) => recordQueries(t.db, run);
  const readsTrail = (log: string[]) => log.filter((sql) => /AuditEvent/.test(sql));

  it('reads the trail once for the list, however long it is', async () => {
    const statements = async (n: number, field: string) =>
      (await countQueries(t.db, () => editor(list(field), { o: 'emmen', n }))).count;
    const due = 'riskAssessmentDue { reason changedOn fields }';
    expect(await statements(100, due)).toBe(await statements(2, due));
    // The usages and their recorded changes: two statements more than the list without it, at the most.
    expect(await statements(100, due)).toBeLessThanOrEqual((await statements(100, 'status')) + 2);
    const { log } = await countQueries(t.db, () => editor(list(due), { o: 'emmen', n: 100 }));
    expect(readsTrail(log)).toHaveLength(1);
  });

  it('keeps what the trail says per organisation and data version, and never answers one organisation from another’s', async () => {
    const coevorden = graphqlClient(
      t.db,
      (await createUser(t.db, 'editor@coevorden.test', [{ organisation: 'coevorden', role: 'EDITOR' }])).token,
    );
    const theirs = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug: 'coevorden' }, status: 'IN_PRODUCTION' },
      orderBy: { key: 'asc' },
    });
    const changed = await coevorden<Update>(UPDATE, {
      input: {
        id: encodeGlobalID('Usage', theirs.id),
        revision: theirs.revision,
        riskAssessmentDate: '2025-01-01',
        personalData: !theirs.personalData,
      },
    });
    expect(changed.data?.updateUsage.__typename).toBe('UpdateUsageSuccess');
    // Emmen's list first, then another text of it: the second finds the recorded changes kept, the trail is not read.
    const first = await logOf(() => editor(list('riskAssessmentDue { reason }'), { o: 'emmen', n: 500 }));
    expect(readsTrail(first)).toHaveLength(1);
    const again = await logOf(() => editor(list('status riskAssessmentDue { reason }'), { o: 'emmen', n: 500 }));
    expect(readsTrail(again)).toEqual([]);
    // Coevorden's list at the same data version reads its own: its usage's change after its assessment is due.
    const read = await coevorden<List>(list('riskAssessmentDue { reason }'), { o: 'coevorden', n: 500 });
    expect(read.data?.organisation.usages.edges.find((e) => e.node.key === theirs.key)?.node.riskAssessmentDue).toEqual(
      {
        reason: 'CHANGED',
      },
    );
  });
});
