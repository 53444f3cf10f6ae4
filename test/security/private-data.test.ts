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
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../graphql/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { findSentinels, type Planted, plantSentinels, scannable } from '../helpers/sentinels.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let planted: Planted;

beforeAll(async () => {
  t = await createTestDatabase();
  planted = await plantSentinels(t.db);
});
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
    'Query.usage.key': firstUsage?.key,
    'Query.usage.organisation': target.usages.length ? target.slug : landscapes[0]?.slug,
    'Query.interface.key': target.interfaces[0] ?? landscapes[0]?.interfaces[0],
    'Query.interface.organisation': target.interfaces.length ? target.slug : landscapes[0]?.slug,
    'Query.comparison.organisations': [target.slug, ...landscapes.map((o) => o.slug)].slice(0, 20),
    'Query.comparisonAmeff.organisations': [target.slug, ...landscapes.map((o) => o.slug)],
    'Query.search.query': `${firstUsage?.product ?? 'Open Zaak'} ${target.name}`,
    'Query.node.id': encodeGlobalID('Usage', firstUsage?.id ?? ''),
    // An invitation is read by its secret one-time key only; a key nobody was given finds nothing.
    'Query.invitation.token': 'geen-uitgegeven-sleutel',
    'Query.nodes.ids': [...target.usages.map((u) => encodeGlobalID('Usage', u.id)), encodeGlobalID('Organisation', target.id)],
  };
  const byName: Record<string, unknown> = {
    organisation: target.slug,
    organisations: [target.slug],
    slug: target.slug,
    from: '2026-01-01',
    to: '2028-12-31',
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
]);

/** Optional arguments worth filling too: the audit trail of one organisation, one entity. */
const FILL_OPTIONAL = new Set(['Query.usages.organisation', 'Query.migrations.organisation']);

interface Walk {
  /** Response paths refused to the reader, left out of the next document. */
  excluded: Set<string>;
  unfillable: string[];
}

