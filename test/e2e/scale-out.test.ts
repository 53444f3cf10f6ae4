// Two instances of the hub on one PostgreSQL database behave as one: a session made on one is valid on the other,
// signing out on one ends it on both, sign-in attempts are counted together, and a change made through one is seen
// at once through the other, also where the other had cached an answer or built a search index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';
import { type RunningHub, startHub } from './server.ts';

let database: TestDatabase;
let a: RunningHub;
let b: RunningHub;
const editor = { email: 'schaal@emmen.test', password: 'een lang wachtwoord voor twee' };

beforeAll(async () => {
  database = await createTestDatabase({ provider: 'postgres' });
  await createUser(database.db, editor.email, [{ organisation: 'emmen', role: 'EDITOR' }], {
    password: editor.password,
  });
  [a, b] = await Promise.all([startHub(database), startHub(database)]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
});

async function gql<T>(
  hub: RunningHub,
  query: string,
  variables: Record<string, unknown> = {},
  session?: string,
): Promise<T> {
  const response = await fetch(`${hub.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { cookie: `gp_session=${session}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: T }).data;
}

const signIn = (hub: RunningHub, password = editor.password) =>
  gql<{ signIn: { __typename: string; data?: { token: string } } }>(
    hub,
    'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on SignInSuccess { data { token } } } }',
    { e: editor.email, p: password },
  );

describe('two instances on one PostgreSQL database', () => {
  it('share sessions: signed in on one, known on the other; signed out on one, gone on both', async () => {
    const token = (await signIn(a)).signIn.data?.token ?? '';
    expect(token).not.toBe('');
    const page = await fetch(`${b.baseUrl}/account`, {
      headers: { cookie: `gp_session=${token}` },
      redirect: 'manual',
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(editor.email);
    await gql(a, 'mutation($t: String!) { signOut(token: $t) }', { t: token }, token);
    const after = await fetch(`${b.baseUrl}/account`, {
      headers: { cookie: `gp_session=${token}` },
      redirect: 'manual',
    });
    expect(after.status).toBe(303);
  });

  it('see each other’s changes at once, through cached answers and the search index', async () => {
    const session = (await signIn(b)).signIn.data?.token ?? '';
    const read = () =>
      gql<{ products: { totalCount: number } }>(
        b,
        '{ products(search: "Schaalproef") { totalCount } }',
        {},
        session,
      ).then((d) => d.products.totalCount);
    const find = () =>
      gql<{ search: { title: string }[] }>(b, '{ search(query: "Schaalproef") { title } }', {}, session).then((d) =>
        d.search.map((h) => h.title),
      );
    expect(await read()).toBe(0);
    expect(await find()).not.toContain('Schaalproef');
    const created = await gql<{ createProduct: { __typename: string } }>(
      a,
      `mutation { createProduct(input: { organisation: "emmen", name: "Schaalproef", supplier: "maykin-media", architecture: COMMON_GROUND,
        layers: [SERVICE], referenceComponents: ["0e99ec6c-283a-4ec9-8efa-e11468e6b878"] }) { __typename } }`,
      {},
      session,
    );
    expect(created.createProduct.__typename).toBe('CreateProductSuccess');
    expect(await read()).toBe(1);
    expect(await find()).toContain('Schaalproef');
  });

  it('count failed sign-ins together, so spreading attempts over instances does not help', async () => {
    for (const hub of [a, b, a, b, a])
      expect((await signIn(hub, 'fout wachtwoord!!')).signIn.__typename).not.toBe('SignInSuccess');
    expect((await signIn(b)).signIn.__typename).not.toBe('SignInSuccess');
  });
});
