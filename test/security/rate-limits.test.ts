// Rate limits per client address and per API token: a budget per minute for anonymous requests, for signed-in
// browsers, for each token and for expensive operations; over it, 429 with Retry-After and a Dutch message. The
// client is the socket's address, and X-Forwarded-For counts only from proxies GRONDPLAN_TRUST_PROXY names.
import {
  type GraphQLInputType,
  type GraphQLObjectType,
  GraphQLString,
  getNamedType,
  getNullableType,
  getOperationAST,
  isInputObjectType,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, trustedProxies } from '#core/client-address.ts';
import { EXPORT_FIELDS, QUERY_LIMITS } from '#graphql/limits.ts';
import { EXPENSIVE_COST, operationCost } from '#graphql/query-cost.ts';
import {
  DEFAULT_RATE_LIMITS,
  IMPORTS,
  isExpensive,
  RateLimits,
  rateLimitConfig,
  refusalMessage,
} from '#graphql/rate-limits.ts';
import { schema } from '#graphql/schema.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser, type TestUser } from '../helpers/users.ts';

let t: TestDatabase;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  t = await createTestDatabase();
  alice = await createUser(t.db, 'alice@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
  bob = await createUser(t.db, 'bob@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }]);
});
afterAll(() => t?.drop());

const small = () =>
  new RateLimits({ enabled: true, points: { anonymous: 3, signedIn: 5, token: 4, expensive: 2 }, windowSeconds: 60 });

/** A client of one Yoga instance with its own limits; each request comes from `address` (undefined: in process). */
function hub(limits = small()) {
  const yoga = createGraphQLServer(t.db, { rateLimits: () => limits });
  return async (query: string, { address, token }: { address?: string; token?: string } = {}) => {
    const response = await yoga.fetch(
      new Request('http://grondplan.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query }),
      }),
      address ? { clientAddress: address } : {},
    );
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  };
}

const cheap = '{ hubSummary { organisations } }';

describe('rate limits on /graphql', () => {
  it('gives each address its own budget for anonymous requests, then answers 429 with Retry-After', async () => {
    const send = hub();
    for (let i = 0; i < 3; i++) expect((await send(cheap, { address: '203.0.113.7' })).status).toBe(200);
    const refused = await send(cheap, { address: '203.0.113.7' });
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.message).toBe(refusalMessage('anonymous', Number(refused.retryAfter)));
    expect(refused.body.errors?.[0]?.message).toMatch(
      /^Er komen te veel verzoeken zonder inloggen van dit adres\. Probeer het over \d+ seconden? opnieuw\.$/,
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    expect((await send(cheap, { address: '203.0.113.8' })).status).toBe(200);
  });

  it('counts each API token on its own budget, whatever address it comes from', async () => {
    const send = hub();
    for (let i = 0; i < 4; i++)
      expect((await send(cheap, { address: '198.51.100.1', token: alice.token })).status).toBe(200);
    const refused = await send(cheap, { address: '198.51.100.2', token: alice.token });
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.message).toMatch(/^Er komen te veel verzoeken met dit API-token\./);
    // Another token from the same address, and anonymous requests from it, still have their budgets.
    expect((await send(cheap, { address: '198.51.100.1', token: bob.token })).status).toBe(200);
    expect((await send(cheap, { address: '198.51.100.1' })).status).toBe(200);
  });

  it('counts a request with an unknown token as anonymous: made-up tokens do not buy budgets', async () => {
    const send = hub();
    for (let i = 0; i < 3; i++)
      expect((await send(cheap, { address: '192.0.2.50', token: `gpt_verzonnen${i}` })).status).toBe(200);
    expect((await send(cheap, { address: '192.0.2.50', token: 'gpt_nogeen' })).status).toBe(429);
  });

  it('gives expensive operations (exports, imports, costly queries) a budget of their own', async () => {
    const send = hub();
    for (let i = 0; i < 2; i++)
      expect((await send('{ gemmaAmeff }', { address: '192.0.2.9', token: alice.token })).status).toBe(200);
    const refused = await send('{ gemmaAmeff }', { address: '192.0.2.9', token: alice.token });
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.message).toMatch(
      /^Er komen te veel zware verzoeken \(exports, imports of grote opvragingen\) van dit adres of token\./,
    );
    // Cheap operations with the same token still go through (the token's own budget has room for them).
    expect((await send(cheap, { address: '192.0.2.9', token: alice.token })).status).toBe(200);
    // A query that costs more than the threshold counts as expensive too.
    const costly =
      '{ organisations { usages(first: 100) { edges { node { key status product { name architecture } } } } } }';
    const document = parse(costly);
    const { cost } = operationCost(schema, getOperationAST(document) as OperationDefinitionNode, () => undefined);
    expect(cost).toBeGreaterThan(EXPENSIVE_COST);
    expect(cost).toBeLessThan(QUERY_LIMITS.cost);
    expect((await send(costly, { address: '192.0.2.9', token: bob.token })).status).toBe(200);
    expect((await send(costly, { address: '192.0.2.9', token: bob.token })).status).toBe(200);
    expect((await send(costly, { address: '192.0.2.9', token: bob.token })).status).toBe(429);
  });

  it('never counts requests made in process (the pages’ own queries, tools)', async () => {
    const send = hub();
    for (let i = 0; i < 10; i++) expect((await send(cheap)).status).toBe(200);
  });

  it('is off when GRONDPLAN_RATE_LIMITS=off', async () => {
    const send = hub(
      new RateLimits({
        ...rateLimitConfig({ GRONDPLAN_RATE_LIMITS: 'off' }),
        points: { anonymous: 1, signedIn: 1, token: 1, expensive: 1 },
      }),
    );
    for (let i = 0; i < 5; i++) expect((await send(cheap, { address: '192.0.2.77' })).status).toBe(200);
  });
});

