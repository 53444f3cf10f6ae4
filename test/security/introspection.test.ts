// In production, the API's schema is for signed-in users: anonymous introspection is refused with a Dutch message
// (GraphiQL's page redirects to sign-in: test/e2e/availability.test.ts). Outside production it stays open.
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTROSPECTION_NEEDS_SIGN_IN } from '#graphql/introspection.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser, type TestUser } from '../helpers/users.ts';

let t: TestDatabase;
let member: TestUser;
beforeAll(async () => {
  t = await createTestDatabase();
  member = await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }]);
});
afterAll(() => t?.drop());

async function ask(query: string, { production, token }: { production: boolean; token?: string }) {
  const yoga = createGraphQLServer(t.db, { introspectionNeedsSignIn: () => production });
  const response = await yoga.fetch('http://grondplan.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] },
  };
}

describe('introspection', () => {
  it('is refused to anonymous visitors in production, for __schema and __type alike, also inside a fragment', async () => {
    for (const query of [
      getIntrospectionQuery(),
      '{ __type(name: "Organisation") { fields { name } } }',
      'query { ...schema } fragment schema on Query { __schema { queryType { name } } }',
    ]) {
      const { status, body } = await ask(query, { production: true });
      expect(status).toBe(403);
      expect(body.data).toBeUndefined();
      expect(body.errors?.map((e) => e.message)).toEqual([INTROSPECTION_NEEDS_SIGN_IN]);
    }
  });

  it('is answered to signed-in users in production, and to anyone outside production', async () => {
    const signedIn = await ask(getIntrospectionQuery(), { production: true, token: member.token });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data?.__schema).toMatchObject({ queryType: { name: 'Query' } });
    const development = await ask('{ __type(name: "Organisation") { name } }', { production: false });
    expect(development.body.data).toEqual({ __type: { name: 'Organisation' } });
  });

  it('leaves __typename open: it tells nothing about the schema', async () => {
    const { status, body } = await ask('{ __typename }', { production: true });
    expect(status).toBe(200);
    expect(body.data).toEqual({ __typename: 'Query' });
  });
});
