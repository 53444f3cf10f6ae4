// One rule for private data, on every path of the API: a sentinel sits in every private field of every usage of
// every organisation and in the audit trail (changes of private fields, people, memberships); then every query field
// of the schema, exports included, is read as a member of another organisation, as a signed-in user without
// membership and anonymously. No sentinel may come back. The walk takes the schema as it is, so a new query field
// joins by construction; a field whose required arguments it cannot fill fails the test instead of being skipped.
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_FIELDS } from '#core/privacy.ts';
import { schema } from '#graphql/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { findSentinels, type Planted, plantSentinels, scannable } from '../helpers/sentinels.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let planted: Planted;
/** One global id of every node type per organisation (audit events: per entity type and organisation too). */
let nodeIds: NodeId[];

interface NodeId {
  type: string;
  id: string;
  organisationId: string | null;
}

/**
 * Ids straight from the database, by model, for every type that implements Node: a new node type joins by
 * construction, and one whose model the walk cannot find fails here. Per organisation where the model has one, and
 * audit events per entity type too (account events, proposals, memberships...), since each kind has its own rule.
 */
async function collectNodeIds(): Promise<NodeId[]> {
  const node = schema.getType('Node');
  if (!node || !isInterfaceType(node)) throw new Error('The schema has no Node interface');
  const ids: NodeId[] = [];
  for (const type of schema.getPossibleTypes(node)) {
    const delegate = (
      t.db.prisma as unknown as Record<
        string,
        { findMany(args: unknown): Promise<Record<string, unknown>[]> } | undefined
      >
    )[type.name.charAt(0).toLowerCase() + type.name.slice(1)];
    if (!delegate) throw new Error(`No model for the node type ${type.name}: tell the walk where its rows are`);
    const distinct = type.name === 'AuditEvent' ? ['entityType', 'organisationId'] : ['organisationId'];
    let rows: Record<string, unknown>[];
    try {
      rows = await delegate.findMany({ distinct, select: { id: true, organisationId: true } });
    } catch {
      // A model without an owning organisation: a few of its rows.
      rows = await delegate.findMany({ take: 3, select: { id: true } });
    }
    if (rows.length === 0)
      throw new Error(`No row of ${type.name} in the test database: plant one, so node() is tried with it`);
    for (const row of rows)
      ids.push({
        type: type.name,
        id: encodeGlobalID(type.name, String(row.id)),
        organisationId: (row.organisationId as string | null) ?? null,
      });
  }
  return ids;
}

