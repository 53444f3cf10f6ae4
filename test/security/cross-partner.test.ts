// References across partners need consent: naming another organisation as operator, or pointing a koppeling at (or
// through) another organisation's usage, is a proposal that organisation's editors accept or decline; until then its
// figures and pages do not move. Also: every edit of a scenario is audited, and an organisation's sign-in settings
// (its identity provider) are its own and the instance administrators'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { findSentinels, plantSentinels, providerSecretOf } from '../helpers/sentinels.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let coevorden: ReturnType<typeof graphqlClient>;
let emmen: ReturnType<typeof graphqlClient>;
let emmenViewer: ReturnType<typeof graphqlClient>;
let coevordenToken: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const c = await createUser(t.db, 'redacteur@coevorden.test', [{ organisation: 'coevorden', role: 'EDITOR' }]);
  coevordenToken = c.token;
  coevorden = graphqlClient(t.db, c.token);
  emmen = graphqlClient(
    t.db,
    (await createUser(t.db, 'redacteur@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
  );
  emmenViewer = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

const result = '__typename ... on Error { message }';

/** Emmen's technisch beheer demand in 2027-Q1, through the API. */
async function emmenTechnicalDemand() {
  const res = await emmenViewer<{ capacity: { cells: { role: string; quarter: string; demand: number }[] } }>(
    'query { capacity(organisation: "emmen", from: "2027-01-01", to: "2027-03-31") { cells { role quarter demand } } }',
  );
  expect(res.errors).toBeUndefined();
  return (
    res.data?.capacity.cells.find((c) => c.role === 'TECHNICAL_MANAGEMENT' && c.quarter === '2027-Q1')?.demand ?? 0
  );
}

async function usage(org: string, key: string) {
  const res = await emmenViewer<{
    usage: { id: string; revision: number; operator: { slug: string } | null; interfaces: { key: string }[] };
  }>(
    'query($org: String!, $key: String!) { usage(organisation: $org, key: $key) { id revision operator { slug } interfaces { key } } }',
    { org, key },
  );
  return res.data?.usage as {
    id: string;
    revision: number;
    operator: { slug: string } | null;
    interfaces: { key: string }[];
  };
}

type Proposal = {
  id: string;
  kind: string;
  status: string;
  interfaceKey: string | null;
  usage: { key: string };
  viewerCanDecide: boolean;
};
async function proposals(
  client: ReturnType<typeof graphqlClient>,
  org: string,
  direction: 'incomingProposals' | 'outgoingProposals',
) {
  const res = await client<{ organisation: Record<string, Proposal[]> }>(
    `query($org: String!) { organisation(slug: $org) { ${direction} { id kind status interfaceKey usage { key } viewerCanDecide } } }`,
    { org },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.organisation[direction] ?? [];
}

async function decide(client: ReturnType<typeof graphqlClient>, mutation: string, id: string) {
  const res = await client<Record<string, { __typename: string; message?: string; data?: { status: string } }>>(
    `mutation($id: ID!) { ${mutation}(id: $id) { ${result} ... on ${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Success { data { status } } } }`,
    { id },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.[mutation] as { __typename: string; message?: string; data?: { status: string } };
}

async function setOperator(key: string, operator: string | null, beheerLoad?: { role: string; fte: number }[]) {
  const u = await usage('coevorden', key);
  const res = await coevorden<{
    updateUsage: {
      __typename: string;
      data?: { operator: { slug: string } | null; pendingOperator: { slug: string } | null };
    };
  }>(
    `mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { ${result} ... on UpdateUsageSuccess { data { operator { slug } pendingOperator { slug } } } } }`,
    { input: { id: u.id, revision: u.revision, operator, ...(beheerLoad ? { beheerLoad } : {}) } },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.updateUsage;
}

async function createKoppeling(key: string, from: string, to: string | null, via: string | null, external?: string) {
  const res = await coevorden<{
    createInterface: { __typename: string; message?: string; data?: { key: string; pendingConsent: boolean } };
  }>(
    `mutation($input: CreateInterfaceInput!) { createInterface(input: $input) { ${result} ... on CreateInterfaceSuccess { data { key pendingConsent } } } }`,
    { input: { key, from, to, via, externalService: external, type: 'API', direction: 'A_TO_B', status: 'IN_USE' } },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.createInterface;
}

describe('another organisation as operator', () => {
  it('does not change its capacity demand until it accepts; then it does, and it can stop operating later', async () => {
    const before = await emmenTechnicalDemand();
    // Coevorden names Emmen as operator of its Microsoft 365 and gives it 40 FTE technisch beheer.
    const set = await setOperator('microsoft-365', 'emmen', [{ role: 'TECHNICAL_MANAGEMENT', fte: 40 }]);
    expect(set).toEqual({
      __typename: 'UpdateUsageSuccess',
      data: { operator: null, pendingOperator: { slug: 'emmen' } },
    });
    expect(await emmenTechnicalDemand()).toBe(before);
    expect((await usage('coevorden', 'microsoft-365')).operator).toBeNull();

    const outgoing = await proposals(coevorden, 'coevorden', 'outgoingProposals');
    expect(outgoing).toEqual([
      expect.objectContaining({
        kind: 'OPERATOR',
        status: 'PENDING',
        usage: { key: 'microsoft-365' },
        viewerCanDecide: false,
      }),
    ]);
    const [incoming] = await proposals(emmen, 'emmen', 'incomingProposals');
    expect(incoming).toMatchObject({ kind: 'OPERATOR', status: 'PENDING', viewerCanDecide: true });

    expect(await decide(emmen, 'acceptReferenceProposal', incoming?.id ?? '')).toEqual({
      __typename: 'AcceptReferenceProposalSuccess',
      data: { status: 'ACCEPTED' },
    });
    expect((await usage('coevorden', 'microsoft-365')).operator).toEqual({ slug: 'emmen' });
    expect(await emmenTechnicalDemand()).toBeCloseTo(before + 40, 5);

    // Emmen ends it: the usage has no operator and Emmen's demand is back where it was.
    const u = await usage('coevorden', 'microsoft-365');
    const stop = await emmen<{ stopOperatingUsage: { __typename: string } }>(
      `mutation($id: ID!) { stopOperatingUsage(id: $id) { ${result} } }`,
      { id: u.id },
    );
    expect(stop.data?.stopOperatingUsage.__typename).toBe('StopOperatingUsageSuccess');
    expect((await usage('coevorden', 'microsoft-365')).operator).toBeNull();
    expect(await emmenTechnicalDemand()).toBeCloseTo(before, 5);
    // Coevorden cannot stop Emmen operating something in Emmen's stead.
    const refused = await coevorden<{ stopOperatingUsage: { __typename: string } }>(
      `mutation($id: ID!) { stopOperatingUsage(id: $id) { ${result} } }`,
      {
        id: (await usage('borger-odoorn', 'microsoft-365')).id,
      },
    );
    expect(refused.data?.stopOperatingUsage.__typename).toBe('ForbiddenError');
  });

  it('on decline the usage keeps its previous operator; only the receiving editors decide, only the proposing ones withdraw', async () => {
    await setOperator('entra-id', 'coevorden');
    await setOperator('entra-id', 'emmen');
    expect((await usage('coevorden', 'entra-id')).operator).toEqual({ slug: 'coevorden' });
    const pending = (await proposals(emmen, 'emmen', 'incomingProposals')).find(
      (p) => p.status === 'PENDING' && p.usage.key === 'entra-id',
    );
    const id = pending?.id ?? '';
    // A viewer of Emmen, and the proposer itself, may not accept.
    expect(await decide(emmenViewer, 'acceptReferenceProposal', id)).toEqual({
      __typename: 'ForbiddenError',
      message: 'Alleen redacteuren van Gemeente Emmen mogen dit voorstel aanvaarden of afwijzen.',
    });
    expect((await decide(coevorden, 'acceptReferenceProposal', id)).__typename).toBe('ForbiddenError');
    expect((await decide(emmen, 'withdrawReferenceProposal', id)).__typename).toBe('ForbiddenError');
    expect(await decide(emmen, 'declineReferenceProposal', id)).toEqual({
      __typename: 'DeclineReferenceProposalSuccess',
      data: { status: 'DECLINED' },
    });
    expect((await usage('coevorden', 'entra-id')).operator).toEqual({ slug: 'coevorden' });
    expect((await decide(emmen, 'acceptReferenceProposal', id)).__typename).toBe('ConflictError');

    // Proposed again and withdrawn by Coevorden: still its own operator.
    await setOperator('entra-id', 'emmen');
    const again = (await proposals(coevorden, 'coevorden', 'outgoingProposals')).find(
      (p) => p.status === 'PENDING' && p.usage.key === 'entra-id',
    );
    expect((await decide(coevorden, 'withdrawReferenceProposal', again?.id ?? '')).data).toEqual({
      status: 'WITHDRAWN',
    });
    expect((await usage('coevorden', 'entra-id')).operator).toEqual({ slug: 'coevorden' });
  });

  it('audits each proposal and decision on both organisations’ trails', async () => {
    const events = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'ReferenceProposal' },
      include: { organisation: { select: { slug: true } } },
    });
    const byOrg = (slug: string) => events.filter((e) => e.organisation?.slug === slug).map((e) => e.action);
    expect(byOrg('coevorden').length).toBeGreaterThanOrEqual(6);
    expect(byOrg('emmen')).toEqual(byOrg('coevorden'));
  });
});

describe('koppelingen to another organisation’s usage', () => {
  it('do not appear on its usage until it accepts; it can remove them later', async () => {
    const from = (await usage('coevorden', 'intune')).id;
    const target = (await usage('emmen', 'intune')).id;
    expect(await createKoppeling('intune-naar-emmen', from, target, null)).toEqual({
      __typename: 'CreateInterfaceSuccess',
      data: { key: 'intune-naar-emmen', pendingConsent: true },
    });
    expect((await usage('emmen', 'intune')).interfaces.map((i) => i.key)).not.toContain('intune-naar-emmen');
    // Coevorden's own landscape has it, marked as waiting.
    expect((await usage('coevorden', 'intune')).interfaces.map((i) => i.key)).toContain('intune-naar-emmen');
    const incoming = (await proposals(emmen, 'emmen', 'incomingProposals')).find(
      (p) => p.interfaceKey === 'intune-naar-emmen',
    );
    expect(incoming).toMatchObject({ kind: 'INTERFACE_TO', status: 'PENDING' });
    expect((await decide(emmen, 'acceptReferenceProposal', incoming?.id ?? '')).data).toEqual({ status: 'ACCEPTED' });
    expect((await usage('emmen', 'intune')).interfaces.map((i) => i.key)).toContain('intune-naar-emmen');

    // Later Emmen removes it: gone from both landscapes, and Coevorden cannot detach what points at its own usage.
    const k = await emmenViewer<{ interface: { id: string } }>(
      '{ interface(organisation: "coevorden", key: "intune-naar-emmen") { id } }',
    );
    const id = k.data?.interface.id;
    expect(
      (
        await coevorden<{ detachInterface: { __typename: string } }>(
          `mutation($id: ID!) { detachInterface(id: $id) { ${result} } }`,
          { id },
        )
      ).data,
    ).toEqual({
      detachInterface: { __typename: 'ForbiddenError', message: expect.stringContaining('Alleen redacteuren') },
    });
    const detached = await emmen<{ detachInterface: { __typename: string } }>(
      `mutation($id: ID!) { detachInterface(id: $id) { ${result} } }`,
      { id },
    );
    expect(detached.data?.detachInterface.__typename).toBe('DetachInterfaceSuccess');
    expect((await usage('emmen', 'intune')).interfaces.map((i) => i.key)).not.toContain('intune-naar-emmen');
    expect((await usage('coevorden', 'intune')).interfaces.map((i) => i.key)).not.toContain('intune-naar-emmen');
  });

  it('declined: a koppeling to the usage is not made; one through the usage stays without that intermediary', async () => {
    const from = (await usage('coevorden', 'defender')).id;
    const to = (await usage('emmen', 'defender')).id;
    const own = (await usage('coevorden', 'entra-id')).id;
    const via = (await usage('emmen', 'entra-id')).id;
    await createKoppeling('defender-naar-emmen', from, to, null);
    await createKoppeling('defender-via-emmen', from, own, via);
    expect((await usage('emmen', 'entra-id')).interfaces.map((i) => i.key)).not.toContain('defender-via-emmen');
    const incoming = await proposals(emmen, 'emmen', 'incomingProposals');
    for (const key of ['defender-naar-emmen', 'defender-via-emmen']) {
      const p = incoming.find((x) => x.interfaceKey === key && x.status === 'PENDING');
      expect((await decide(emmen, 'declineReferenceProposal', p?.id ?? '')).data).toEqual({ status: 'DECLINED' });
    }
    const read = await emmenViewer<{
      a: null | { key: string };
      b: { key: string; intermediary: null | { key: string }; pendingConsent: boolean };
    }>(
      '{ a: interface(organisation: "coevorden", key: "defender-naar-emmen") { key } b: interface(organisation: "coevorden", key: "defender-via-emmen") { key intermediary { key } pendingConsent } }',
    );
    expect(read.data).toEqual({ a: null, b: { key: 'defender-via-emmen', intermediary: null, pendingConsent: false } });
    // The declined proposal stays in the history, with the koppeling's key.
    expect(
      (await proposals(coevorden, 'coevorden', 'outgoingProposals')).find(
        (p) => p.interfaceKey === 'defender-naar-emmen',
      )?.status,
    ).toBe('DECLINED');
  });

  it('a koppeling within the own landscape needs no consent', async () => {
    const created = await createKoppeling(
      'intune-naar-entra',
      (await usage('coevorden', 'intune')).id,
      (await usage('coevorden', 'entra-id')).id,
      null,
    );
    expect(created?.data).toEqual({ key: 'intune-naar-entra', pendingConsent: false });
  });
});

describe('imports naming another organisation as operator', () => {
  async function upload(csv: string, apply: boolean) {
    const body = new FormData();
    const query = `mutation($input: ImportUsagesInput!) { importUsages(input: $input) { __typename ... on Error { message }
      ... on ImportUsagesSuccess { data { applied rows { key action changes } refused { line message } } } } }`;
    body.set(
      'operations',
      JSON.stringify({
        query,
        variables: { input: { organisation: 'coevorden', fileName: 'coevorden.csv', file: null, apply } },
      }),
    );
    body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    body.set('0', new File([csv], 'coevorden.csv', { type: 'text/csv' }));
    const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${coevordenToken}` },
    });
    return (
      (await response.json()) as {
        data: {
          importUsages: { data: { applied: boolean; rows: { key: string; action: string; changes: string[] }[] } };
        };
      }
    ).data.importUsages;
  }
  const header =
    'Sleutel;Leverancier;Pakket;Versie;Status;Verwerving sinds;Gepland sinds;In productie sinds;Uit te faseren sinds;Uitgefaseerd sinds;Referentiecomponenten (GEMMA-id);Technisch beheer';

  it('makes a proposal (the dry run says so) and leaves the operator alone', async () => {
    const csv = `${header}\nopen-zaak-proef;Maykin Media;Open Zaak;;Gepland;;2027-01-01;;;;;Gemeente Emmen`;
    const dry = await upload(csv, false);
    expect(dry.data.rows).toEqual([
      {
        key: 'open-zaak-proef',
        action: 'ADD',
        changes: ['technisch beheer: voorstel aan Gemeente Emmen, dat het eerst moet aanvaarden'],
      },
    ]);
    expect((await upload(csv, true)).data.applied).toBe(true);
    expect((await usage('coevorden', 'open-zaak-proef')).operator).toBeNull();
    const incoming = (await proposals(emmen, 'emmen', 'incomingProposals')).find(
      (p) => p.usage.key === 'open-zaak-proef',
    );
    expect(incoming).toMatchObject({ kind: 'OPERATOR', status: 'PENDING' });
    // The same file again changes nothing and proposes nothing new.
    expect((await upload(csv, false)).data.rows).toEqual([
      { key: 'open-zaak-proef', action: 'UNCHANGED', changes: [] },
    ]);
  });
});

describe('statement counts', () => {
  it('reads pending operators and koppelingen waiting for consent without a query per row', async () => {
    const query = `query($n: Int!) { usages(first: $n) { edges { node { key pendingOperator { slug } interfaces { key pendingConsent } } } } }`;
    const few = await countQueries(t.db, () => emmenViewer(query, { n: 2 }));
    const many = await countQueries(t.db, () => emmenViewer(query, { n: 200 }));
    expect(many.count).toBe(few.count);
  });
});

describe('migration dependencies across organisations', () => {
  it('stay allowed without consent: they change nothing in the other organisation', async () => {
    const editor = graphqlClient(
      t.db,
      (await createUser(t.db, 'planner@borger-odoorn.test', [{ organisation: 'borger-odoorn', role: 'EDITOR' }])).token,
    );
    const res = await editor<{
      migrations: { edges: { node: { id: string; key: string; revision: number; organisation: { slug: string } } }[] };
    }>('{ migrations(first: 100) { edges { node { id key revision organisation { slug } } } } }');
    const nodes = res.data?.migrations.edges.map((e) => e.node) ?? [];
    const own = nodes.find((n) => n.organisation.slug === 'borger-odoorn' && n.key === 'zaakafhandeling-zac');
    const other = nodes.find((n) => n.organisation.slug === 'emmen');
    const proposalsBefore = await t.db.prisma.referenceProposal.count();
    const updated = await editor<{
      updateMigration: { __typename: string; data?: { dependsOn: { key: string; organisation: { slug: string } }[] } };
    }>(
      `mutation($input: UpdateMigrationInput!) { updateMigration(input: $input) { ${result} ... on UpdateMigrationSuccess { data { dependsOn { key organisation { slug } } } } } }`,
      { input: { id: own?.id, revision: own?.revision, dependsOn: [other?.id] } },
    );
    expect(updated.data?.updateMigration.__typename).toBe('UpdateMigrationSuccess');
    expect(updated.data?.updateMigration.data?.dependsOn).toEqual([
      { key: other?.key, organisation: { slug: 'emmen' } },
    ]);
    expect(await t.db.prisma.referenceProposal.count()).toBe(proposalsBefore);
  });
});

describe('scenario edits', () => {
  it('are audited: creating, changing a migration and capacity, applying and discarding', async () => {
    const planner = graphqlClient(
      t.db,
      (await createUser(t.db, 'scenario@borger-odoorn.test', [{ organisation: 'borger-odoorn', role: 'EDITOR' }]))
        .token,
    );
    const create = async (name: string) =>
      (
        await planner<{ createScenario: { data: { id: string; revision: number } } }>(
          `mutation($input: CreateScenarioInput!) { createScenario(input: $input) { ... on CreateScenarioSuccess { data { id revision } } } }`,
          { input: { organisation: 'borger-odoorn', name } },
        )
      ).data?.createScenario.data as { id: string; revision: number };
    const migrations = await planner<{ migrations: { edges: { node: { id: string } }[] } }>(
      '{ migrations(organisation: "borger-odoorn", first: 1) { edges { node { id } } } }',
    );
    const migration = migrations.data?.migrations.edges[0]?.node.id;
    const scenario = await create('Later beginnen');
    const moved = await planner<{ updateScenarioMigration: { __typename: string } }>(
      `mutation($input: UpdateScenarioMigrationInput!) { updateScenarioMigration(input: $input) { ${result} } }`,
      { input: { scenario: scenario.id, revision: scenario.revision, migration, moveTo: '2028-01-01' } },
    );
    expect(moved.data?.updateScenarioMigration.__typename).toBe('UpdateScenarioMigrationSuccess');
    const capacity = await planner<{ setScenarioCapacity: { __typename: string } }>(
      `mutation($input: SetScenarioCapacityInput!) { setScenarioCapacity(input: $input) { ${result} } }`,
      {
        input: {
          scenario: scenario.id,
          revision: scenario.revision + 1,
          organisation: 'borger-odoorn',
          rows: [{ role: 'PRIVACY', quarter: '2028-Q1', fte: 2 }],
        },
      },
    );
    expect(capacity.data?.setScenarioCapacity.__typename).toBe('SetScenarioCapacitySuccess');
    await planner(
      `mutation { discardScenario(id: "${scenario.id}", revision: ${scenario.revision + 2}) { __typename } }`,
    );
    const events = await planner<{
      auditEvents: { edges: { node: { action: string; changes: { field: string; after: string | null }[] } }[] };
    }>('query($id: ID!) { auditEvents(entity: $id) { edges { node { action changes { field after } } } } }', {
      id: scenario.id,
    });
    const list = (events.data?.auditEvents.edges ?? []).map((e) => e.node).reverse();
    expect(list.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'DISCARD']);
    expect(list[1]?.changes.map((c) => c.field)).toEqual([migration]);
    expect(list[2]?.changes).toEqual([{ field: 'borger-odoorn PRIVACY 2028-Q1', after: '2' }]);
  });
});

describe('decisions that race', () => {
  it('an accept and a withdraw at the same moment: exactly one wins, and the loser changes nothing', async () => {
    for (const key of ['tenable', 'keeper', 'snow']) {
      expect((await setOperator(key, 'emmen'))?.data?.pendingOperator).toEqual({ slug: 'emmen' });
      const p = (await proposals(coevorden, 'coevorden', 'outgoingProposals')).find(
        (x) => x.status === 'PENDING' && x.usage.key === key,
      );
      const outcomes = await Promise.all([
        decide(emmen, 'acceptReferenceProposal', p?.id ?? ''),
        decide(coevorden, 'withdrawReferenceProposal', p?.id ?? ''),
      ]);
      const won = outcomes.filter((o) => o.__typename.endsWith('Success'));
      expect(won).toHaveLength(1);
      expect(outcomes.filter((o) => o.__typename === 'ConflictError')).toHaveLength(1);
      const status = won[0]?.data?.status;
      expect((await proposals(emmen, 'emmen', 'incomingProposals')).find((x) => x.id === p?.id)?.status).toBe(status);
      // The operator follows the winner only, and each decision is audited once on each trail.
      expect((await usage('coevorden', key)).operator).toEqual(status === 'ACCEPTED' ? { slug: 'emmen' } : null);
      expect(
        await t.db.prisma.auditEvent.count({
          where: { entityType: 'ReferenceProposal', action: 'UPDATE', entityId: p?.id },
        }),
      ).toBe(2);
    }
  });
});

describe('figures charged to the operator', () => {
  let bo: ReturnType<typeof graphqlClient>;
  beforeAll(async () => {
    bo = graphqlClient(
      t.db,
      (await createUser(t.db, 'beheer@borger-odoorn.test', [{ organisation: 'borger-odoorn', role: 'EDITOR' }])).token,
    );
  });
  const demand = async (quarter: string) => {
    const res = await emmenViewer<{ capacity: { cells: { role: string; quarter: string; demand: number }[] } }>(
      'query($from: Date!, $to: Date!) { capacity(organisation: "emmen", from: $from, to: $to) { cells { role quarter demand } } }',
      { from: `${quarter.slice(0, 4)}-01-01`, to: `${quarter.slice(0, 4)}-12-31` },
    );
    expect(res.errors).toBeUndefined();
    return (
      res.data?.capacity.cells.find((c) => c.role === 'TECHNICAL_MANAGEMENT' && c.quarter === quarter)?.demand ?? 0
    );
  };
  const updateLoad = async (key: string, beheerLoad: { role: string; fte: number }[]) => {
    const u = await usage('borger-odoorn', key);
    const res = await bo<{ updateUsage: { __typename: string; message?: string } }>(
      `mutation($i: UpdateUsageInput!) { updateUsage(i: $i) { ${result} } }`.replace(
        'updateUsage(i: $i)',
        'updateUsage(input: $i)',
      ),
      { i: { id: u.id, revision: u.revision, beheerLoad } },
    );
    expect(res.errors).toBeUndefined();
    return res.data?.updateUsage;
  };
  const load = async (key: string) =>
    (
      await bo<{ usage: { beheerLoad: { role: string; fte: number }[] } }>(
        'query($k: String!) { usage(organisation: "borger-odoorn", key: $k) { beheerLoad { role fte } } }',
        { k: key },
      )
    ).data?.usage.beheerLoad ?? [];

  it('the owner cannot set the technisch beheer load of a usage another organisation operates; the operator can', async () => {
    const before = await demand('2027-Q1');
    // The reviewer's sequence: Borger-Odoorn sets 50 FTE technisch beheer on three usages Emmen operates for it.
    for (const key of ['microsoft-365', 'entra-id', 'intune']) {
      const refused = await updateLoad(key, [{ role: 'TECHNICAL_MANAGEMENT', fte: 50 }]);
      expect(refused?.__typename).toBe('ForbiddenError');
      expect(refused?.message).toContain('alleen redacteuren van Gemeente Emmen mogen dat cijfer wijzigen');
    }
    expect(await demand('2027-Q1')).toBeCloseTo(before, 5);
    expect(
      await t.db.prisma.referenceProposal.count({
        where: {
          status: 'PENDING',
          receivingOrganisation: { slug: 'emmen' },
          usage: { organisation: { slug: 'borger-odoorn' } },
        },
      }),
    ).toBe(0);

    // Its own roles it still sets, with the operator's figure left as it is.
    const own = await load('microsoft-365');
    const tm = own.find((l) => l.role === 'TECHNICAL_MANAGEMENT');
    const changed = [
      ...own.filter((l) => l.role !== 'FUNCTIONAL_MANAGEMENT'),
      { role: 'FUNCTIONAL_MANAGEMENT', fte: 0.7 },
    ];
    expect((await updateLoad('microsoft-365', changed))?.__typename).toBe('UpdateUsageSuccess');
    expect((await load('microsoft-365')).find((l) => l.role === 'TECHNICAL_MANAGEMENT')).toEqual(tm);
    expect(await demand('2027-Q1')).toBeCloseTo(before, 5);

    // Emmen sets its own figure; Borger-Odoorn cannot use that mutation.
    const u = await usage('borger-odoorn', 'microsoft-365');
    const set = (client: ReturnType<typeof graphqlClient>, fte: number, revision: number) =>
      client<{ setOperatedLoad: { __typename: string; message?: string } }>(
        `mutation($id: ID!, $r: Int!, $f: Float!) { setOperatedLoad(id: $id, revision: $r, fte: $f) { ${result} } }`,
        { id: u.id, r: revision, f: fte },
      );
    expect((await set(bo, 50, u.revision)).data?.setOperatedLoad.__typename).toBe('ForbiddenError');
    expect((await set(emmenViewer, 50, u.revision)).data?.setOperatedLoad.__typename).toBe('ForbiddenError');
    expect((await set(emmen, 2, u.revision)).data?.setOperatedLoad.__typename).toBe('SetOperatedLoadSuccess');
    expect(await demand('2027-Q1')).toBeCloseTo(before + 2 - (tm?.fte ?? 0), 5);
    expect((await set(emmen, 3, u.revision)).data?.setOperatedLoad.__typename).toBe('ConflictError');
    // On both trails.
    const events = await t.db.prisma.auditEvent.findMany({
      where: { entityId: u.id, changes: { contains: 'operatedLoad' } },
      select: { organisation: { select: { slug: true } } },
    });
    expect(events.map((e) => e.organisation?.slug).sort()).toEqual(['borger-odoorn', 'emmen']);
  });

  it('a new operator accepts the load as it stands; after that only it changes the figure', async () => {
    const before = await demand('2027-Q1');
    // Coevorden's own usage, with 7 FTE technisch beheer, proposed to Emmen: nothing moves until Emmen accepts.
    await setOperator('citrix', 'coevorden', [{ role: 'TECHNICAL_MANAGEMENT', fte: 7 }]);
    await setOperator('citrix', 'emmen');
    expect(await demand('2027-Q1')).toBeCloseTo(before, 5);
    const p = (await proposals(emmen, 'emmen', 'incomingProposals')).find(
      (x) => x.status === 'PENDING' && x.usage.key === 'citrix',
    );
    expect((await decide(emmen, 'acceptReferenceProposal', p?.id ?? '')).data).toEqual({ status: 'ACCEPTED' });
    const accepted = await demand('2027-Q1');
    expect(accepted).toBeGreaterThan(before);
    const u = await usage('coevorden', 'citrix');
    const raise = await coevorden<{ updateUsage: { __typename: string } }>(
      `mutation($i: UpdateUsageInput!) { updateUsage(input: $i) { ${result} } }`,
      {
        i: { id: u.id, revision: u.revision, beheerLoad: [{ role: 'TECHNICAL_MANAGEMENT', fte: 40 }] },
      },
    );
    expect(raise.data?.updateUsage.__typename).toBe('ForbiddenError');
    expect(await demand('2027-Q1')).toBeCloseTo(accepted, 5);
  });

  it('migration effort charged to the operator: only the operator changes it, also when a scenario is applied', async () => {
    const migration = async () => {
      const res = await bo<{ migrations: { edges: { node: { id: string; key: string; revision: number } }[] } }>(
        '{ migrations(organisation: "borger-odoorn", first: 20) { edges { node { id key revision } } } }',
      );
      return res.data?.migrations.edges.map((e) => e.node).find((m) => m.key === 'zaakafhandeling-zac') as {
        id: string;
        revision: number;
      };
    };
    const efforts = (tm: number, fm = 1.5) => [
      { role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q1', fte: 0.5 },
      { role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q2', fte: fm },
      { role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q3', fte: 1.0 },
      { role: 'APPLICATION_MANAGEMENT', quarter: '2027-Q2', fte: 0.5 },
      { role: 'APPLICATION_MANAGEMENT', quarter: '2027-Q3', fte: 0.5 },
      { role: 'TECHNICAL_MANAGEMENT', quarter: '2027-Q2', fte: tm },
      { role: 'INFORMATION_MANAGEMENT', quarter: '2027-Q2', fte: 0.3 },
    ];
    const setEffort = async (client: ReturnType<typeof graphqlClient>, list: ReturnType<typeof efforts>) => {
      const m = await migration();
      const res = await client<{ setMigrationEffort: { __typename: string; message?: string } }>(
        `mutation($i: SetMigrationEffortInput!) { setMigrationEffort(input: $i) { ${result} } }`,
        { i: { id: m.id, revision: m.revision, efforts: list } },
      );
      expect(res.errors).toBeUndefined();
      return res.data?.setMigrationEffort.__typename;
    };
    const before = await demand('2027-Q2');
    // Decos JOIN, which this migration replaces, is operated by Emmen: its technisch beheer effort is Emmen's.
    expect(await setEffort(bo, efforts(50))).toBe('ForbiddenError');
    expect(await demand('2027-Q2')).toBeCloseTo(before, 5);
    expect(await setEffort(bo, efforts(0.3, 2))).toBe('SetMigrationEffortSuccess');
    expect(await setEffort(emmen, efforts(0.3, 9))).toBe('ForbiddenError');
    expect(await setEffort(emmenViewer, efforts(1.3, 2))).toBe('ForbiddenError');
    expect(await setEffort(emmen, efforts(1.3, 2))).toBe('SetMigrationEffortSuccess');
    expect(await demand('2027-Q2')).toBeCloseTo(before + 1, 5);

    // A scenario of Borger-Odoorn that moves the migration would move Emmen's effort to other quarters: refused whole.
    const created = await bo<{ createScenario: { data: { id: string; revision: number } } }>(
      `mutation($input: CreateScenarioInput!) { createScenario(input: $input) { ... on CreateScenarioSuccess { data { id revision } } } }`,
      { input: { organisation: 'borger-odoorn', name: 'ZAC een jaar later' } },
    );
    const scenario = created.data?.createScenario.data as { id: string; revision: number };
    const moved = await bo<{ updateScenarioMigration: { __typename: string } }>(
      `mutation($input: UpdateScenarioMigrationInput!) { updateScenarioMigration(input: $input) { ${result} } }`,
      {
        input: {
          scenario: scenario.id,
          revision: scenario.revision,
          migration: (await migration()).id,
          moveTo: '2028-03-01',
        },
      },
    );
    expect(moved.data?.updateScenarioMigration.__typename).toBe('UpdateScenarioMigrationSuccess');
    const applied = await bo<{
      applyScenario: { __typename: string; message?: string; blockers?: { change: string; reason: string }[] };
    }>(
      `mutation($id: ID!, $r: Int!) { applyScenario(id: $id, revision: $r) { ${result} ... on ScenarioBlockedError { blockers { change reason } } } }`,
      { id: scenario.id, r: scenario.revision + 1 },
    );
    // Refused, naming the change and whose figure it is.
    expect(applied.data?.applyScenario).toEqual({
      __typename: 'ScenarioBlockedError',
      message: expect.stringContaining('één wijziging'),
      blockers: [
        {
          change: 'Migratie naar Zaakafhandelcomponent (ZAC) (Gemeente Borger-Odoorn)',
          reason: expect.stringContaining('beheercapaciteit van Gemeente Emmen'),
        },
      ],
    });
    expect(await demand('2027-Q2')).toBeCloseTo(before + 1, 5);
  });
});

describe('changing an accepted koppeling to another organisation’s usage', () => {
  it('asks that organisation again: until it accepts, its usage shows no koppeling in a form it did not accept', async () => {
    const onEmmen = async () =>
      (
        await emmenViewer<{ usage: { interfaces: { key: string; type: string; description: string | null }[] } }>(
          '{ usage(organisation: "emmen", key: "zivver") { interfaces { key type description } } }',
        )
      ).data?.usage.interfaces.filter((i) => i.key === 'zivver-naar-emmen') ?? [];
    await createKoppeling(
      'zivver-naar-emmen',
      (await usage('coevorden', 'zivver')).id,
      (await usage('emmen', 'zivver')).id,
      null,
    );
    const first = (await proposals(emmen, 'emmen', 'incomingProposals')).find(
      (p) => p.interfaceKey === 'zivver-naar-emmen',
    );
    expect((await decide(emmen, 'acceptReferenceProposal', first?.id ?? '')).data).toEqual({ status: 'ACCEPTED' });
    expect(await onEmmen()).toEqual([{ key: 'zivver-naar-emmen', type: 'API', description: null }]);

    const k = await coevorden<{ interface: { id: string; revision: number } }>(
      '{ interface(organisation: "coevorden", key: "zivver-naar-emmen") { id revision } }',
    );
    const changed = await coevorden<{ updateInterface: { __typename: string; data?: { pendingConsent: boolean } } }>(
      `mutation($input: UpdateInterfaceInput!) { updateInterface(input: $input) { ${result} ... on UpdateInterfaceSuccess { data { pendingConsent } } } }`,
      {
        input: {
          id: k.data?.interface.id,
          revision: k.data?.interface.revision,
          type: 'FILE_TRANSFER',
          description: 'Emmen levert elke nacht alle berichten',
        },
      },
    );
    expect(changed.data?.updateInterface).toEqual({
      __typename: 'UpdateInterfaceSuccess',
      data: { pendingConsent: true },
    });
    // Not on Emmen's usage, neither old nor new; the accepted proposal has ended and a new one waits.
    expect(await onEmmen()).toEqual([]);
    const mine = (await proposals(emmen, 'emmen', 'incomingProposals')).filter(
      (p) => p.interfaceKey === 'zivver-naar-emmen',
    );
    expect(mine.map((p) => p.status).sort()).toEqual(['ENDED', 'PENDING']);
    const again = mine.find((p) => p.status === 'PENDING');
    expect(again).toMatchObject({ kind: 'INTERFACE_TO', viewerCanDecide: true });
    expect((await decide(emmen, 'acceptReferenceProposal', again?.id ?? '')).data).toEqual({ status: 'ACCEPTED' });
    expect(await onEmmen()).toEqual([
      { key: 'zivver-naar-emmen', type: 'FILE_TRANSFER', description: 'Emmen levert elke nacht alle berichten' },
    ]);
  });
});

describe("a version named for one's own usage of another organisation's product", () => {
  it('adds only the version name, on the trail of who added it, and leaves the product and its owner alone', async () => {
    const created = await emmen<{ createUsage: { __typename: string } }>(
      `mutation($input: CreateUsageInput!) { createUsage(input: $input) { ${result} } }`,
      {
        input: {
          organisation: 'emmen',
          key: 'eigen-pakket',
          newProduct: { name: 'Emmens Eigen Pakket', supplier: 'Emmen Ontwikkeling', architecture: 'HYBRID' },
          status: 'IN_PRODUCTION',
          statusSince: '2026-01-01',
        },
      },
    );
    expect(created.data?.createUsage.__typename).toBe('CreateUsageSuccess');
    const product = async () =>
      (
        await emmenViewer<{ product: { id: string; revision: number; versions: { name: string }[] } }>(
          '{ product(slug: "emmens-eigen-pakket") { id revision versions { name } } }',
        )
      ).data?.product;
    const before = await product();
    expect(before?.versions).toEqual([]);

    // Coevorden may not change Emmen's product ...
    const edit = await coevorden<{ updateProduct: { __typename: string } }>(
      `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { ${result} } }`,
      { input: { id: before?.id, revision: before?.revision, versions: ['x'] } },
    );
    expect(edit.data?.updateProduct.__typename).toBe('ForbiddenError');
    // ... but names the version it runs, for its own usage.
    const own = await coevorden<{ createUsage: { __typename: string } }>(
      `mutation($input: CreateUsageInput!) { createUsage(input: $input) { ${result} } }`,
      {
        input: {
          organisation: 'coevorden',
          key: 'ook-eigen-pakket',
          product: 'emmens-eigen-pakket',
          version: '2.1',
          status: 'IN_PRODUCTION',
          statusSince: '2026-01-01',
        },
      },
    );
    expect(own.data?.createUsage.__typename).toBe('CreateUsageSuccess');
    const after = await product();
    expect(after?.versions).toEqual([{ name: '2.1' }]);
    expect(after?.revision).toBe(before?.revision);
    const events = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'Product', entityId: before?.id ?? '', action: 'UPDATE' },
    });
    const coevordenId = (await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'coevorden' } })).id;
    expect(events.map((e) => [e.organisationId, e.actorLabel])).toEqual([[coevordenId, 'redacteur@coevorden.test']]);
    // Emmen's own edit of its product, from what it read before, is not made stale by it.
    const owner = await emmen<{ updateProduct: { __typename: string } }>(
      `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { ${result} } }`,
      { input: { id: before?.id, revision: before?.revision, description: 'Door Emmen gebouwd' } },
    );
    expect(owner.data?.updateProduct.__typename).toBe('UpdateProductSuccess');
  });
});

describe('another organisation’s sign-in settings', () => {
  it('are neither readable nor changeable by another partner, nor anonymously; the client secret by nobody', async () => {
    const planted = await createTestDatabase();
    try {
      const sentinels = await plantSentinels(planted.db);
      const secrets = sentinels.organisations.filter((o) => o.usages.length > 0).map((o) => providerSecretOf(o.slug));
      expect(await planted.db.prisma.identityProvider.count({ where: { clientSecret: { in: secrets } } })).toBe(
        secrets.length,
      );
      const emmenAdmin = await createUser(planted.db, 'beheerder@emmen.test', [
        { organisation: 'emmen', role: 'ADMIN' },
      ]);
      const coevordenAdmin = await createUser(planted.db, 'beheerder@coevorden.test', [
        { organisation: 'coevorden', role: 'ADMIN' },
      ]);
      const providersQuery = `{ identityProviders { id name issuer clientId emailDomains roleClaim viewerValues adminValues organisation { slug } } }`;
      const settings = `query($o: String!) { organisation(slug: $o) { passwordSignIn singleSignOn } }`;
      const trail = `query($o: String!) { organisation(slug: $o) { slug } auditEvents(organisation: $o, first: 200) { edges { node { entityType description changes { field before after hidden } } } } }`;

      for (const reader of [sentinels.outsider.token, coevordenAdmin.token, emmenAdmin.token, undefined]) {
        const gql = graphqlClient(planted.db, reader);
        // Only instance administrators list the providers.
        const listed = await gql(providersQuery);
        expect(listed.data?.identityProviders ?? null).toBeNull();
        expect(findSentinels(JSON.stringify(listed))).toEqual([]);
      }
      // Another partner (and an anonymous visitor) learns nothing of Emmen's sign-in settings, nor changes them.
      for (const reader of [coevordenAdmin.token, sentinels.outsider.token, undefined]) {
        const gql = graphqlClient(planted.db, reader);
        const read = (await gql<{ organisation: Record<string, unknown> | null }>(settings, { o: 'emmen' })).data
          ?.organisation;
        expect(read?.passwordSignIn ?? null).toBeNull();
        expect(read?.singleSignOn ?? null).toBeNull();
        const changed = await gql<{ setPasswordSignIn: { __typename: string } }>(
          `mutation { setPasswordSignIn(organisation: "emmen", enabled: false) { __typename } }`,
        );
        expect(changed.data?.setPasswordSignIn.__typename).toBe('ForbiddenError');
        const history = await gql(trail, { o: 'emmen' });
        expect(
          findSentinels(JSON.stringify(history)).filter((s) => s.includes('idp') || s.startsWith('SENTINEL-SECRET')),
        ).toEqual([]);
      }
      expect(
        (await planted.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } })).passwordSignIn,
      ).toBe(true);
      // Emmen's own admin reads its settings and its provider's history, but never the secret.
      const own = graphqlClient(planted.db, emmenAdmin.token);
      expect((await own(settings, { o: 'emmen' })).data).toEqual({
        organisation: { passwordSignIn: true, singleSignOn: true },
      });
      const ownHistory = JSON.stringify(await own(trail, { o: 'emmen' }));
      expect(ownHistory).toContain('sentinel-idp-emmen');
      expect(findSentinels(ownHistory).filter((s) => s.startsWith('SENTINEL-SECRET'))).toEqual([]);
      // Nor does an instance administrator ever get the secret back.
      const admin = graphqlClient(planted.db, sentinels.instanceAdmin.token);
      const everything = JSON.stringify([await admin(providersQuery), await admin(trail, { o: 'emmen' })]);
      expect(everything).toContain('sentinel-idp-emmen');
      expect(findSentinels(everything).filter((s) => s.startsWith('SENTINEL-SECRET'))).toEqual([]);
      // An organisation's admin does not change its provider: that is the instance administrators' (no partner can
      // point another's members at a provider of its own choosing).
      const id = (
        await planted.db.prisma.identityProvider.findFirstOrThrow({ where: { organisation: { slug: 'emmen' } } })
      ).id;
      const takeover = await own<{ updateIdentityProvider: { __typename: string } }>(
        `mutation($id: ID!, $input: IdentityProviderInput!) { updateIdentityProvider(id: $id, input: $input) { __typename } }`,
        {
          id,
          input: {
            organisation: 'emmen',
            name: 'Eigen',
            issuer: 'https://idp.example',
            clientId: 'x',
            emailDomains: ['emmen.nl'],
            roleClaim: '',
            viewerValues: '',
            editorValues: '',
            adminValues: '',
            defaultRole: 'ADMIN',
            enabled: true,
          },
        },
      );
      expect(takeover.data?.updateIdentityProvider.__typename).toBe('ForbiddenError');
    } finally {
      await planted.drop();
    }
  }, 120_000);
});