function argumentsOf(parent: string, field: GraphQLField<unknown, unknown>, target: Target, walk: Walk): string | null {
  const parts: string[] = [];
  for (const arg of field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && !FILL_OPTIONAL.has(`${parent}.${field.name}.${arg.name}`)) continue;
    const value = argumentValue(parent, field.name, arg.name, target);
    if (value === undefined) {
      if (required) walk.unfillable.push(`${parent}.${field.name}(${arg.name}: ${String(arg.type as GraphQLInputType)})`);
      if (required) return null;
      continue;
    }
    parts.push(`${arg.name}: ${literal(value)}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** Every scalar field of the type, and every object field down to DEPTH, as a selection set. `at` is its response path. */
function selectionOf(type: GraphQLNamedType, target: Target, depth: number, path: string[], at: string, walk: Walk): string {
  if (isScalarType(type) || isEnumType(type)) return '';
  if (isAbstractType(type)) {
    const own = isInterfaceType(type) ? fieldsOf(type, target, depth, path, at, walk) : [];
    // Each variant's scalar fields (each type is walked in full from its own query field), under its own alias:
    // Usage.status and Migration.status differ in type and may not meet.
    const variants = schema
      .getPossibleTypes(type)
      .map((possible) => `... on ${possible.name} { ${fieldsOf(possible, target, 0, path, at, walk, true, `${possible.name}_`).join(' ')} }`);
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
    } else selections.push(`${name}${args} ${selectionOf(named, target, depth - 1, [...path, named.name], here, walk)}`);
  }
  return selections;
}

/** The document for one query field and organisation, with everything the walk can select under it. */
function queryFor(field: GraphQLField<unknown, unknown>, target: Target, excluded = new Set<string>()) {
  const walk: Walk = { excluded, unfillable: [] };
  const args = argumentsOf('Query', field, target, walk);
  const named = getNamedType(field.type) as GraphQLNamedType;
  const query = args === null ? '' : `{ ${field.name}${args} ${selectionOf(named, target, DEPTH, ['Query', named.name], field.name, walk)} }`;
  return { query, unfillable: walk.unfillable };
}

const queryFields = () => Object.values(schema.getQueryType()?.getFields() ?? {});

/**
 * Reads every query field for every organisation; the sentinels found, per field, and the answers. Where a field is
 * refused to the reader, the walk asks again without it (a refused non-null field would null its parent and hide
 * everything beside it); every other error fails the walk, since an answer that fails proves nothing.
 */
async function readEverything(token: string | undefined, only?: (field: string) => boolean) {
  // The walk asks for everything at once; the size limits would refuse that, and they do not change who may read what.
  const gql = graphqlClient(t.db, token, { sizeLimits: false });
  const found: Record<string, string[]> = {};
  const answers: Record<string, unknown> = {};
  const failures: string[] = [];
  const asked = new Set<string>();
  for (const target of [...planted.organisations].reverse()) {
    for (const field of queryFields()) {
      if (only && !only(field.name)) continue;
      const excluded = new Set<string>();
      let { query } = queryFor(field, target, excluded);
      // A field without arguments from the organisation is the same query for every organisation: asked once.
      if (!query || asked.has(query)) continue;
      asked.add(query);
      let response = await gql(query);
      for (let round = 0; round < 20 && response.errors?.length; round++) {
        const refused = response.errors.filter((e) => e.extensions?.code === 'FORBIDDEN' && e.path && e.path.length > 1);
        const others = response.errors.filter((e) => e.extensions?.code !== 'FORBIDDEN');
        for (const e of others) failures.push(`${field.name} (${target.slug}) ${e.path?.join('.') ?? ''}: ${e.message}`);
        const paths = refused.map((e) => (e.path ?? []).filter((p) => typeof p === 'string').join('.')).filter((p) => !excluded.has(p));
        if (others.length || paths.length === 0) break;
        for (const p of paths) excluded.add(p);
        query = queryFor(field, target, excluded).query;
        response = await gql(query);
      }
      const text = await scannable(JSON.stringify(response));
      const sentinels = findSentinels(text);
      if (sentinels.length) found[`${field.name} (${target.slug})`] = [...new Set(sentinels)].slice(0, 5);
      answers[`${field.name} (${target.slug})`] = response.data?.[field.name] ?? null;
    }
  }
  return { found, answers, failures };
}

describe('the sentinel walk over every query field', () => {
  it('fills every required argument of every field it reaches (a new field it cannot fill fails here)', () => {
    const unfillable = new Set(planted.organisations.flatMap((o) => queryFields().flatMap((f) => queryFor(f, o).unfillable)));
    expect([...unfillable]).toEqual([]);
  });

  it('reaches the private fields: a member of the organisation finds its sentinels in the fields, the exports and the audit trail', {
    timeout: 180_000,
  }, async () => {
    const emmen = planted.editors.get('emmen');
    const { found, failures } = await readEverything(emmen?.token, (f) => ['organisation', 'usage', 'auditEvents'].includes(f));
    expect(failures).toEqual([]);
    expect(Object.keys(found)).toEqual(expect.arrayContaining(['organisation (emmen)', 'usage (emmen)', 'auditEvents (emmen)']));
    expect(found['organisation (emmen)']?.some((s) => s.startsWith('SENTINEL-NOTE'))).toBe(true);
  });

  it('finds no sentinel of another organisation as a member of another organisation', { timeout: 240_000 }, async () => {
    const { found, failures, answers } = await readEverything(planted.outsider.token);
    expect(found).toEqual({});
    expect(failures).toEqual([]);
    // Not an empty walk: the other organisations' landscapes themselves are there to read.
    expect(JSON.stringify(answers['organisation (emmen)'])).toContain('"key"');
  });

  it('finds no sentinel as a signed-in user without membership, nor anonymously', { timeout: 180_000 }, async () => {
    for (const reader of [planted.memberless.token, undefined]) {
      const { found, failures } = await readEverything(reader);
      expect(found).toEqual({});
      expect(failures).toEqual([]);
    }
  });
});

describe('exports for another organisation', () => {
  it('leave the private fields out of the content file and say so; the own organisation gets them', async () => {
    const query = '{ organisation(slug: "emmen") { contentYaml } }';
    type Answer = { organisation: { contentYaml: string } };
    const outside = (await graphqlClient(t.db, planted.outsider.token)<Answer>(query)).data?.organisation.contentYaml ?? '';
    expect(outside).toContain('usages:');
    expect(outside).toContain('private to Gemeente Emmen');
    expect(outside).not.toMatch(/^\s+(yearlyCost|internalNote|contractEndsOn):/m);
    const own = (await graphqlClient(t.db, planted.editors.get('emmen')?.token)<Answer>(query)).data?.organisation.contentYaml ?? '';
    expect(own).toMatch(/yearlyCost: 987\d{6}/);
    expect(own).not.toContain('private to Gemeente Emmen');
  });
});

describe('the audit trail for another organisation', () => {
  type Events = {
    auditEvents: {
      edges: { node: { actor: string; entityType: string; changes: { field: string; before: string | null; after: string | null; hidden: boolean }[] } }[];
    };
  };
  const query = '{ auditEvents(first: 200, organisation: "emmen") { edges { node { actor entityType changes { field before after hidden } } } } }';

  it('marks private values as hidden, names people by organisation only, and hides membership roles', async () => {
    const events = (await graphqlClient(t.db, planted.outsider.token)<Events>(query)).data?.auditEvents.edges.map((e) => e.node) ?? [];
    const usageChange = events.find((e) => e.entityType === 'Usage' && e.changes.some((c) => c.field === 'yearlyCost'));
    expect(usageChange?.changes.find((c) => c.field === 'yearlyCost')).toEqual({ field: 'yearlyCost', before: null, after: null, hidden: true });
    expect(usageChange?.actor).toBe('een gebruiker van Gemeente Emmen');
    const memberships = events.filter((e) => e.entityType === 'Membership');
    expect(memberships.length).toBeGreaterThan(1);
    expect(memberships.flatMap((e) => e.changes).every((c) => c.hidden && c.before === null && c.after === null)).toBe(true);
  });

  it('names the people of a page of events in a fixed number of statements, however many people it holds', async () => {
    const gql = graphqlClient(t.db, planted.outsider.token);
    const page = (n: number) => countQueries(t.db, () => gql(`{ auditEvents(first: ${n}) { edges { node { actor changes { field hidden } } } } }`));
    const few = await page(2);
    const many = await page(60);
    expect(many.count).toBe(few.count);
  });

  it('shows all of it to the own organisation; instance administrators see people, not private values', async () => {
    const own = (await graphqlClient(t.db, planted.editors.get('emmen')?.token)<Events>(query)).data?.auditEvents.edges.map((e) => e.node) ?? [];
    const usageChange = own.find((e) => e.entityType === 'Usage' && e.changes.some((c) => c.field === 'yearlyCost'));
    expect(usageChange?.actor).toBe('sentinel-editor-emmen@people.example');
    expect(usageChange?.changes.find((c) => c.field === 'yearlyCost')?.after).toMatch(/^987\d{6}$/);
    const admin = (await graphqlClient(t.db, planted.instanceAdmin.token)<Events>(query)).data?.auditEvents.edges.map((e) => e.node) ?? [];
    expect(admin.find((e) => e.entityType === 'Usage' && e.changes.some((c) => c.field === 'yearlyCost'))?.actor).toBe('sentinel-editor-emmen@people.example');
    expect(
      admin.find((e) => e.entityType === 'Usage' && e.changes.some((c) => c.field === 'yearlyCost'))?.changes.find((c) => c.field === 'yearlyCost')?.hidden,
    ).toBe(true);
    const memberships = admin.filter((e) => e.entityType === 'Membership');
    expect(memberships.some((e) => e.changes.some((c) => c.field === 'email' && c.after?.includes('sentinel-invited-emmen')))).toBe(true);
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
    '{ products(first: 1) { edges { node { name } } } }',
  ];

  it('refuses landscapes, comparisons, audit and exports to a signed-in user without membership, with a Dutch explanation', async () => {
    const gql = graphqlClient(t.db, planted.memberless.token);
    for (const query of guarded) {
      const response = await gql(query);
      expect(response.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(response.errors?.[0]?.message, query).toMatch(/hoort nog bij geen organisatie/);
    }
  });

  it('gives a user without membership no more than an anonymous visitor, except the own account', { timeout: 180_000 }, async () => {
    const memberless = await readEverything(planted.memberless.token, (f) => f !== 'viewer');
    const anonymous = await readEverything(undefined, (f) => f !== 'viewer');
    expect(memberless.answers).toEqual(anonymous.answers);
    const viewer = await graphqlClient(t.db, planted.memberless.token)<{ viewer: { email: string } }>('{ viewer { email } }');
    expect(viewer.data?.viewer.email).toBe('zonder-organisatie@grondplan.test');
  });

  it('ends reading at once when the last membership is removed', async () => {
    const user = await createUser(t.db, 'vertrekt@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }]);
    const gql = graphqlClient(t.db, user.token);
    expect((await gql('{ usages(first: 1) { edges { node { key } } } }')).errors).toBeUndefined();
    const admin = graphqlClient(t.db, planted.instanceAdmin.token);
    const removed = await admin('mutation { removeMembership(organisation: "coevorden", email: "vertrekt@coevorden.test") { __typename } }');
    expect(JSON.stringify(removed)).toContain('RemoveMembershipSuccess');
    expect((await gql('{ usages(first: 1) { edges { node { key } } } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('cached answers', () => {
  it('are kept per what the viewer may see: a membership gone without a data change never meets the answer made for it', async () => {
    const user = await createUser(t.db, 'cache@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
    const gql = graphqlClient(t.db, user.token);
    const key = planted.organisations.find((o) => o.slug === 'emmen')?.usages[1]?.key;
    const query = `{ usage(organisation: "emmen", key: "${key}") { internalNote } }`;
    expect((await gql<{ usage: { internalNote: string | null } }>(query)).data?.usage.internalNote).toMatch(/^SENTINEL-NOTE-/);
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
