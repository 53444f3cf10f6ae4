// One small request must not bring the hub down: nested, aliased and oversized operations are refused with 400 and a
// Dutch message before anything runs, over POST and GET alike, while every page's query and the benchmark's operations
// stay within the limits. An operation that runs too long is stopped.

import { encodeGlobalID } from '@pothos/plugin-relay';
import { getNullableType, isListType, isObjectType, parse, specifiedRules, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_RULES, parseWithLimits, QUERY_LIMITS, timeoutMessage, variablesWithinLimits } from '#graphql/limits.ts';
import { COST_MODEL, LIST_LENGTHS, operationCost } from '#graphql/query-cost.ts';
import { schema } from '#graphql/schema.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser, type TestUser } from '../helpers/users.ts';
import { ATTACKS, aliases, fragmentFanOut, nestedOrganisations } from './attacks.ts';
import { collectOperations } from './operations.ts';

let t: TestDatabase;
let member: TestUser;
beforeAll(async () => {
  t = await createTestDatabase();
  member = await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
});
afterAll(() => t?.drop());

type Answer = {
  status: number;
  errors: { message: string; extensions?: { code?: string } }[];
  statements: number;
  data?: unknown;
};

async function send(request: Request, options: Parameters<typeof createGraphQLServer>[1] = {}): Promise<Answer> {
  const before = t.db.queries.count;
  const response = await createGraphQLServer(t.db, options).fetch(request);
  const body = (await response.json()) as { data?: unknown; errors?: Answer['errors'] };
  return {
    status: response.status,
    errors: body.errors ?? [],
    data: body.data,
    statements: t.db.queries.count - before,
  };
}
const post = (query: string, token?: string, variables?: Record<string, unknown>) =>
  new Request('http://grondplan.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
const get = (query: string) =>
  new Request(`http://grondplan.test/graphql?query=${encodeURIComponent(query)}`, {
    headers: { accept: 'application/json' },
  });

describe('the attacks that took the hub down', () => {
  for (const [name, query] of Object.entries(ATTACKS)) {
    it(`refuses ${name} with 400 and a Dutch message before anything runs, over POST and GET`, async () => {
      for (const request of [post(query), get(query)]) {
        const answer = await send(request);
        expect(answer.status).toBe(400);
        expect(answer.data).toBeUndefined();
        expect(answer.errors.length).toBeGreaterThan(0);
        expect(answer.errors[0]?.message).toMatch(/^Deze opvraging (is te|gebruikt te veel)/);
        expect(answer.statements).toBe(0);
      }
    });
  }

  it('names the limit that was passed', async () => {
    const codes = async (query: string) => (await send(post(query))).errors.map((e) => e.extensions?.code);
    expect(await codes(ATTACKS['organisations nested seven levels'])).toContain('QUERY_TOO_COSTLY');
    expect(await codes(ATTACKS['200 aliases of gemmaAmeff'])).toContain('TOO_MANY_ALIASES');
    expect(await codes(ATTACKS['200,000 aliases of __typename'])).toEqual(['QUERY_TOO_LONG']);
    expect(await codes(ATTACKS['300 aliases of comparison'])).toEqual(['QUERY_TOO_LONG']);
    expect(await codes(aliases(QUERY_LIMITS.aliases + 1, 'hubSummary { organisations }'))).toEqual([
      'TOO_MANY_ALIASES',
    ]);
    expect(await codes(nestedOrganisations(QUERY_LIMITS.depth + 1))).toContain('QUERY_TOO_DEEP');
    const directives = `{ hubSummary { ${Array.from({ length: QUERY_LIMITS.directives + 1 }, () => 'organisations @include(if: true)').join(' ')} } }`;
    expect(await codes(directives)).toEqual(['TOO_MANY_DIRECTIVES']);
    const message = (await send(post(aliases(QUERY_LIMITS.aliases + 1, 'hubSummary { organisations }')))).errors[0]
      ?.message;
    expect(message).toBe(
      `Deze opvraging gebruikt te veel aliassen (${QUERY_LIMITS.aliases + 1}): ten hoogste ${QUERY_LIMITS.aliases}. Vraag hetzelfde veld niet vaker op dan nodig, of verdeel het over meer verzoeken.`,
    );
  });
});

describe('the cost limit', () => {
  const costErrors = (query: string) =>
    validate(schema, parseWithLimits(query), LIMIT_RULES).map((e) => e.extensions.code);

  it('counts list fan-out: what a list holds counts once per element it may have', () => {
    // Three nested lists of ten fit; at the default estimate, six do not.
    expect(costErrors(nestedOrganisations(2))).toEqual([]);
    expect(costErrors(nestedOrganisations(5))).toEqual(['QUERY_TOO_COSTLY']);
    // A page size counts as the page's length.
    expect(costErrors('{ usages(first: 500) { edges { node { key status } } } }')).toEqual([]);
    expect(
      costErrors(
        '{ organisations { usages(first: 500) { edges { node { key status product { name supplier { name } } } } } } }',
      ),
    ).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('weighs the lists LIST_LENGTHS names at their length, and it names only list fields of the schema', () => {
    for (const coordinate of Object.keys(LIST_LENGTHS)) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      expect(field && isListType(getNullableType(field.type)), coordinate).toBe(true);
    }
    // One register: 200 activities, each with 50 usages of a key and a product's name, worked out by hand.
    const register =
      '{ organisation(slug: "emmen") { processingActivities { name usages { key product { name } } } } }';
    const operation = parse(register).definitions[0] as Parameters<typeof operationCost>[1];
    expect(operationCost(schema, operation, () => undefined).cost).toBe(1 + 200 * (1 + 1 + 50 * (1 + 1 + 2)));
    expect(costErrors(register)).toEqual([]);
    // Every organisation's register at once is refused (at the default length of ten, it cost 21,050 and passed).
    expect(costErrors('{ organisations { processingActivities { name usages { key product { name } } } } }')).toEqual([
      'QUERY_TOO_COSTLY',
    ]);
  });

  it('weighs the export fields as whole files: two at a time, not one per organisation', () => {
    expect(COST_MODEL.export * 2).toBeLessThan(QUERY_LIMITS.cost);
    expect(costErrors('{ organisation(slug: "emmen") { ameff usagesCsv } }')).toEqual([]);
    expect(costErrors('{ gemmaAmeff comparisonAmeff(organisations: ["emmen"]) }')).toEqual([]);
    expect(costErrors('{ organisations { ameff } }')).toEqual(['QUERY_TOO_COSTLY']);
    expect(costErrors('{ organisations { contentYaml } }')).toEqual(['QUERY_TOO_COSTLY']);
    expect(costErrors('{ gemmaAmeff a: gemmaAmeff b: gemmaAmeff }')).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('builds export files for signed-in users only', async () => {
    const anonymous = await send(post('{ gemmaAmeff }'));
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors.map((e) => e.message)).toEqual(['Log in om deze gegevens te zien.']);
    for (const query of [
      '{ comparisonAmeff(organisations: ["emmen"]) }',
      '{ organisation(slug: "emmen") { ameff usagesCsv } }',
    ]) {
      const answer = await send(post(query));
      expect(answer.errors.map((e) => e.message)).toContain('Log in om deze gegevens te zien.');
    }
  });

  it('weighs each fragment once: fragments spreading the next twice are refused at once, not walked 2^n times', async () => {
    // 100 fragments stay within the token limit; 2^100 walks would never end.
    for (const n of [22, 30, 100]) {
      const query = fragmentFanOut(n);
      const started = performance.now();
      const answer = await send(post(query));
      const ms = performance.now() - started;
      expect(answer.status).toBe(400);
      // Armor's depth rule counts each spread as a level, and weighs each fragment once too.
      expect(answer.errors.map((e) => e.extensions?.code)).toContain('QUERY_TOO_COSTLY');
      expect(answer.statements).toBe(0);
      expect(ms).toBeLessThan(100);
      // graphql-js' own rules and the limit rules, each on its own, stay fast on such a document too.
      const document = parseWithLimits(query);
      for (const rules of [specifiedRules, LIMIT_RULES]) {
        const start = performance.now();
        validate(schema, document, rules);
        expect(performance.now() - start).toBeLessThan(100);
      }
    }
    // Counted right: a fragment's selection costs the same wherever it is spread, times the list around the spread.
    const costly = (query: string) => costErrors(query).includes('QUERY_TOO_COSTLY');
    // 2^16 uses of `hubSummary` fit within 100,000, 2^17 do not.
    expect(costly(fragmentFanOut(16))).toBe(false);
    expect(costly(fragmentFanOut(17))).toBe(true);
    const inList = (pageSize: number) =>
      `{ usages(first: ${pageSize}) { edges { node { ...U } } } organisation(slug: "emmen") { ...O } } fragment O on Organisation { members { ...M } } fragment M on Organisation { name } fragment U on Usage { key product { name supplier { name } } }`;
    expect(costErrors(inList(10_000))).toEqual([]);
    expect(costErrors(inList(30_000))).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('leaves introspection to graphql-js: GraphiQL can read the schema', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    expect(costErrors(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
  });
});

describe('ids and variables', () => {
  const nodes = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
  const usageIds = async (n: number) => {
    const usages = await t.db.prisma.usage.findMany({ select: { id: true }, take: 3 });
    return Array.from({ length: n }, (_, i) => encodeGlobalID('Usage', usages[i % usages.length]?.id ?? ''));
  };

  it('refuses variables with 100,000 ids at once, before anything runs, with 400 and a Dutch message', async () => {
    const ids = await usageIds(100_000);
    for (const token of [undefined, member.token]) {
      const started = performance.now();
      const answer = await send(post(nodes, token, { ids }));
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(answer.status).toBe(400);
      expect(answer.errors.map((e) => e.extensions?.code)).toEqual(['VARIABLES_TOO_LARGE']);
      expect(answer.errors[0]?.message).toMatch(/^De variabelen van deze opvraging zijn te groot/);
      expect(answer.statements).toBe(0);
    }
  });

  it('refuses variables over 64,000 characters, and any list over 1,000 elements', async () => {
    const query = 'query($q: String!) { products(search: $q, first: 1) { totalCount } }';
    expect(variablesWithinLimits({ q: 'x'.repeat(QUERY_LIMITS.variableCharacters - 20) })).toBe(true);
    expect(variablesWithinLimits({ q: 'x'.repeat(QUERY_LIMITS.variableCharacters) })).toBe(false);
    expect(variablesWithinLimits({ a: { b: Array(QUERY_LIMITS.variableListLength).fill(1) } })).toBe(true);
    expect(variablesWithinLimits({ a: { b: Array(QUERY_LIMITS.variableListLength + 1).fill(1) } })).toBe(false);
    expect(variablesWithinLimits({ file: new File(['x'.repeat(100_000)], 'groot.csv') })).toBe(true);
    const answer = await send(post(query, member.token, { q: 'x'.repeat(QUERY_LIMITS.variableCharacters) }));
    expect(answer.status).toBe(400);
    expect(answer.errors.map((e) => e.extensions?.code)).toEqual(['VARIABLES_TOO_LARGE']);
  });

  it('takes at most 100 ids in nodes, and refuses nodes and node to anonymous callers once', async () => {
    const within = await send(post(nodes, member.token, { ids: await usageIds(100) }));
    expect(within.errors).toEqual([]);
    expect((within.data as { nodes: unknown[] }).nodes).toHaveLength(100);
    const over = await send(post(nodes, member.token, { ids: await usageIds(101) }));
    expect(over.data).toBeNull();
    expect(over.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('Vraag ten hoogste 100 ids tegelijk op met nodes'),
    ]);
    const anonymous = await send(post(nodes, undefined, { ids: await usageIds(100) }));
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors.map((e) => e.message)).toEqual(['Log in om deze gegevens te zien.']);
    const [id] = await usageIds(1);
    const node = await send(post('query($id: ID!) { node(id: $id) { id } }', undefined, { id }));
    expect(node.errors.map((e) => e.message)).toEqual(['Log in om deze gegevens te zien.']);
  });
});

describe('every page and the benchmark within the limits', () => {
  // Run-time parts of page queries, with the values they take at most.
  const { operations, unresolved } = collectOperations({
    // The capacity page asks for at most twelve organisations at a time.
    'site/pages/transitie/capaciteit.astro': { shown: Array.from({ length: 12 }, (_, i) => `organisatie-${i}`) },
  });

  it('finds every operation in the source, each computed part with an example', () => {
    expect(unresolved).toEqual([]);
    const files = new Set(operations.map((o) => o.file));
    for (const file of [
      'site/pages/organisaties/[slug].astro',
      'site/pages/index.astro',
      'site/pages/transitie/capaciteit.astro',
      'scripts/bench.ts',
      'scripts/bench-operations.ts',
      'scripts/bench-mixed.ts',
    ])
      expect(files).toContain(file);
    expect(operations.filter((o) => o.file === 'scripts/bench-operations.ts').length).toBeGreaterThanOrEqual(6);
    expect(operations.some((o) => o.file === 'scripts/bench-mixed.ts' && o.source.includes('updateUsage('))).toBe(true);
    // The computed ones too: twelve capacity reports under their aliases, both import mutations.
    expect(operations.some((o) => o.source.includes('c11: capacity(organisation: "organisatie-11"'))).toBe(true);
    const imports = operations.filter(
      (o) => o.file === 'site/pages/organisaties/[slug]/importeren.astro' && o.source.startsWith('mutation'),
    );
    expect(
      imports.map((o) => /(importUsages|importInterfaces|importSoftwarecatalogus)\(/.exec(o.source)?.[1]).sort(),
    ).toEqual(['importInterfaces', 'importSoftwarecatalogus', 'importUsages']);
    expect(operations.length).toBeGreaterThan(50);
  });

  it('passes every page query and benchmark operation through the limits without a refusal', () => {
    const refused = operations.flatMap((o) => {
      let errors: readonly { message: string }[];
      try {
        errors = validate(schema, parseWithLimits(o.source), LIMIT_RULES);
      } catch (error) {
        errors = [error as Error];
      }
      return errors.map((e) => `${o.file}: ${e.message}\n${o.source}`);
    });
    expect(refused).toEqual([]);
  });
});

describe('the execution time limit', () => {
  it('stops an operation that runs too long with a Dutch message, without waiting for it', async () => {
    // Reading reference components waits half a second first on this instance: the GEMMA export takes at least that long.
    const slow = t.db.prisma.$extends({
      query: {
        referenceComponent: {
          async findMany({ args, query }) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            return query(args);
          },
        },
      },
    });
    const db = Object.create(t.db, { prisma: { value: slow } }) as typeof t.db;
    const started = performance.now();
    const response = await createGraphQLServer(db, { executionSeconds: () => 0.05 }).fetch(
      post('{ gemmaAmeff }', member.token),
    );
    const body = (await response.json()) as {
      data?: unknown;
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(performance.now() - started).toBeLessThan(450);
    expect(response.status).toBe(503);
    expect(body.errors.map((e) => e.message)).toEqual([timeoutMessage(0.05)]);
    expect(body.errors[0]?.extensions.code).toBe('TIMEOUT');
    expect(timeoutMessage(0.05)).toBe(
      "Deze opvraging duurde langer dan 0,05 seconden en is afgebroken. Vraag minder tegelijk op, bijvoorbeeld kleinere pagina's (first) of één organisatie per verzoek.",
    );
  });

  it('answers operations within the limit as usual', async () => {
    const answer = await send(post('{ gemmaAmeff }', member.token));
    expect(answer.status).toBe(200);
    expect((answer.data as { gemmaAmeff: string }).gemmaAmeff).toMatch(/^<\?xml/);
  });
});