describe('configuration', () => {
  it('reads each budget from its variable, with defaults', () => {
    expect(rateLimitConfig({})).toEqual({ enabled: true, points: DEFAULT_RATE_LIMITS, windowSeconds: 60 });
    expect(
      rateLimitConfig({ GRONDPLAN_RATE_LIMIT_ANONYMOUS: '10', GRONDPLAN_RATE_LIMIT_TOKEN: '5000' }).points,
    ).toEqual({
      ...DEFAULT_RATE_LIMITS,
      anonymous: 10,
      token: 5000,
    });
    expect(() => rateLimitConfig({ GRONDPLAN_RATE_LIMIT_EXPENSIVE: 'veel' })).toThrow(
      'GRONDPLAN_RATE_LIMIT_EXPENSIVE must be a whole number of requests per minute of at least 1; it is "veel".',
    );
  });
});

describe('the client address', () => {
  const none = trustedProxies('');
  it('is the socket’s address; X-Forwarded-For is ignored unless the proxy is trusted', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.99', none)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', undefined, none)).toBe('127.0.0.1');
    expect(clientAddress(undefined, '198.51.100.99', none)).toBeUndefined();
  });

  it('behind trusted proxies, is the last forwarded address that is not a trusted proxy', () => {
    const proxies = trustedProxies('127.0.0.1, 10.0.0.0/8');
    // The client wrote "1.2.3.4" itself; the proxy at 10.1.1.1 saw 198.51.100.99 and passed it on.
    expect(clientAddress('127.0.0.1', '1.2.3.4, 198.51.100.99, 10.1.1.1', proxies)).toBe('198.51.100.99');
    // A request straight from an untrusted address keeps that address, whatever it claims.
    expect(clientAddress('203.0.113.7', '1.2.3.4', proxies)).toBe('203.0.113.7');
    expect(() => trustedProxies('proxy.example')).toThrow(
      'GRONDPLAN_TRUST_PROXY names "proxy.example", which is no IP address or subnet.',
    );
  });

  it('counts IPv6 clients per /64, the block one subscriber gets', () => {
    expect(clientAddress('2001:db8:1:2:aaaa::1', undefined, none)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8:1:2:bbbb::9', undefined, none)).toBe('2001:db8:1:2::/64');
  });
});

describe('every file upload and every export is an expensive operation', () => {
  const uploads = (type: GraphQLInputType, seen = new Set<string>()): boolean => {
    const named = getNamedType(type);
    if (named.name === 'File') return true;
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => uploads(f.type, seen));
  };

  it('counts every mutation that takes a file against the budget for expensive operations', () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    const withFile = mutations.filter((m) => m.args.some((a) => uploads(a.type))).map((m) => m.name);
    expect(withFile.length).toBeGreaterThanOrEqual(5);
    expect(withFile.filter((name) => !IMPORTS.has(name))).toEqual([]);
    for (const name of withFile)
      expect(isExpensive(parse(`mutation { ${name}(input: {}) { __typename } }`))).toBe(true);
  });

  it('weighs every file a landscape is exported as like a long list', () => {
    // The organisation's own text fields; every other String field builds a file and must be an export field.
    const text = new Set(['cbsCode', 'description', 'name', 'slug', 'website']);
    const organisation = schema.getType('Organisation') as GraphQLObjectType;
    const files = Object.values(organisation.getFields())
      .filter((f) => getNullableType(f.type) === GraphQLString && f.args.length === 0 && !text.has(f.name))
      .map((f) => `Organisation.${f.name}`);
    expect(files).toContain('Organisation.softwarecatalogusCsv');
    expect(files.filter((f) => !EXPORT_FIELDS.has(f))).toEqual([]);
    expect(isExpensive(parse('{ organisations { softwarecatalogusCsv } }'))).toBe(true);
  });
});
