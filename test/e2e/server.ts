// Starts the built hub (dist/server/entry.mjs) on a free loopback port against a migrated, seeded throwaway database.
import { startBuiltServer } from '#scripts/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { nextTotpCode, TEST_TOTP_SECRET } from '../helpers/totp.ts';
import { createUser } from '../helpers/users.ts';

/** An admin (and so an editor) of Emmen the browser tests sign in as. */
export const EDITOR = { email: 'redacteur@emmen.test', password: 'een lang en geheim wachtwoord' };
/** A signed-in user who belongs to no organisation yet, and so reads nothing but the own account. */
export const NO_MEMBERSHIP = { email: 'nieuw@elders.test', password: 'nog een lang geheim wachtwoord' };
/** An instance administrator, who keeps the GEMMA model. */
export const INSTANCE_ADMIN = {
  email: 'beheerder@grondplan.test',
  password: 'een ander lang geheim wachtwoord',
  totpSecret: TEST_TOTP_SECRET,
};

export interface RunningHub {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * A hub on its own throwaway database with the test users, or (given a database) one more instance of a shared one;
 * `env` adds to the server's environment (mail settings, say).
 */
export async function startHub(shared?: TestDatabase, env: Record<string, string> = {}): Promise<RunningHub> {
  const database: TestDatabase = shared ?? (await createTestDatabase());
  if (!shared) {
    await createUser(database.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], {
      password: EDITOR.password,
    });
    await createUser(database.db, INSTANCE_ADMIN.email, [], {
      password: INSTANCE_ADMIN.password,
      instanceAdmin: true,
      totpSecret: INSTANCE_ADMIN.totpSecret,
    });
    await createUser(database.db, NO_MEMBERSHIP.email, [], { password: NO_MEMBERSHIP.password });
  }
  const server = await startBuiltServer(database.url, env);
  return {
    baseUrl: server.baseUrl,
    stop: async () => {
      await server.stop();
      if (!shared) await database.drop();
    },
  };
}

/** Signs in through the API of a running hub, as a script would (with the second step when the user has a seed), and returns the session token (the gp_session cookie). */
export async function signInOverApi(
  baseUrl: string,
  user: { email: string; password: string; totpSecret?: string },
): Promise<string> {
  const call = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return ((await response.json()) as { data?: Record<string, { data?: { token: string }; challenge?: string }> })
      .data;
  };
  const first = await call(
    'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { ... on SignInSuccess { data { token } } ... on SecondFactorRequiredError { challenge } } }',
    { e: user.email, p: user.password },
  );
  let token = first?.signIn?.data?.token;
  const challenge = first?.signIn?.challenge;
  if (challenge && user.totpSecret) {
    const second = await call(
      'mutation($c: String!, $code: String!) { completeSignIn(challenge: $c, code: $code) { ... on CompleteSignInSuccess { data { token } } } }',
      {
        c: challenge,
        code: await nextTotpCode(user.email, user.totpSecret),
      },
    );
    token = second?.completeSignIn?.data?.token;
  }
  if (!token) throw new Error(`Could not sign in as ${user.email}`);
  return token;
}