beforeAll(async () => {
  t = await createTestDatabase();
  planted = await plantSentinels(t.db);
  nodeIds = await collectNodeIds();
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

/** Levels of objects the walk descends into; a type is not entered again below itself. */
const DEPTH = 3;

type Target = Planted['organisations'][number];
const literal = (value: unknown) => JSON.stringify(value);

/**
 * Required (and a few telling optional) arguments, filled from the seeded data for one organisation: by
 * "Type.field.argument" first, then by argument name. An argument not known here fails the walk.
 */
function argumentValue(parent: string, field: string, arg: string, target: Target): unknown {
  const landscapes = planted.organisations.filter((o) => o.usages.length > 0);
  const firstUsage = target.usages[0] ?? landscapes[0]?.usages[0];
  const byField: Record<string, unknown> = {
    'Query.organisation.slug': target.slug,
    'Query.product.slug': 'open-zaak',
    'Query.gemmaView.code': 'RC00',
    'Query.usage.key': firstUsage?.key,
    'Query.usage.organisation': target.usages.length ? target.slug : landscapes[0]?.slug,
    'Query.interface.key': target.interfaces[0] ?? landscapes[0]?.interfaces[0],
    'Query.interface.organisation': target.interfaces.length ? target.slug : landscapes[0]?.slug,
    'Query.comparison.organisations': [target.slug, ...landscapes.map((o) => o.slug)].slice(0, 20),
    'Query.comparisonAmeff.organisations': [target.slug, ...landscapes.map((o) => o.slug)],
    // Statements side by side: the target and three others (Coevorden shares its statement with Borger-Odoorn).
    'Query.vvtComparison.organisations': [
      target.slug,
      ...planted.organisations.map((o) => o.slug).filter((s) => s !== target.slug),
    ].slice(0, 4),
    'Query.search.query': `${firstUsage?.product ?? 'Open Zaak'} ${target.name}`,
    'Query.node.id': encodeGlobalID('Usage', firstUsage?.id ?? ''),
    // An invitation is read by its secret one-time key only; a key nobody was given finds nothing.
    'Query.invitation.token': 'geen-uitgegeven-sleutel',
    // A password reset likewise: only the one who received its link by mail can read it.
    'Query.passwordReset.token': 'geen-uitgegeven-sleutel',
    // The account of the organisation's editor: its counts are for instance administrators only.
    'Query.accountAccess.email': `sentinel-editor-${target.slug}@people.example`,
    // So is the second step of a sign-in, by its challenge.
    'Query.secondStep.challenge': 'geen-uitgegeven-tweede-stap',
    // So is a single sign-on waiting for an existing account's password: by the browser's flow cookie only.
    'Query.ssoPendingLink.flowToken': 'geen-uitgegeven-sleutel',
    // The register's own activity of the organisation (or none: the walk then asks for a missing one).
    'Organisation.processingActivity.id':
      nodeIds.find((n) => n.type === 'ProcessingActivity' && n.organisationId === target.id)?.id ??
      encodeGlobalID('ProcessingActivity', 'geen'),
    'Query.nodes.ids': [
      ...target.usages.map((u) => encodeGlobalID('Usage', u.id)),
      encodeGlobalID('Organisation', target.id),
    ],
  };
  const byName: Record<string, unknown> = {
    organisation: target.slug,
    organisations: [target.slug],
    slug: target.slug,
    from: '2026-01-01',
    to: '2028-12-31',
    at: '2027-07-01',
    entity: encodeGlobalID('Usage', firstUsage?.id ?? ''),
  };
  const key = `${parent}.${field}.${arg}`;
  if (key in byField) return byField[key];
  if (arg in byName) return byName[arg];
  return undefined;
}

/**
 * Files built from a whole landscape: read once per organisation where the walk starts at it (Query.organisation),
 * not again for every usage's organisation deeper down, which would build the same file hundreds of times.
 */
const WHOLE_LANDSCAPE_FILES = new Set([
  'Organisation.ameff',
  'Organisation.usagesCsv',
  'Organisation.usagesXlsx',
  'Organisation.interfacesCsv',
  'Organisation.contentYaml',
  'Organisation.softwarecatalogusCsv',
]);

/** Optional arguments worth filling too: the audit trail of one organisation, one entity. */
const FILL_OPTIONAL = new Set([
  'Query.usages.organisation',
  'Query.migrations.organisation',
  // The landscape on a day (the Dimpact deadline): the same data by another path.
  'Organisation.usages.at',
  'Organisation.usageSummary.at',
  'Organisation.adoption.at',
  'Query.comparison.at',
]);

interface Walk {
  /** Response paths refused to the reader, left out of the next document. */
  excluded: Set<string>;
  unfillable: string[];
  /** Arguments of the top-level field set by the caller ("first", "after", "id"), before anything else. */
  overrides?: Record<string, unknown>;
}

function argumentsOf(parent: string, field: GraphQLField<unknown, unknown>, target: Target, walk: Walk): string | null {
  const parts: string[] = [];
  for (const arg of field.args) {
    const override = parent === 'Query' ? walk.overrides?.[arg.name] : undefined;
    if (override !== undefined) {
      parts.push(`${arg.name}: ${literal(override)}`);
      continue;
    }
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && !FILL_OPTIONAL.has(`${parent}.${field.name}.${arg.name}`)) continue;
    const value = argumentValue(parent, field.name, arg.name, target);
    if (value === undefined) {
      if (required)
        walk.unfillable.push(`${parent}.${field.name}(${arg.name}: ${String(arg.type as GraphQLInputType)})`);
      if (required) return null;
      continue;
    }
    parts.push(`${arg.name}: ${literal(value)}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** Every scalar field of the type, and every object field down to DEPTH, as a selection set. `at` is its response path. */
function selectionOf(
  type: GraphQLNamedType,
  target: Target,
  depth: number,
  path: string[],
  at: string,
  walk: Walk,
): string {
  if (isScalarType(type) || isEnumType(type)) return '';
  if (isAbstractType(type)) {
    const own = isInterfaceType(type) ? fieldsOf(type, target, depth, path, at, walk) : [];
    // Each variant's scalar fields (each type is walked in full from its own query field), under its own alias:
    // Usage.status and Migration.status differ in type and may not meet.
    // At the top (node, nodes) each variant one level deep, so an event's changes and a proposal's organisations are read.
    const top = path.length <= 2;
    const variants = schema
      .getPossibleTypes(type)
      .map(
        (possible) =>
          `... on ${possible.name} { __typename ${fieldsOf(possible, target, top ? 1 : 0, [...path, possible.name], at, walk, !top, `${possible.name}_`).join(' ')} }`,
      );
    return `{ __typename ${[...own, ...variants].join(' ')} }`;
  }
  if (isObjectType(type)) return `{ __typename ${fieldsOf(type, target, depth, path, at, walk).join(' ')} }`;
  return '';
}

function fieldsOf(
  type: GraphQLNamedType & { getFields(): Record<string, GraphQLField<unknown, unknown>> },
  target: Target,
  depth: number,
  path: string[],
  at: string,
  walk: Walk,
  scalarsOnly = false,
  alias = '',
) {
  const selections: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const named: GraphQLNamedType = getNamedType(field.type as GraphQLOutputType);
    const leaf = isScalarType(named) || isEnumType(named);
    if (scalarsOnly && !leaf) continue;
    if (WHOLE_LANDSCAPE_FILES.has(`${type.name}.${field.name}`) && path.length > 2) continue;
    const key = `${alias}${field.name}`;
    const here = `${at}.${key}`;
    // Refused to this reader (a FORBIDDEN error there): left out, so the rest of the answer is not nulled with it.
    if (walk.excluded.has(here)) continue;
    const args = argumentsOf(type.name, field, target, walk);
    if (args === null) continue;
    const name = alias ? `${key}: ${field.name}` : field.name;
    if (leaf) selections.push(`${name}${args}`);
    // Below the depth, or a type already on the path: its scalar fields only, so the walk ends and no selection is empty.
    else if (depth <= 0 || path.includes(named.name)) {
      const scalars = isObjectType(named) ? fieldsOf(named, target, 0, [...path, named.name], here, walk, true) : [];
      selections.push(`${name}${args} { __typename ${scalars.join(' ')} }`);
    } else
      selections.push(`${name}${args} ${selectionOf(named, target, depth - 1, [...path, named.name], here, walk)}`);
  }
  return selections;
}

/** The document for one query field and organisation, with everything the walk can select under it. */
function queryFor(
  field: GraphQLField<unknown, unknown>,
  target: Target,
  excluded = new Set<string>(),
  overrides?: Record<string, unknown>,
) {
  const walk: Walk = { excluded, unfillable: [], overrides };
  const args = argumentsOf('Query', field, target, walk);
  const named = getNamedType(field.type) as GraphQLNamedType;
  const query =
    args === null
      ? ''
      : `{ ${field.name}${args} ${selectionOf(named, target, DEPTH, ['Query', named.name], field.name, walk)} }`;
  return { query, unfillable: walk.unfillable };
}

const queryFields = () => Object.values(schema.getQueryType()?.getFields() ?? {});

/**
 * Reads every query field for every organisation; the sentinels found, per field, and the answers. Where a field is
 * refused to the reader, the walk asks again without it (a refused non-null field would null its parent and hide
 * everything beside it); every other error fails the walk, since an answer that fails proves nothing.
 */
const everything = new Map<string | undefined, ReturnType<typeof readAll>>();

/** The whole walk for one reader, read once per file (two tests compare the same readers). */
function readEverything(token: string | undefined, only?: (field: string) => boolean) {
  if (only) return readAll(token, only);
  if (!everything.has(token)) everything.set(token, readAll(token));
  return everything.get(token) as ReturnType<typeof readAll>;
}

async function readAll(token: string | undefined, only?: (field: string) => boolean) {
  // The walk asks for everything at once; the size limits would refuse that, and they do not change who may read what.
  const gql = graphqlClient(t.db, token, { sizeLimits: false });
  const found: Record<string, string[]> = {};
  const answers: Record<string, unknown> = {};
  const failures: string[] = [];
  const asked = new Set<string>();
  /** Per connection, the pages read after the first. */
  const pages: Record<string, number> = {};
  /** Per connection read, the edges read over all its pages, and the total it announced. */
  const read: Record<string, { edges: number; total: number | null }> = {};
  const targets = [...planted.organisations].reverse();
  for (const target of targets) {
    for (const field of queryFields()) {
      if (only && !only(field.name)) continue;
      // node: every id of every node type, one by one; nodes: all of them at once; a connection: page by page.
      // An id is asked once, under its own organisation (ids of none under the first): what a node answers is its own,
      // whichever organisation fills the arguments deeper down, and asking each id for every organisation cost minutes.
      const first = target === targets[0];
      const runs: Record<string, unknown>[] =
        field.name === 'node'
          ? nodeIds
              .filter((n) => (n.organisationId === null ? first : n.organisationId === target.id))
              .map((n) => ({ id: n.id }))
          : field.name === 'nodes'
            ? first
              ? [{ ids: nodeIds.map((n) => n.id) }]
              : []
            : [{}];
      const paged = field.args.some((a) => a.name === 'after') && field.args.some((a) => a.name === 'first');
      for (const run of runs) {
        const excluded = new Set<string>();
        let overrides: Record<string, unknown> = paged ? { ...run, first: PAGE } : run;
        let { query } = queryFor(field, target, excluded, overrides);
        // A field without arguments from the organisation is the same query for every organisation: asked once.
        if (!query || asked.has(query)) continue;
        asked.add(query);
        const label = `${field.name}${run.id ? ` ${String(run.id)}` : ''} (${target.slug})`;
        for (let page = 0; page < 1000; page++) {
          let response = await gql(query);
          for (let round = 0; round < 20 && response.errors?.length; round++) {
            // A node refused as a whole (node(id:), an entry of nodes) is the answer: nothing of it comes back.
            const whole = (e: (typeof response.errors)[number]) =>
              (e.path ?? []).every((p) => p === 'node' || p === 'nodes' || typeof p === 'number');
            const refused = response.errors.filter(
              (e) => e.extensions?.code === 'FORBIDDEN' && e.path && e.path.length > 1 && !whole(e),
            );
            const others = response.errors.filter((e) => e.extensions?.code !== 'FORBIDDEN');
            for (const e of others) failures.push(`${label} ${e.path?.join('.') ?? ''}: ${e.message}`);
            const paths = refused
              .map((e) => (e.path ?? []).filter((p) => typeof p === 'string').join('.'))
              .filter((p) => !excluded.has(p));
            if (others.length || paths.length === 0) break;
            for (const p of paths) excluded.add(p);
            query = queryFor(field, target, excluded, overrides).query;
            response = await gql(query);
          }
          const text = await scannable(JSON.stringify(response));
          const sentinels = findSentinels(text);
          if (sentinels.length) found[label] = [...new Set([...(found[label] ?? []), ...sentinels])];
          const data = (response.data as Record<string, unknown> | null | undefined)?.[field.name] ?? null;
          if (page === 0) answers[label] = data;
          const pageInfo = (data as { pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } } | null)
            ?.pageInfo;
          if (paged) {
            const connection = data as { edges?: unknown[]; totalCount?: number } | null;
            read[label] ??= { edges: 0, total: connection?.totalCount ?? null };
            const seen = read[label];
            seen.edges += connection?.edges?.length ?? 0;
          }
          if (!paged || !pageInfo?.hasNextPage || !pageInfo.endCursor) break;
          pages[field.name] = (pages[field.name] ?? 1) + 1;
          overrides = { ...overrides, after: pageInfo.endCursor };
          query = queryFor(field, target, excluded, overrides).query;
        }
      }
    }
  }
  return { found, answers, failures, pages, read };
}

/** Page size of the walk through every connection at the top (each connection allows at least this many). */
const PAGE = 100;

describe('the sentinel walk over every query field', () => {
  it('fills every required argument of every field it reaches (a new field it cannot fill fails here)', () => {
    const unfillable = new Set(
      planted.organisations.flatMap((o) => queryFields().flatMap((f) => queryFor(f, o).unfillable)),
    );
    expect([...unfillable]).toEqual([]);
  });

  it('reaches the private fields: a member of the organisation finds its sentinels in the fields, the exports and the audit trail', {
    timeout: 180_000,
  }, async () => {
    const emmen = planted.editors.get('emmen');
    const { found, failures } = await readEverything(emmen?.token, (f) =>
      ['organisation', 'usage', 'auditEvents'].includes(f),
    );
    expect(failures).toEqual([]);
    expect(Object.keys(found)).toEqual(
      expect.arrayContaining(['organisation (emmen)', 'usage (emmen)', 'auditEvents (emmen)']),
    );
    expect(found['organisation (emmen)']?.some((s) => s.startsWith('SENTINEL-NOTE'))).toBe(true);
    expect(found['organisation (emmen)']).toEqual(
      expect.arrayContaining(['SENTINEL-VVT-REASON-emmen', 'SENTINEL-VVT-OWNER-emmen', 'SENTINEL-VVT-EVIDENCE-emmen']),
    );
    expect(found['auditEvents (emmen)']).toEqual(expect.arrayContaining(['SENTINEL-VVT-REASON-emmen']));
    // Its attestation's note, on the organisation and on its trail.
    expect(found['organisation (emmen)']).toContain('sentinel-attest-emmen');
    expect(found['auditEvents (emmen)']).toContain('sentinel-attest-emmen');
  });

  it('finds no sentinel of another organisation as a member of another organisation', {
    timeout: 480_000,
  }, async () => {
    const { found, failures, answers, read } = await readEverything(planted.outsider.token);
    expect(found).toEqual({});
    expect(failures).toEqual([]);
    // Not an empty walk: the other organisations' landscapes themselves are there to read.
    expect(JSON.stringify(answers['organisation (emmen)'])).toContain('"key"');
    // node() was tried with an id of every node type, account events among them; the trail was read to its end.
    const tried = new Set(
      Object.keys(answers).flatMap((k) => (k.startsWith('node ') ? [nodeIds.find((n) => k.includes(n.id))?.type] : [])),
    );
    expect([...tried].sort()).toEqual([...new Set(nodeIds.map((n) => n.type))].sort());
    expect(nodeIds.some((n) => n.type === 'AuditEvent' && n.organisationId === null)).toBe(true);
    // Every connection at the top was read to its end, page by page: as many edges as its total, the trail included.
    expect(Object.keys(read)).toEqual(expect.arrayContaining([expect.stringMatching(/^auditEvents /)]));
    const short = Object.entries(read).filter(([, r]) => r.total !== null && r.edges !== r.total);
    expect(short).toEqual([]);
  });

  it('finds no private usage value as an instance administrator, who is a member of no organisation', {
    timeout: 480_000,
  }, async () => {
    const { found, failures } = await readEverything(planted.instanceAdmin.token);
    expect(failures).toEqual([]);
    // Usage's private fields are for members only (core/privacy.ts), not even instance administrators; people and
    // accounts are theirs to see (membersAndInstanceAdmins), so the people's sentinels may come back, and do.
    const usageValues = Object.entries(found).flatMap(([where, sentinels]) =>
      sentinels.filter((s) => !s.startsWith('sentinel-')).map((s) => `${where}: ${s}`),
    );
    expect(usageValues).toEqual([]);
    expect(
      Object.values(found)
        .flat()
        .some((s) => s.startsWith('sentinel-')),
    ).toBe(true);
  });

  it('finds no sentinel as a signed-in user without membership, nor anonymously', { timeout: 360_000 }, async () => {
    for (const reader of [planted.memberless.token, undefined]) {
      const { found, failures } = await readEverything(reader);
      expect(found).toEqual({});
      expect(failures).toEqual([]);
    }
  });

  it('reads the public catalogue anonymously, and nothing of a landscape under it', { timeout: 180_000 }, async () => {
    const { answers } = await readEverything(undefined);
    const text = JSON.stringify(answers);
    // The walk selects __typename on every object: the catalogue is there, every part of a landscape is not.
    for (const type of ['Product', 'Supplier', 'ReferenceComponent', 'Standard', 'ExternalService'])
      expect(text, type).toContain(`"__typename":"${type}"`);
    for (const type of ['Usage', 'Interface', 'Migration', 'AuditEvent', 'Membership', 'Scenario', 'ReferenceProposal'])
      expect(text, type).not.toContain(`"__typename":"${type}"`);
    expect(text).toContain('"organisationCount"');
  });
});

describe('search for another organisation', () => {
  it('finds no usage by the value of a private field, while it finds the same usage by its product and organisation', async () => {
    const emmen = await t.db.prisma.organisation.findUniqueOrThrow({
      where: { slug: 'emmen' },
      select: { id: true, name: true },
    });
    const usage = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisationId: emmen.id, internalNote: { not: null }, yearlyCost: { not: null } },
      orderBy: { key: 'asc' },
      select: { key: true, internalNote: true, yearlyCost: true, product: { select: { name: true } } },
    });
    const path = `/organisaties/emmen/gebruik/${usage.key}`;
    const search = async (token: string | undefined, q: string) =>
      (
        await graphqlClient(t.db, token)<{ search: { path: string; title: string; reason: string }[] }>(
          'query($q: String!) { search(query: $q, first: 100) { path title reason } }',
          { q },
        )
      ).data?.search ?? [];
    const coevorden = planted.editors.get('coevorden');
    for (const token of [planted.outsider.token, coevorden?.token]) {
      // Found by what anyone may read: not an empty search.
      expect((await search(token, `${usage.product.name} ${emmen.name}`)).map((h) => h.path)).toContain(path);
      for (const q of [usage.internalNote ?? '', String(usage.yearlyCost), `${usage.internalNote} ${emmen.name}`]) {
        const hits = await search(token, q);
        expect(hits.map((h) => h.path)).not.toContain(path);
        expect(findSentinels(JSON.stringify(hits))).toEqual([]);
      }
    }
  });
});

describe('exports for another organisation', () => {
  it('leave the private fields out of the content file and say so; the own organisation gets them', async () => {
    const query = '{ organisation(slug: "emmen") { contentYaml } }';
    type Answer = { organisation: { contentYaml: string } };
    const outside =
      (await graphqlClient(t.db, planted.outsider.token)<Answer>(query)).data?.organisation.contentYaml ?? '';
    expect(outside).toContain('usages:');
    expect(outside).toContain('private to Gemeente Emmen');
    expect(outside).not.toMatch(/^\s+(yearlyCost|internalNote|contractEndsOn):/m);
    const own =
      (await graphqlClient(t.db, planted.editors.get('emmen')?.token)<Answer>(query)).data?.organisation.contentYaml ??
      '';
    expect(own).toMatch(/yearlyCost: 987\d{6}/);
    expect(own).not.toContain('private to Gemeente Emmen');
  });
});

describe('the audit trail for another organisation', () => {
  type Events = {
    auditEvents: {
      edges: {
        node: {
          actor: string;
          entityType: string;
          changes: { field: string; before: string | null; after: string | null; hidden: boolean }[];
        };
      }[];
    };
  };
  const query =
    '{ auditEvents(first: 200, organisation: "emmen") { edges { node { actor entityType changes { field before after hidden } } } } }';

  /** The editor's change of Emmen's usage's private fields, as the trail holds it. */
  const privateUsageChanges = () =>
    t.db.prisma.auditEvent.findMany({
      where: { entityType: 'Usage', organisation: { slug: 'emmen' }, changes: { contains: '"yearlyCost":' } },
    });
  /** Whether a changed field is one of the model's private fields. */
  const isPrivate = (entityType: string, field: string) =>
    ((PRIVATE_FIELDS as Record<string, { fields: readonly string[] }>)[entityType]?.fields ?? []).includes(field);

  it('leaves private fields out, names and all, names people by organisation only, and leaves out membership changes', async () => {
    const events =
      (await graphqlClient(t.db, planted.outsider.token)<Events>(query)).data?.auditEvents.edges.map((e) => e.node) ??
      [];
    // The editor's change of the private fields (the operator it asked for waits for the partner's consent) is not
    // there; the editor's other changes are, by organisation only.
    expect(events.some((e) => e.entityType === 'Usage' && e.actor.includes('@'))).toBe(false);
    expect((await privateUsageChanges()).length).toBe(1);
    expect(events.some((e) => e.actor === 'een gebruiker van Gemeente Emmen')).toBe(true);
    expect(events.flatMap((e) => e.changes.filter((c) => c.hidden || isPrivate(e.entityType, c.field)))).toEqual([]);
    // Memberships, invitations and officers changed nothing but private fields: none of them is there.
    const ownTrail = await t.db.prisma.auditEvent.count({
      where: { entityType: 'Membership', organisation: { slug: 'emmen' } },
    });
    expect(ownTrail).toBeGreaterThan(1);
    expect(events.filter((e) => ['Membership', 'Invitation'].includes(e.entityType))).toEqual([]);
  });

  it('names the people of a page of events in a fixed number of statements, however many people it holds', async () => {
    const gql = graphqlClient(t.db, planted.outsider.token);
    const page = (n: number) =>
      countQueries(t.db, () =>
        gql(`{ auditEvents(first: ${n}) { edges { node { actor changes { field hidden } } } } }`),
      );
    const few = await page(2);
    const many = await page(60);
    expect(many.count).toBe(few.count);
  });

  it('shows all of it to the own organisation; instance administrators see people, not private values', async () => {
    const own =
      (await graphqlClient(t.db, planted.editors.get('emmen')?.token)<Events>(query)).data?.auditEvents.edges.map(
        (e) => e.node,
      ) ?? [];
    const usageChange = own.find((e) => e.entityType === 'Usage' && e.changes.some((c) => c.field === 'yearlyCost'));
    expect(usageChange?.actor).toBe('sentinel-editor-emmen@people.example');
    expect(usageChange?.changes.find((c) => c.field === 'yearlyCost')?.after).toMatch(/^987\d{6}$/);
    const admin =
      (await graphqlClient(t.db, planted.instanceAdmin.token)<Events>(query)).data?.auditEvents.edges.map(
        (e) => e.node,
      ) ?? [];
    // Not a member: a change of the usage's private fields is left out for the instance administrator too.
    expect(admin.some((e) => e.entityType === 'Usage' && e.changes.some((c) => isPrivate('Usage', c.field)))).toBe(
      false,
    );
    expect(admin.some((e) => e.actor === 'sentinel-editor-emmen@people.example')).toBe(true);
    const memberships = admin.filter((e) => e.entityType === 'Membership');
    expect(
      memberships.some((e) =>
        e.changes.some((c) => c.field === 'email' && c.after?.includes('sentinel-invited-emmen')),
      ),
    ).toBe(true);
  });
});

describe('reading needs membership', () => {
  const guarded = [
    '{ usages(first: 1) { edges { node { key } } } }',
    '{ auditEvents(first: 1) { edges { node { action } } } }',
    '{ comparison(organisations: ["emmen"]) { organisations } }',
    '{ gemmaAmeff }',
    '{ comparisonAmeff(organisations: ["emmen"]) }',
    '{ organisation(slug: "emmen") { contentYaml } }',
    '{ organisation(slug: "emmen") { usagesCsv } }',
    '{ product(slug: "open-zaak") { usages(first: 1) { totalCount } } }',
    '{ referenceComponents { usages(first: 1) { totalCount } } }',
    '{ organisation(slug: "emmen") { adoption(at: "2099-01-01") { total } } }',
    '{ organisation(slug: "emmen") { usageSummary(at: "2020-01-01") { total } } }',
  ];

  it('refuses landscapes, comparisons, audit and exports to a signed-in user without membership, with a Dutch explanation', async () => {
    const gql = graphqlClient(t.db, planted.memberless.token);
    for (const query of guarded) {
      const response = await gql(query);
      expect(response.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(response.errors?.[0]?.message, query).toMatch(/hoort nog bij geen organisatie/);
    }
  });

  it('refuses the landscape on a day, past or future, to anonymous visitors with a Dutch explanation', async () => {
    const gql = graphqlClient(t.db, undefined);
    for (const at of ['2020-01-01', '2099-01-01'])
      for (const field of ['adoption(at: $at) { total }', 'usageSummary(at: $at) { total }']) {
        const query = `query ($at: Date) { organisation(slug: "emmen") { ${field} } }`;
        const response = await gql(query, { at });
        expect(response.errors?.[0]?.extensions?.code, `${field} ${at}`).toBe('FORBIDDEN');
        expect(response.errors?.[0]?.message, `${field} ${at}`).toBe('Log in om deze gegevens te zien.');
      }
    // Without `at`, the figures of today stay public.
    const today = await gql('{ organisation(slug: "emmen") { adoption { total } usageSummary { total } } }');
    expect(today.errors).toBeUndefined();
  });

  it('gives a user without membership no more than an anonymous visitor, except the own account', {
    timeout: 180_000,
  }, async () => {
    const withoutViewer = (answers: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(answers).filter(([k]) => !k.startsWith('viewer ')));
    const memberless = await readEverything(planted.memberless.token);
    const anonymous = await readEverything(undefined);
    expect(Object.keys(memberless.answers).length).toBeGreaterThan(10);
    expect(withoutViewer(memberless.answers)).toEqual(withoutViewer(anonymous.answers));
    const viewer = await graphqlClient(
      t.db,
      planted.memberless.token,
    )<{ viewer: { email: string } }>('{ viewer { email } }');
    expect(viewer.data?.viewer.email).toBe('zonder-organisatie@grondplan.test');
  });

  it('ends reading at once when the last membership is removed', async () => {
    const user = await createUser(t.db, 'vertrekt@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }]);
    const gql = graphqlClient(t.db, user.token);
    expect((await gql('{ usages(first: 1) { edges { node { key } } } }')).errors).toBeUndefined();
    const admin = graphqlClient(t.db, planted.instanceAdmin.token);
    const removed = await admin(
      'mutation { removeMembership(organisation: "coevorden", email: "vertrekt@coevorden.test") { __typename } }',
    );
    expect(JSON.stringify(removed)).toContain('RemoveMembershipSuccess');
    expect((await gql('{ usages(first: 1) { edges { node { key } } } }')).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('cached answers', () => {
  it('are kept per what the viewer may see: a membership gone without a data change never meets the answer made for it', async () => {
    const user = await createUser(t.db, 'cache@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const gql = graphqlClient(t.db, user.token);
    const key = planted.organisations.find((o) => o.slug === 'emmen')?.usages[1]?.key;
    const query = `{ usage(organisation: "emmen", key: "${key}") { internalNote } }`;
    expect((await gql<{ usage: { internalNote: string | null } }>(query)).data?.usage.internalNote).toMatch(
      /^SENTINEL-NOTE-/,
    );
    // Straight in the database, as a cleanup script would: the data version does not move.
    const emmen = planted.organisations.find((o) => o.slug === 'emmen');
    await t.db.prisma.userMembership.update({
      where: { userId_organisationId: { userId: user.id, organisationId: emmen?.id ?? '' } },
      data: { organisationId: planted.organisations.find((o) => o.slug === 'coevorden')?.id ?? '' },
    });
    const again = await gql<{ usage: { internalNote: string | null } }>(query);
    expect(again.data?.usage.internalNote).toBeNull();
  });
});

describe('account events and proposal events, on every path', () => {
  type NodeAnswer = { node: { actor: string; entityType: string } | null };
  const nodeQuery = (id: string) =>
    `{ node(id: "${id}") { ... on AuditEvent { actor entityType changes { field before after } } } }`;

  it('refuses a sign-in failure with the address tried to members through node and nodes; instance administrators read it', async () => {
    const failed = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'Session', action: 'SIGN_IN_FAILED' },
    });
    expect(failed.length).toBeGreaterThan(1);
    const ids = failed.map((e) => encodeGlobalID('AuditEvent', e.id));
    for (const reader of [planted.outsider, planted.editors.get('emmen')]) {
      const gql = graphqlClient(t.db, reader?.token);
      for (const id of ids) {
        const answer = await gql<NodeAnswer>(nodeQuery(id));
        expect(answer.data?.node ?? null).toBeNull();
        expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(findSentinels(JSON.stringify(answer))).toEqual([]);
      }
      const many = await gql(
        `{ nodes(ids: ${JSON.stringify(ids)}) { ... on AuditEvent { actor changes { after } } } }`,
      );
      expect(findSentinels(JSON.stringify(many))).toEqual([]);
    }
    const admin = await graphqlClient(t.db, planted.instanceAdmin.token)<NodeAnswer>(nodeQuery(ids[0] ?? ''));
    expect(admin.data?.node?.entityType).toBe('Session');
    expect(admin.data?.node?.actor).toMatch(/@/);
  });

  it('names no one by an address stored without an account to anyone but instance administrators', async () => {
    const emmen = planted.organisations.find((o) => o.slug === 'emmen');
    const event = await t.db.prisma.auditEvent.create({
      data: {
        actorLabel: 'sentinel-cli-los@people.example',
        organisationId: emmen?.id ?? null,
        entityType: 'Usage',
        entityId: 'x',
        action: 'UPDATE',
        changes: '{}',
        source: 'API',
      },
    });
    const id = encodeGlobalID('AuditEvent', event.id);
    for (const reader of [planted.outsider, planted.editors.get('emmen')])
      expect((await graphqlClient(t.db, reader?.token)<NodeAnswer>(nodeQuery(id))).data?.node?.actor).toBe(
        'een onbekende gebruiker',
      );
    expect((await graphqlClient(t.db, planted.instanceAdmin.token)<NodeAnswer>(nodeQuery(id))).data?.node?.actor).toBe(
      'sentinel-cli-los@people.example',
    );
    await t.db.prisma.auditEvent.delete({ where: { id: event.id } });
  });

  it('shows the events of a proposal only to members of its two organisations and instance administrators', async () => {
    const proposal = await t.db.prisma.referenceProposal.findFirstOrThrow({
      select: { id: true, proposingOrganisationId: true, receivingOrganisationId: true },
    });
    const entity = encodeGlobalID('ReferenceProposal', proposal.id);
    const events = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'ReferenceProposal', entityId: entity },
    });
    const slugOf = (id: string) => planted.organisations.find((o) => o.id === id)?.slug ?? '';
    const parties = [slugOf(proposal.proposingOrganisationId), slugOf(proposal.receivingOrganisationId)];
    expect(new Set(events.map((e) => e.organisationId))).toEqual(
      new Set([proposal.proposingOrganisationId, proposal.receivingOrganisationId]),
    );
    type List = { auditEvents: { edges: { node: { entityType: string } }[] } };
    const list = (slug: string) =>
      `{ auditEvents(first: 200, organisation: "${slug}", entity: "${entity}") { edges { node { entityType } } } }`;

    // A member of neither: not in the list of either trail, and refused through node.
    const outsider = graphqlClient(t.db, planted.outsider.token);
    for (const slug of parties) {
      const answer = await outsider<List>(list(slug));
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.auditEvents.edges).toEqual([]);
    }
    for (const e of events)
      expect((await outsider<NodeAnswer>(nodeQuery(encodeGlobalID('AuditEvent', e.id)))).data?.node ?? null).toBeNull();

    // Members of each party: their own trail lists it, and node reads both copies.
    for (const slug of parties) {
      const member = graphqlClient(t.db, planted.editors.get(slug)?.token);
      expect((await member<List>(list(slug))).data?.auditEvents.edges.length).toBeGreaterThan(0);
      for (const e of events)
        expect((await member<NodeAnswer>(nodeQuery(encodeGlobalID('AuditEvent', e.id)))).data?.node?.entityType).toBe(
          'ReferenceProposal',
        );
    }
    const admin = graphqlClient(t.db, planted.instanceAdmin.token);
    expect((await admin<List>(list(parties[0] ?? ''))).data?.auditEvents.edges.length).toBeGreaterThan(0);
  });
});

/**
 * Mutations that take ids, called by an editor of one organisation with another organisation's ids: whatever they
 * answer (a typed error, a refusal, a validation message) carries none of that organisation's private values. The
 * mutations are taken from the schema: every one with an ID argument, or an ID field in its input, joins by
 * construction. Last in the file: a mutation that wrongly succeeded would change the data the other tests read.
 */
describe('mutation answers to an editor of another organisation', () => {
  const SKIP = new Set(['File']);

  /** A value of the input type (required parts, and every optional id or organisation), or undefined when it cannot be made. */
  function inputValue(type: GraphQLInputType, name: string, id: string, slug: string, required: boolean): unknown {
    if (isNonNullType(type)) return inputValue(type.ofType, name, id, slug, true);
    if (isListType(type)) {
      const item = inputValue(type.ofType, name, id, slug, required);
      return item === undefined ? (required ? undefined : null) : [item];
    }
    if (isInputObjectType(type)) {
      const fields: string[] = [];
      for (const f of Object.values(type.getFields())) {
        const must = isNonNullType(f.type) && f.defaultValue === undefined;
        const named = getNamedType(f.type);
        if (!must && named.name !== 'ID' && f.name !== 'organisation') continue;
        const v = inputValue(f.type, f.name, id, slug, must);
        if (v === undefined) return undefined;
        if (v !== null) fields.push(`${f.name}: ${v}`);
      }
      return `{ ${fields.join(', ')} }`;
    }
    if (isEnumType(type)) return type.getValues()[0]?.name;
    if (SKIP.has(type.name)) return undefined;
    const scalar: Record<string, unknown> = {
      ID: id,
      String: name === 'organisation' || name === 'operator' ? slug : 'proef',
      Int: 1,
      Float: 1,
      Boolean: false,
      Date: '2026-06-01',
      DateTime: '2026-06-01T00:00:00.000Z',
    };
    if (!(type.name in scalar)) return required ? undefined : null;
    return literal(scalar[type.name]);
  }

  const takesId = (type: GraphQLInputType, seen = new Set<string>()): boolean => {
    const named = getNamedType(type);
    if (named.name === 'ID') return true;
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => takesId(f.type, seen));
  };

  it('carry no sentinel of the organisation whose ids they were given', { timeout: 180_000 }, async () => {
    const landscapes = planted.organisations.filter((o) => planted.editors.has(o.slug));
    const victim = landscapes[0] as Target;
    const attacker = planted.editors.get(landscapes[1]?.slug ?? '');
    expect(attacker).toBeDefined();
    const gql = graphqlClient(t.db, attacker?.token, { sizeLimits: false });
    // One id of each node type of the victim (its usages: each of them), audit events aside.
    const ids = [
      ...new Map(
        nodeIds.filter((n) => n.organisationId === victim.id && n.type !== 'AuditEvent').map((n) => [n.type, n.id]),
      ).values(),
      ...victim.usages.slice(0, 3).map((u) => encodeGlobalID('Usage', u.id)),
    ];
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).filter((m) =>
      m.args.some((a) => takesId(a.type)),
    );
    const probed = new Set<string>();
    const found: Record<string, string[]> = {};
    for (const mutation of mutations)
      for (const id of ids) {
        const args: string[] = [];
        let fillable = true;
        for (const arg of mutation.args) {
          const must = isNonNullType(arg.type) && arg.defaultValue === undefined;
          if (!must && !takesId(arg.type) && arg.name !== 'organisation') continue;
          const v = inputValue(arg.type, arg.name, id, victim.slug, must);
          if (v === undefined) fillable = false;
          else if (v !== null) args.push(`${arg.name}: ${v}`);
        }
        if (!fillable) continue;
        const named = getNamedType(mutation.type) as GraphQLNamedType;
        const walk: Walk = { excluded: new Set(), unfillable: [] };
        const selection = selectionOf(named, victim, 1, ['Mutation', named.name], mutation.name, walk);
        const answer = await gql(
          `mutation { ${mutation.name}${args.length ? `(${args.join(', ')})` : ''} ${selection} }`,
        );
        probed.add(mutation.name);
        const sentinels = findSentinels(await scannable(JSON.stringify(answer))).filter(
          (s) => !s.startsWith(`sentinel-editor-${landscapes[1]?.slug}`),
        );
        if (sentinels.length) found[`${mutation.name} ${id}`] = [...new Set(sentinels)];
      }
    expect(found).toEqual({});
    // Not an empty probe: the mutations that take another organisation's ids were called.
    expect([...probed]).toEqual(
      expect.arrayContaining(['updateUsage', 'updateInterface', 'deleteInterface', 'setOperatedLoad']),
    );
  });
});
